package io.github.video2gif.core.io;

import io.github.video2gif.api.UnsafeWeightFileException;
import io.github.video2gif.api.WeightFileException;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A restricted reader of Python pickles (protocols 0 to 5, as written by Python 2 and 3) that rebuilds only plain
 * data: numbers, text, byte strings, lists, tuples, dicts, sets, numpy dtypes and numpy arrays.
 *
 * <p>A pickle is a small program for a stack machine that may import and call any Python global. This reader
 * interprets the data opcodes itself and knows a fixed list of globals, each mapped to a data rule, never to
 * code: numpy's array reconstruction ({@code numpy.core.multiarray._reconstruct}, or {@code numpy._core...} as
 * newer numpy writes it, with {@code numpy.ndarray}), {@code numpy.dtype}, numpy scalars, numpy's
 * {@code _frombuffer} (protocol 5) and {@code _codecs.encode(text, 'latin1')} (how Python 3 writes byte strings
 * in protocols 0-2). Any other global ({@code os.system}, {@code builtins.eval}, ...), any class instantiation
 * opcode ({@code INST}, {@code OBJ}, {@code NEWOBJ}), persistent ids, extension codes and out-of-band buffers are
 * refused with {@link UnsafeWeightFileException}; a malformed or truncated stream fails with
 * {@link WeightFileException}. Nothing from the file is ever executed or instantiated. Sizes are checked against
 * {@link WeightFileLimits} before allocating.
 *
 * <p>Results: {@code None} is {@code null}; {@code bool} a {@link Boolean}; {@code int} a {@link Long} (or
 * {@link BigInteger} when larger); {@code float} a {@link Double}; {@code str}/{@code unicode} a {@link String};
 * {@code bytes}, {@code bytearray} and Python 2 {@code str} a {@link PickleBytes}; {@code list} a mutable
 * {@link List}; {@code tuple} an {@code Object[]}; {@code dict} a {@link Map}; {@code set}/{@code frozenset} a
 * {@link Set}; numeric arrays {@link NdArray}; object arrays {@link ObjectArray}; dtypes {@link NumpyDtype}.
 */
public final class PickleReader {
    private static final Object MARK_SENTINEL = new Object();

    private final ByteSource in;
    private final WeightFileLimits limits;
    private final List<Object> stack = new ArrayList<>();
    private final ArrayDeque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private int protocol;
    private long created;

    private PickleReader(ByteSource in) {
        this.in = in;
        this.limits = in.limits();
    }

    /** Reads one pickle from a file. */
    public static Object read(Path file) throws WeightFileException {
        return read(file, WeightFileLimits.DEFAULT);
    }

