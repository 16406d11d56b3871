package io.github.video2gif.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small, strict JSON (RFC 8259) reader and writer for the project's own files: model metadata, frame-score
 * files, evaluation reports.
 *
 * <p>Values map to Java as: object to an unmodifiable {@code Map<String, Object>} (member order kept), array to
 * an unmodifiable {@code List<Object>}, string to {@code String}, {@code true}/{@code false} to
 * {@code Boolean}, {@code null} to {@code null}, a number without fraction or exponent that fits a
 * {@code long} to {@code Long}, any other number to {@code Double}. Duplicate member names, trailing commas,
 * comments, NaN and a nesting deeper than {@value #MAX_DEPTH} are rejected with a {@link JsonException} that
 * gives the line and column.
 *
 * <p>The writer takes the same types (any {@code Map} with string keys, any {@code Iterable}, any
 * {@code Number}, {@code float[]}/{@code double[]}/{@code int[]}/{@code long[]}) and refuses non-finite numbers.
 */
public final class Json {
    /** The deepest nesting of arrays and objects the reader accepts. */
    public static final int MAX_DEPTH = 256;

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** Parses one JSON value that fills the whole text (white space aside). */
    public static Object parse(CharSequence text) {
        Json p = new Json(Objects.requireNonNull(text, "text").toString());
        p.skipSpace();
        Object v = p.value(0);
        p.skipSpace();
        if (p.pos < p.text.length()) {
            throw p.error("unexpected text after the JSON value");
        }
        return v;
    }

    /** The value as JSON text on one line. */
    public static String write(Object value) {
        return write(value, false);
    }

    /** The value as JSON text; {@code pretty} indents by two spaces, one member or element per line. */
    public static String write(Object value, boolean pretty) {
        StringBuilder sb = new StringBuilder();
        write(value, sb, pretty);
        return sb.toString();
    }

    /** Appends the value as JSON text. */
    public static void write(Object value, Appendable out, boolean pretty) {
        try {
            writeValue(value, out, pretty ? 0 : -1);
            if (pretty) {
                out.append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------- typed access

    /** {@code value} as an object; {@code what} names it in the error. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asObject(Object value, String what) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new JsonException(what + " must be a JSON object, was " + describe(value));
    }

    /** {@code value} as an array. */
    @SuppressWarnings("unchecked")
    public static List<Object> asArray(Object value, String what) {
        if (value instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new JsonException(what + " must be a JSON array, was " + describe(value));
    }

    /** {@code value} as a string. */
    public static String asString(Object value, String what) {
        if (value instanceof String s) {
            return s;
        }
        throw new JsonException(what + " must be a JSON string, was " + describe(value));
    }

    /** {@code value} as a finite number. */
    public static double asDouble(Object value, String what) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new JsonException(what + " must be a number, was " + describe(value));
    }

    /** {@code value} as a whole number in {@code [min, max]} (a number like {@code 3.0} counts as whole). */
    public static long asLong(Object value, String what, long min, long max) {
        long v;
        if (value instanceof Long l) {
            v = l;
        } else if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p53) {
            v = d.longValue();
        } else {
            throw new JsonException(what + " must be a whole number, was " + describe(value));
        }
        if (v < min || v > max) {
            throw new JsonException(what + " must be in [" + min + ", " + max + "], was " + v);
        }
        return v;
    }

    /** {@code value} as a boolean. */
    public static boolean asBoolean(Object value, String what) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new JsonException(what + " must be true or false, was " + describe(value));
    }

    /** A member that must be present. */
    public static Object member(Map<String, Object> object, String name, String what) {
        if (!object.containsKey(name)) {
            throw new JsonException(what + " lacks the member \"" + name + "\"");
        }
        return object.get(name);
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof String s) {
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        return v.toString();
    }

    // ------------------------------------------------------------------------------------------------- reading

    private Object value(int depth) {
        if (pos >= text.length()) {
            throw error("unexpected end of text, expected a value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character " + quoteChar(c) + ", expected a value");
        }
    }

    private Map<String, Object> object(int depth) {
        checkDepth(depth);
        pos++; // {
        Map<String, Object> m = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(m);
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a member name in double quotes");
            }
            int at = pos;
            String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            Object v = value(depth);
            if (m.containsKey(name)) {
                pos = at;
                throw error("duplicate member name \"" + name + "\"");
            }
            m.put(name, v);
            skipSpace();
            char c = peek();
            pos++;
            if (c == '}') {
                return Collections.unmodifiableMap(m);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}' in an object");
            }
        }
    }

    private List<Object> array(int depth) {
        checkDepth(depth);
        pos++; // [
        List<Object> l = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(l);
        }
        while (true) {
            skipSpace();
            l.add(value(depth));
            skipSpace();
            char c = peek();
            pos++;
            if (c == ']') {
                return Collections.unmodifiableList(l);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']' in an array");
            }
        }
    }

    private String string() {
        pos++; // opening quote
        StringBuilder sb = null;
        int start = pos;
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String s = sb == null ? text.substring(start, pos) : sb.append(text, start, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) {
                throw error("control character " + quoteChar(c) + " inside a string (escape it)");
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(text, start, pos);
                pos++;
                if (pos >= text.length()) {
                    throw error("unterminated escape");
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case '/' -> sb.append('/');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("short \\u escape");
                        }
                        int cp = 0;
                        for (int i = 0; i < 4; i++) {
                            int d = Character.digit(text.charAt(pos + i), 16);
                            if (d < 0) {
                                throw error("bad hex digit in \\u escape");
                            }
                            cp = cp * 16 + d;
                        }
                        pos += 4;
                        sb.append((char) cp);
                    }
                    default -> {
                        pos--;
                        throw error("bad escape \\" + e);
                    }
                }
                start = pos;
            } else {
                pos++;
            }
        }
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw error("bad number: expected a digit");
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) {
                throw error("bad number: expected a digit after '.'");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("bad number: expected a digit in the exponent");
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        String s = text.substring(start, pos);
        if (integral && s.length() <= 19) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException ignored) {
                // too large for a long: fall through to double
            }
        }
        double d = Double.parseDouble(s);
        if (Double.isInfinite(d)) {
            pos = start;
            throw error("number out of range: " + s);
        }
        return d;
    }

    private void literal(String word) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected text, expected " + word);
        }
        pos += word.length();
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else {
                break;
            }
        }
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
    }

    private JsonException error(String message) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new JsonException("JSON error at line " + line + ", column " + col + ": " + message, line, col);
    }

    private static String quoteChar(char c) {
        return c < 0x20 || c > 0x7e ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    // ------------------------------------------------------------------------------------------------- writing

    private static void writeValue(Object v, Appendable out, int indent) throws IOException {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            writeString(s, out);
        } else if (v instanceof Boolean b) {
            out.append(b.toString());
        } else if (v instanceof Double || v instanceof Float) {
            writeFloating(((Number) v).doubleValue(), v instanceof Float, out);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            out.append(v.toString());
        } else if (v instanceof Number n) {
            writeFloating(n.doubleValue(), false, out);
        } else if (v instanceof Map<?, ?> m) {
            writeObject(m, out, indent);
        } else if (v instanceof Iterable<?> it) {
            List<Object> l = new ArrayList<>();
            it.forEach(l::add);
            writeArray(l, out, indent);
        } else if (v instanceof double[] a) {
            List<Object> l = new ArrayList<>(a.length);
            for (double d : a) {
                l.add(d);
            }
            writeArray(l, out, indent);
        } else if (v instanceof float[] a) {
            List<Object> l = new ArrayList<>(a.length);
            for (float f : a) {
                l.add(f);
            }
            writeArray(l, out, indent);
        } else if (v instanceof int[] a) {
            List<Object> l = new ArrayList<>(a.length);
            for (int i : a) {
                l.add(i);
            }
            writeArray(l, out, indent);
        } else if (v instanceof long[] a) {
            List<Object> l = new ArrayList<>(a.length);
            for (long i : a) {
                l.add(i);
            }
            writeArray(l, out, indent);
        } else {
            throw new IllegalArgumentException("cannot write a " + v.getClass().getName() + " as JSON");
        }
    }

    private static void writeFloating(double d, boolean single, Appendable out) throws IOException {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("JSON has no representation for " + d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            out.append(d == 0 && 1 / d < 0 ? "-0" : Long.toString((long) d)).append(".0");
            return;
        }
        out.append(single ? Float.toString((float) d) : Double.toString(d));
    }

    private static void writeObject(Map<?, ?> m, Appendable out, int indent) throws IOException {
        if (m.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException("JSON object keys must be strings, was " + e.getKey());
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            newline(out, indent + 1);
            writeString(key, out);
            out.append(indent >= 0 ? ": " : ":");
            writeValue(e.getValue(), out, indent >= 0 ? indent + 1 : -1);
        }
        newline(out, indent);
        out.append('}');
    }

    private static void writeArray(List<Object> l, Appendable out, int indent) throws IOException {
        if (l.isEmpty()) {
            out.append("[]");
            return;
        }
        // arrays of plain numbers stay on one line even when pretty: long score vectors remain readable
        boolean flat = indent < 0 || l.stream().allMatch(o -> o instanceof Number);
        out.append('[');
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) {
                out.append(flat && indent >= 0 ? ", " : ",");
            }
            if (!flat) {
                newline(out, indent + 1);
            }
            writeValue(l.get(i), out, indent >= 0 ? indent + 1 : -1);
        }
        if (!flat) {
            newline(out, indent);
        }
        out.append(']');
    }

    private static void newline(Appendable out, int indent) throws IOException {
        if (indent < 0) {
            return;
        }
        out.append('\n');
        for (int i = 0; i < indent; i++) {
            out.append("  ");
        }
    }

    private static void writeString(String s, Appendable out) throws IOException {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A JSON text is malformed, or a value has the wrong type; the message says where and what. */
    public static final class JsonException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;

        public JsonException(String message) {
            this(message, -1, -1);
        }

        JsonException(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }

        /** 1-based line of a syntax error, or -1 for a type error. */
        public int line() {
            return line;
        }

        /** 1-based column of a syntax error, or -1 for a type error. */
        public int column() {
            return column;
        }
    }
}
