package io.github.video2gif.core.io;

import java.nio.ByteOrder;
import java.util.Locale;

/**
 * A numpy element type, as far as weight files need one: a kind ({@code f} float, {@code i} signed integer,
 * {@code u} unsigned integer, {@code b} boolean, {@code O} Python object), an item size in bytes and a byte order.
 * Structured, string, complex and date types are refused by the readers.
 */
public final class NumpyDtype {
    private final char kind;
    private final int itemSize;
    private char byteOrder;

    private NumpyDtype(char kind, int itemSize, char byteOrder) {
        this.kind = kind;
        this.itemSize = itemSize;
        this.byteOrder = byteOrder;
    }

    /**
     * Parses a type string such as {@code <f4}, {@code >f8}, {@code |u1}, {@code f4}, {@code O8}, {@code |O}.
     *
     * @return the type, or {@code null} when the string is not a supported numeric or object type
     */
    static NumpyDtype parse(String descr) {
        if (descr == null || descr.isEmpty() || descr.length() > 8) {
            return null;
        }
        char order = '=';
        String s = descr;
        char first = s.charAt(0);
        if (first == '<' || first == '>' || first == '|' || first == '=') {
            order = first;
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            return null;
        }
        char kind = s.charAt(0);
        String digits = s.substring(1);
        int size;
        if (digits.isEmpty()) {
            size = switch (kind) {
                case 'O' -> 8;
                case 'b', '?' -> 1;
                default -> -1;
            };
        } else {
            if (!digits.chars().allMatch(Character::isDigit) || digits.length() > 2) {
                return null;
            }
            size = Integer.parseInt(digits);
        }
        if (kind == '?') {
            kind = 'b';
        }
        boolean ok = switch (kind) {
            case 'f' -> size == 2 || size == 4 || size == 8;
            case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
            case 'b' -> size == 1;
            case 'O' -> size == 8 || size == 4;
            default -> false;
        };
        if (!ok) {
            return null;
        }
        if (size == 1 || kind == 'O') {
            order = '|';
        }
        return new NumpyDtype(kind, size, order);
    }

    /** Sets the byte order from a pickled dtype state ({@code <}, {@code >}, {@code |}, {@code =}). */
    void setByteOrder(char order) {
        if (itemSize > 1 && kind != 'O') {
            this.byteOrder = order;
        }
    }

    /** {@code f}, {@code i}, {@code u}, {@code b} or {@code O}. */
    public char kind() {
        return kind;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** Whether elements are Python objects (pickled). */
    public boolean isObject() {
        return kind == 'O';
    }

    /** The byte order of multi-byte elements; native order ({@code =}) is read as little endian. */
    public ByteOrder order() {
        return byteOrder == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /** The numpy type string, e.g. {@code <f4}. */
    public String descr() {
        return String.format(Locale.ROOT, "%c%c%s", byteOrder, kind, kind == 'O' ? "" : Integer.toString(itemSize));
    }

    @Override
    public String toString() {
        return "dtype('" + descr() + "')";
    }
}