    /** Reads one pickle from a file under the given limits. */
    public static Object read(Path file, WeightFileLimits limits) throws WeightFileException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(limits, "limits");
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new WeightFileException(file, "Cannot read pickle \"" + file + "\": " + e, e);
        }
        try (InputStream s = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(s, size, file, "pickle \"" + file + "\"", limits);
        } catch (IOException e) {
            if (e instanceof WeightFileException w) {
                throw w;
            }
            throw new WeightFileException(file, "Cannot read pickle \"" + file + "\": " + e, e);
        }
    }

    /** Reads one pickle from bytes. */
    public static Object read(byte[] bytes, Path source, String what) throws WeightFileException {
        return read(new ByteArrayInputStream(bytes), bytes.length, source, what, WeightFileLimits.DEFAULT);
    }

    /**
     * Reads one pickle from a stream (buffer it: the reader takes single bytes).
     *
     * @param length the number of bytes available, or -1 when unknown
     * @param source the file the bytes come from, for errors (may be null)
     * @param what   how to name the data in messages, e.g. {@code pickle "c3d_model.pkl"}
     */
    public static Object read(InputStream stream, long length, Path source, String what, WeightFileLimits limits)
            throws WeightFileException {
        PickleReader r = new PickleReader(new ByteSource(stream, length, source, what, limits));
        Object result = r.run();
        return resolve(result, r.in);
    }

    // ---------------------------------------------------------------------------------------------------------
    // the interpreter

    private Object run() throws WeightFileException {
        while (true) {
            int op = in.read("reading the next opcode (no STOP opcode found)");
            switch (op) {
                case 0x80 -> { // PROTO
                    protocol = in.read("reading the protocol");
                    if (protocol > 5) {
                        throw in.malformed("unsupported pickle protocol " + protocol + " (0 to 5 are known)");
                    }
                }
                case 0x95 -> { // FRAME: a hint only
                    long n = in.readLittleEndian(8, "reading a frame length");
                    if (n < 0) {
                        throw in.malformed("negative frame length");
                    }
                }
                case '.' -> { // STOP
                    if (stack.isEmpty()) {
                        throw in.malformed("STOP with an empty stack");
                    }
                    Object v = pop();
                    if (v == MARK_SENTINEL) {
                        throw in.malformed("STOP with a mark on the stack");
                    }
                    return v;
                }
                case '(' -> { // MARK
                    marks.push(stack.size());
                    checkItems(marks.size());
                }
                case '0' -> pop(); // POP
                case '1' -> popMark(); // POP_MARK
                case '2' -> push(peek()); // DUP
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'I' -> push(parseIntLine(in.readLine("reading an INT")));
                case 'J' -> push((long) (int) in.readLittleEndian(4, "reading a BININT"));
                case 'K' -> push((long) in.read("reading a BININT1"));
                case 'M' -> push(in.readLittleEndian(2, "reading a BININT2"));
                case 'L' -> push(parseLongLine(in.readLine("reading a LONG")));
                case 0x8a -> push(readLong(in.read("reading a LONG1 length")));
                case 0x8b -> {
                    long n = (int) in.readLittleEndian(4, "reading a LONG4 length");
                    if (n < 0 || n > 1024) {
                        throw new UnsafeWeightFileException(in.source(), in.what() + ": an integer of " + n
                                + " bytes at byte " + in.position() + "; weight files hold no such numbers");
                    }
                    push(readLong((int) n));
                }
                case 'F' -> push(parseFloatLine(in.readLine("reading a FLOAT")));
                case 'G' -> push(ByteBuffer.wrap(in.readBytes(8, "reading a BINFLOAT")).order(ByteOrder.BIG_ENDIAN)
                        .getDouble());
                case 'S' -> push(new PickleBytes(parseStringRepr(in.readLine("reading a STRING"))));
                case 'T' -> push(new PickleBytes(in.readBytes((int) in.readLittleEndian(4, "reading a BINSTRING length"),
                        "reading a BINSTRING")));
                case 'U' -> push(new PickleBytes(in.readBytes(in.read("reading a SHORT_BINSTRING length"),
                        "reading a SHORT_BINSTRING")));
                case 'V' -> push(decodeRawUnicodeEscape(in.readLine("reading a UNICODE")));
                case 'X' -> push(in.readUtf8(in.readLittleEndian(4, "reading a BINUNICODE length"),
                        "reading a BINUNICODE"));
                case 0x8c -> push(in.readUtf8(in.read("reading a SHORT_BINUNICODE length"),
                        "reading a SHORT_BINUNICODE"));
                case 0x8d -> push(in.readUtf8(in.readLittleEndian(8, "reading a BINUNICODE8 length"),
                        "reading a BINUNICODE8"));
                case 'B' -> push(new PickleBytes(in.readBytes(in.readLittleEndian(4, "reading a BINBYTES length"),
                        "reading a BINBYTES")));
                case 'C' -> push(new PickleBytes(in.readBytes(in.read("reading a SHORT_BINBYTES length"),
                        "reading a SHORT_BINBYTES")));
                case 0x8e -> push(new PickleBytes(in.readBytes(in.readLittleEndian(8, "reading a BINBYTES8 length"),
                        "reading a BINBYTES8")));
                case 0x96 -> push(new PickleBytes(in.readBytes(in.readLittleEndian(8, "reading a BYTEARRAY8 length"),
                        "reading a BYTEARRAY8")));
                case ']' -> push(new ArrayList<>());
                case 'l' -> push(new ArrayList<>(popMark()));
                case 'a' -> { // APPEND
                    Object v = pop();
                    listAt(peek()).add(v);
                    checkItems(listAt(peek()).size());
                }
                case 'e' -> { // APPENDS
                    List<Object> items = popMark();
                    List<Object> list = listAt(peek());
                    list.addAll(items);
                    checkItems(list.size());
                }
                case ')' -> push(new Object[0]);
                case 't' -> push(popMark().toArray());
                case 0x85 -> push(new Object[] {pop()});
                case 0x86 -> {
                    Object b = pop();
                    Object a = pop();
                    push(new Object[] {a, b});
                }
                case 0x87 -> {
                    Object c = pop();
                    Object b = pop();
                    Object a = pop();
                    push(new Object[] {a, b, c});
                }
                case '}' -> push(new LinkedHashMap<>());
                case 'd' -> {
                    List<Object> items = popMark();
                    Map<Object, Object> m = new LinkedHashMap<>();
                    putPairs(m, items);
                    push(m);
                }
                case 's' -> { // SETITEM
                    Object v = pop();
                    Object k = pop();
                    Map<Object, Object> m = mapAt(peek());
                    m.put(key(k), v);
                    checkItems(m.size());
                }
                case 'u' -> { // SETITEMS
                    List<Object> items = popMark();
                    putPairs(mapAt(peek()), items);
                }
                case 0x8f -> push(new LinkedHashSet<>());
                case 0x90 -> { // ADDITEMS
                    List<Object> items = popMark();
                    Object top = peek();
                    if (!(top instanceof Set<?>)) {
                        throw in.malformed("ADDITEMS on a " + typeName(top));
                    }
                    @SuppressWarnings("unchecked")
                    Set<Object> set = (Set<Object>) top;
                    for (Object o : items) {
                        set.add(key(o));
                    }
                    checkItems(set.size());
                }
                case 0x91 -> { // FROZENSET
                    Set<Object> set = new LinkedHashSet<>();
                    for (Object o : popMark()) {
                        set.add(key(o));
                    }
                    push(set);
                }
                case 'p' -> memoPut(parseMemoIndex(in.readLine("reading a PUT index")));
                case 'q' -> memoPut(in.read("reading a BINPUT index"));
                case 'r' -> memoPut(in.readLittleEndian(4, "reading a LONG_BINPUT index"));
                case 0x94 -> memoPut(memo.size()); // MEMOIZE
                case 'g' -> push(memoGet(parseMemoIndex(in.readLine("reading a GET index"))));
                case 'h' -> push(memoGet(in.read("reading a BINGET index")));
                case 'j' -> push(memoGet(in.readLittleEndian(4, "reading a LONG_BINGET index")));
                case 'c' -> { // GLOBAL
                    String module = in.readLine("reading a GLOBAL module");
                    String name = in.readLine("reading a GLOBAL name");
                    push(global(module, name));
                }
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop();
                    Object module = pop();
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw in.malformed("STACK_GLOBAL needs two strings, found " + typeName(module) + " and "
                                + typeName(name));
                    }
                    push(global(m, n));
                }
                case 'R' -> { // REDUCE
                    Object args = pop();
                    Object callable = pop();
                    push(reduce(callable, args));
                }
                case 'b' -> { // BUILD
                    Object state = pop();
                    build(peek(), state);
                }
                case 'i' -> throw refused("the INST opcode (creating an instance of "
                        + safeText(in.readLine("reading INST")) + ")");
                case 'o' -> throw refused("the OBJ opcode (creating a class instance)");
                case 0x81 -> throw refused("the NEWOBJ opcode (creating a class instance)");
                case 0x92 -> throw refused("the NEWOBJ_EX opcode (creating a class instance)");
                case 'P', 'Q' -> throw refused("a persistent id (a reference to an outside object)");
                case 0x82, 0x83, 0x84 -> throw refused("an extension-registry code (an indirect global)");
                case 0x97, 0x98 -> throw refused("an out-of-band buffer (protocol 5 buffers are not supported)");
                default -> throw in.malformed("unknown opcode 0x" + Integer.toHexString(op)
                        + " (not a pickle, or a damaged one)");
            }
        }
    }

    private UnsafeWeightFileException refused(String what) {
        return new UnsafeWeightFileException(in.source(), in.what() + " uses " + what + " at byte " + in.position()
                + "; a weight file may only hold numpy arrays and plain containers. Refused; nothing was executed.");
    }

    private void push(Object o) throws WeightFileException {
        stack.add(o);
        checkItems(stack.size());
        if (++created > 4L * limits.maxContainerItems()) {
            throw new UnsafeWeightFileException(in.source(), in.what() + " creates more than "
                    + 4L * limits.maxContainerItems() + " values at byte " + in.position()
                    + "; weight files hold a few large arrays. Refused");
        }
    }

    private Object pop() throws WeightFileException {
        int markFloor = marks.isEmpty() ? 0 : marks.peek();
        if (stack.size() <= markFloor) {
            throw in.malformed(stack.isEmpty() ? "pop from an empty stack" : "pop across a mark");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() throws WeightFileException {
        int markFloor = marks.isEmpty() ? 0 : marks.peek();
        if (stack.size() <= markFloor) {
            throw in.malformed("the stack is empty where a value was expected");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popMark() throws WeightFileException {
        if (marks.isEmpty()) {
            throw in.malformed("no mark on the stack");
        }
        int at = marks.pop();
        List<Object> tail = stack.subList(at, stack.size());
        List<Object> items = new ArrayList<>(tail);
        tail.clear();
        return items;
    }

    private void checkItems(int n) throws WeightFileException {
        if (n > limits.maxContainerItems()) {
            throw new UnsafeWeightFileException(in.source(), in.what() + " builds more than "
                    + limits.maxContainerItems() + " items at byte " + in.position() + "; refused");
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object> listAt(Object o) throws WeightFileException {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw in.malformed("APPEND on a " + typeName(o) + ", expected a list");
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> mapAt(Object o) throws WeightFileException {
        if (o instanceof Map<?, ?> m) {
            return (Map<Object, Object>) m;
        }
        throw in.malformed("SETITEM on a " + typeName(o) + ", expected a dict");
    }

    private void putPairs(Map<Object, Object> m, List<Object> items) throws WeightFileException {
        if (items.size() % 2 != 0) {
            throw in.malformed("odd number of items for a dict");
        }
        for (int i = 0; i < items.size(); i += 2) {
            m.put(key(items.get(i)), items.get(i + 1));
        }
        checkItems(m.size());
    }

    /** Dict keys and set members must be hashable plain values. */
    private Object key(Object k) throws WeightFileException {
        if (k == null || k instanceof String || k instanceof Long || k instanceof BigInteger || k instanceof Double
                || k instanceof Boolean || k instanceof PickleBytes) {
            return k;
        }
        if (k instanceof Object[] t) {
            return Arrays.asList(t.clone()); // a tuple key compares by content
        }
        throw in.malformed("unhashable dict key or set member of type " + typeName(k));
    }

    private void memoPut(long index) throws WeightFileException {
        if (index < 0) {
            throw in.malformed("negative memo index");
        }
        memo.put(index, peek());
        checkItems(memo.size());
    }

    private Object memoGet(long index) throws WeightFileException {
        if (!memo.containsKey(index)) {
            throw in.malformed("memo index " + index + " was never stored");
        }
        return memo.get(index);
    }

    private long parseMemoIndex(String s) throws WeightFileException {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw in.malformed("bad memo index \"" + safeText(s) + "\"");
        }
    }

    private Object parseIntLine(String s) throws WeightFileException {
        String t = s.trim();
        if (t.equals("00")) {
            return Boolean.FALSE;
        }
        if (t.equals("01")) {
            return Boolean.TRUE;
        }
        return parseLongLine(t);
    }

    private Object parseLongLine(String s) throws WeightFileException {
        String t = s.trim();
        if (t.endsWith("L")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.length() > 400) {
            throw new UnsafeWeightFileException(in.source(), in.what() + ": an integer of " + t.length()
                    + " digits at byte " + in.position() + "; refused");
        }
        try {
            BigInteger v = new BigInteger(t);
            return v.bitLength() < 64 ? (Object) v.longValue() : v;
        } catch (NumberFormatException e) {
            throw in.malformed("bad integer \"" + safeText(s) + "\"");
        }
    }

    private Object readLong(int n) throws WeightFileException {
        if (n == 0) {
            return 0L;
        }
        byte[] le = in.readBytes(n, "reading a long integer");
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = le[n - 1 - i];
        }
        BigInteger v = new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private double parseFloatLine(String s) throws WeightFileException {
        String t = s.trim();
        try {
            return switch (t) {
                case "nan" -> Double.NaN;
                case "inf" -> Double.POSITIVE_INFINITY;
                case "-inf" -> Double.NEGATIVE_INFINITY;
                default -> {
                    if (!t.matches("[-+]?[0-9.eE+-]+")) {
                        throw new NumberFormatException(t);
                    }
                    yield Double.parseDouble(t);
                }
            };
        } catch (NumberFormatException e) {
            throw in.malformed("bad float \"" + safeText(s) + "\"");
        }
    }

    /** Python 2 {@code repr()} of a byte string: quoted, with backslash escapes. */
    private byte[] parseStringRepr(String line) throws WeightFileException {
        String s = line.strip();
        if (s.length() < 2 || (s.charAt(0) != '\'' && s.charAt(0) != '"') || s.charAt(s.length() - 1) != s.charAt(0)) {
            throw in.malformed("STRING argument is not quoted");
        }
        s = s.substring(1, s.length() - 1);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.write(c & 0xff);
                continue;
            }
            if (++i >= s.length()) {
                throw in.malformed("STRING ends in a backslash");
            }
            char e = s.charAt(i);
            switch (e) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 'f' -> out.write(12);
                case 'v' -> out.write(11);
                case '\\', '\'', '"' -> out.write(e);
                case 'x' -> {
                    if (i + 2 >= s.length()) {
                        throw in.malformed("short \\x escape in STRING");
                    }
                    out.write(hex(s.substring(i + 1, i + 3)));
                    i += 2;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = 0;
                        int j = i;
                        while (j < s.length() && j < i + 3 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                            v = v * 8 + (s.charAt(j) - '0');
                            j++;
                        }
                        out.write(v & 0xff);
                        i = j - 1;
                    } else {
                        out.write('\\');
                        out.write(e & 0xff);
                    }
                }
            }
        }
        return out.toByteArray();
    }

    private int hex(String h) throws WeightFileException {
        try {
            return Integer.parseInt(h, 16);
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw in.malformed("bad \\x escape \"" + safeText(h) + "\"");
        }
    }

    /** Protocol 0 UNICODE: Latin-1 bytes with {@code \\uXXXX} and {@code \\UXXXXXXXX} escapes. */
    private String decodeRawUnicodeEscape(String s) throws WeightFileException {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U')) {
                int len = s.charAt(i + 1) == 'u' ? 4 : 8;
                if (i + 2 + len > s.length()) {
                    throw in.malformed("short unicode escape");
                }
                int cp;
                try {
                    cp = Integer.parseInt(s.substring(i + 2, i + 2 + len), 16);
                } catch (NumberFormatException e) {
                    throw in.malformed("bad unicode escape");
                }
                if (!Character.isValidCodePoint(cp)) {
                    throw in.malformed("bad code point in unicode escape");
                }
                b.appendCodePoint(cp);
                i += 1 + len;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // the allowed globals and what REDUCE and BUILD may do with them

    /** The only globals a weight file may name; each is a data rule here, never Python code. */
    enum Global {
        RECONSTRUCT, NDARRAY, DTYPE, SCALAR, FROMBUFFER, CODECS_ENCODE;

        @Override
        public String toString() {
            return "<numpy global " + name().toLowerCase(java.util.Locale.ROOT) + ">";
        }
    }

    private Global global(String module, String name) throws WeightFileException {
        String qualified = module + "." + name;
        switch (qualified) {
            case "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct":
                return Global.RECONSTRUCT;
            case "numpy.ndarray":
                return Global.NDARRAY;
            case "numpy.dtype":
                return Global.DTYPE;
            case "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar":
                return Global.SCALAR;
            case "numpy.core.numeric._frombuffer", "numpy._core.numeric._frombuffer":
                return Global.FROMBUFFER;
            case "_codecs.encode":
                return Global.CODECS_ENCODE;
            default:
                throw new UnsafeWeightFileException(in.source(), in.what() + " names the Python global \""
                        + safeText(qualified) + "\" at byte " + in.position()
                        + "; a weight file may only use numpy's array reconstruction (numpy.core.multiarray."
                        + "_reconstruct, numpy.ndarray, numpy.dtype). Refused; nothing was executed.");
        }
    }

    private Object reduce(Object callable, Object argsObj) throws WeightFileException {
        if (!(callable instanceof Global g)) {
            throw in.malformed("REDUCE on a " + typeName(callable) + ", expected one of the allowed numpy globals");
        }
        if (!(argsObj instanceof Object[] args)) {
            throw in.malformed("REDUCE arguments must be a tuple, found " + typeName(argsObj));
        }
        switch (g) {
            case RECONSTRUCT -> {
                // _reconstruct(numpy.ndarray, (0,), b'b'): an empty array that BUILD fills
                if (args.length != 3 || args[0] != Global.NDARRAY) {
                    throw refused("numpy _reconstruct with arguments other than (numpy.ndarray, shape, typecode)");
                }
                return new ArrayUnderConstruction();
            }
            case DTYPE -> {
                if (args.length < 1) {
                    throw in.malformed("numpy.dtype without a type string");
                }
                String descr = text(args[0], "a dtype type string");
                NumpyDtype d = NumpyDtype.parse(descr);
                if (d == null) {
                    throw new WeightFileException(in.source(), in.what() + " holds an array of numpy dtype \""
                            + safeText(descr) + "\"; only float, integer, boolean and object arrays are supported");
                }
                return d;
            }
            case SCALAR -> {
                if (args.length != 2 || !(args[0] instanceof NumpyDtype d) || d.isObject()) {
                    throw refused("numpy scalar with arguments other than (numeric dtype, bytes)");
                }
                byte[] raw = bytes(args[1], "a numpy scalar's bytes");
                NdArray one = ArrayDecoding.decode(raw, 0, raw.length, d, new int[0], false, in.source(), in.what());
                return (double) one.data()[0];
            }
            case FROMBUFFER -> {
                // _frombuffer(buffer, dtype, shape, order)
                if (args.length != 4 || !(args[1] instanceof NumpyDtype d)) {
                    throw refused("numpy _frombuffer with arguments other than (buffer, dtype, shape, order)");
                }
                if (d.isObject()) {
                    throw in.malformed("an object array cannot come from a raw buffer");
                }
                byte[] raw = bytes(args[0], "an array buffer");
                long[] shape = shape(args[2]);
                String order = text(args[3], "an array order");
                int[] s = ArrayDecoding.toIntShape(checkedShape(shape));
                return ArrayDecoding.decode(raw, 0, raw.length, d, s, order.equals("F"), in.source(), in.what());
            }
            case CODECS_ENCODE -> {
                // Python 3 writes bytes as _codecs.encode(text, 'latin1') in protocols 0-2
                if (args.length != 2 || !(args[0] instanceof String t)) {
                    throw refused("_codecs.encode with arguments other than (text, 'latin1')");
                }
                String enc = text(args[1], "an encoding name").toLowerCase(java.util.Locale.ROOT);
                if (!enc.equals("latin1") && !enc.equals("latin-1") && !enc.equals("iso-8859-1")) {
                    throw refused("_codecs.encode with the encoding \"" + safeText(enc) + "\" (only latin1)");
                }
                return new PickleBytes(latin1(t, "encoded text"));
            }
            default -> throw refused("calling " + g);
        }
    }

    private void build(Object target, Object state) throws WeightFileException {
        if (target instanceof NumpyDtype d) {
            // (version, byteorder, subarray, names, fields, elsize, alignment, flags[, metadata])
            if (!(state instanceof Object[] t) || t.length < 8) {
                throw in.malformed("numpy dtype state must be a tuple of 8 or 9 items");
            }
            if (t[2] != null || t[3] != null || t[4] != null) {
                throw new WeightFileException(in.source(), in.what() + " holds a structured or sub-array numpy dtype;"
                        + " only plain numeric and object arrays are supported");
            }
            String order = text(t[1], "a dtype byte order");
            if (order.length() != 1 || "<>|=".indexOf(order.charAt(0)) < 0) {
                throw in.malformed("bad dtype byte order \"" + safeText(order) + "\"");
            }
            d.setByteOrder(order.charAt(0));
            return;
        }
        if (target instanceof ArrayUnderConstruction a) {
            if (a.built) {
                throw in.malformed("a numpy array received its state twice");
            }
            // (version, shape, dtype, is_fortran, data) or, from old numpy, without the version
            if (!(state instanceof Object[] t) || (t.length != 5 && t.length != 4)) {
                throw in.malformed("numpy array state must be a tuple of 4 or 5 items");
            }
            int o = t.length - 4;
            long[] shape = checkedShape(shape(t[o]));
            if (!(t[o + 1] instanceof NumpyDtype d)) {
                throw in.malformed("numpy array state has no dtype (found " + typeName(t[o + 1]) + ")");
            }
            boolean fortran = truth(t[o + 2]);
            Object data = t[o + 3];
            int[] s = ArrayDecoding.toIntShape(shape);
            if (d.isObject()) {
                if (!(data instanceof List<?> items)) {
                    throw in.malformed("an object array's data must be a list, found " + typeName(data));
                }
                long n = 1;
                for (long x : shape) {
                    n *= x;
                }
                if (items.size() != n) {
                    throw in.malformed("object array of shape " + ArrayDecoding.shapeString(shape) + " holds "
                            + items.size() + " items");
                }
                List<Object> elements = new ArrayList<>(items);
                if (fortran && s.length > 1) {
                    elements = fortranObjectsToC(elements, s);
                }
                a.result = new PendingObjectArray(s, elements);
            } else {
                byte[] raw = bytes(data, "array data");
                a.result = ArrayDecoding.decode(raw, 0, raw.length, d, s, fortran, in.source(), in.what());
            }
            a.built = true;
            return;
        }
        throw refused("BUILD on a " + typeName(target) + " (setting the state of an object other than a numpy array"
                + " or dtype)");
    }

    private long[] checkedShape(long[] shape) throws WeightFileException {
        ArrayDecoding.elementCount(shape, limits, in.source(), in.what());
        return shape;
    }

    private long[] shape(Object o) throws WeightFileException {
        if (o instanceof Long l) {
            return new long[] {l};
        }
        if (!(o instanceof Object[] t)) {
            throw in.malformed("an array shape must be a tuple of integers, found " + typeName(o));
        }
        if (t.length > 32) {
            throw in.malformed("an array of " + t.length + " dimensions (numpy allows 32 at most)");
        }
        long[] s = new long[t.length];
        for (int i = 0; i < t.length; i++) {
            if (!(t[i] instanceof Long l)) {
                throw in.malformed("an array shape must be a tuple of integers, found " + typeName(t[i]));
            }
            s[i] = l;
        }
        return s;
    }

    private boolean truth(Object o) throws WeightFileException {
        if (o instanceof Boolean b) {
            return b;
        }
        if (o instanceof Long l) {
            return l != 0;
        }
        throw in.malformed("expected a boolean, found " + typeName(o));
    }

    private String text(Object o, String what) throws WeightFileException {
        if (o instanceof String s) {
            return s;
        }
        if (o instanceof PickleBytes b) {
            return new String(b.value(), StandardCharsets.ISO_8859_1);
        }
        throw in.malformed("expected text for " + what + ", found " + typeName(o));
    }

    /** Byte strings: Python 2 str, bytes, bytearray, or text read with latin1 (as numpy's loader does). */
    private byte[] bytes(Object o, String what) throws WeightFileException {
        if (o instanceof PickleBytes b) {
            return b.value();
        }
        if (o instanceof String s) {
            return latin1(s, what);
        }
        throw in.malformed("expected a byte string for " + what + ", found " + typeName(o));
    }

    private byte[] latin1(String s, String what) throws WeightFileException {
        byte[] out = new byte[s.length()];
        for (int i = 0; i < out.length; i++) {
            char c = s.charAt(i);
            if (c > 0xff) {
                throw in.malformed(what + " holds a character above U+00FF; it is not Latin-1 encoded bytes");
            }
            out[i] = (byte) c;
        }
        return out;
    }

    private static List<Object> fortranObjectsToC(List<Object> f, int[] shape) {
        float[] idx = new float[f.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        float[] c = ArrayDecoding.fortranToC(idx, shape);
        List<Object> out = new ArrayList<>(f.size());
        for (float v : c) {
            out.add(f.get((int) v));
        }
        return out;
    }

    static String typeName(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Object[]) {
            return "tuple";
        }
        if (o instanceof List<?>) {
            return "list";
        }
        if (o instanceof Map<?, ?>) {
            return "dict";
        }
        if (o instanceof Global g) {
            return g.toString();
        }
        if (o instanceof ArrayUnderConstruction) {
            return "numpy array";
        }
        return o.getClass().getSimpleName();
    }

    private static String safeText(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 120; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.length() > 120 ? b + "..." : b.toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // finishing: replace arrays under construction by their values, without recursion

    /** A numpy array made by {@code _reconstruct}, waiting for its state from BUILD. */
    private static final class ArrayUnderConstruction {
        boolean built;
        Object result; // NdArray or PendingObjectArray
    }

    /** An object array whose elements may still hold arrays under construction. */
    private static final class PendingObjectArray {
        final int[] shape;
        final List<Object> elements;

        PendingObjectArray(int[] shape, List<Object> elements) {
            this.shape = shape;
            this.elements = elements;
        }
    }

    private static Object resolve(Object root, ByteSource in) throws WeightFileException {
        Map<Object, Object> done = new IdentityHashMap<>();
        Deque<Object> work = new ArrayDeque<>();
        Object top = finish(root, done, work, in, 0);
        while (!work.isEmpty()) {
            Object c = work.pop();
            if (c instanceof List<?> l) {
                @SuppressWarnings("unchecked")
                List<Object> list = (List<Object>) l;
                for (int i = 0; i < list.size(); i++) {
                    list.set(i, finish(list.get(i), done, work, in, 0));
                }
            } else if (c instanceof Object[] t) {
                for (int i = 0; i < t.length; i++) {
                    t[i] = finish(t[i], done, work, in, 0);
                }
            } else if (c instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<Object, Object> map = (Map<Object, Object>) m;
                for (Map.Entry<Object, Object> e : map.entrySet()) {
                    e.setValue(finish(e.getValue(), done, work, in, 0));
                }
            } else if (c instanceof Collection<?>) {
                // sets hold only hashable plain values
                continue;
            }
        }
        return top;
    }

    private static Object finish(Object o, Map<Object, Object> done, Deque<Object> work, ByteSource in, int depth)
            throws WeightFileException {
        if (depth > 64) {
            throw new UnsafeWeightFileException(in.source(), in.what() + " nests object arrays more than 64 deep;"
                    + " refused");
        }
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean
                || o instanceof PickleBytes || o instanceof NdArray || o instanceof NumpyDtype) {
            return o;
        }
        if (o instanceof Global g) {
            throw in.malformed("the pickle returns the bare global " + g + " instead of data");
        }
        Object seen = done.get(o);
        if (seen != null) {
            return seen;
        }
        if (o instanceof ArrayUnderConstruction a) {
            if (!a.built) {
                throw in.malformed("a numpy array never received its state (shape, dtype, data)");
            }
            Object v = a.result;
            if (v instanceof PendingObjectArray p) {
                Object r = finish(p, done, work, in, depth + 1);
                done.put(o, r);
                return r;
            }
            done.put(o, v);
            return v;
        }
        if (o instanceof PendingObjectArray p) {
            // resolve elements first (they are plain containers or arrays), then freeze
            List<Object> elems = p.elements;
            done.put(o, MARK_SENTINEL);
            for (int i = 0; i < elems.size(); i++) {
                Object e = elems.get(i);
                Object r = finish(e, done, work, in, depth + 1);
                if (r == MARK_SENTINEL) {
                    throw in.malformed("an object array contains itself");
                }
                elems.set(i, r);
            }
            // containers inside are queued in work; they are fixed in place, so freezing the list is safe
            ObjectArray arr = new ObjectArray(p.shape, elems);
            done.put(o, arr);
            return arr;
        }
        if (o instanceof List<?> || o instanceof Object[] || o instanceof Map<?, ?> || o instanceof Set<?>) {
            done.put(o, o);
            work.push(o);
            return o;
        }
        throw in.malformed("unexpected value of type " + typeName(o));
    }
}
