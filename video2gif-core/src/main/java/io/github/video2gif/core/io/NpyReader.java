package io.github.video2gif.core.io;

import io.github.video2gif.api.UnsafeWeightFileException;
import io.github.video2gif.api.WeightFileException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads numpy's {@code .npy} format (versions 1.0, 2.0 and 3.0): numeric arrays of float16/32/64, integers and
 * booleans in either byte order and in C or Fortran order become an {@link NdArray} (float values, C order);
 * object arrays ({@code |O}), whose payload is a pickle, are read with the restricted {@link PickleReader} and
 * become an {@link ObjectArray}. Structured, string and complex arrays are refused with a clear error.
 */
public final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 20;

    private NpyReader() {
    }

    /** Reads a numeric array; an object array is an error. */
    public static NdArray readArray(Path file) throws WeightFileException {
        Object o = read(file, WeightFileLimits.DEFAULT);
        if (o instanceof NdArray a) {
            return a;
        }
        throw new WeightFileException(file, "\"" + file + "\" holds a numpy object array; expected numbers");
    }

    /** Reads an {@link NdArray} or an {@link ObjectArray} from a file. */
    public static Object read(Path file, WeightFileLimits limits) throws WeightFileException {
        Objects.requireNonNull(file, "file");
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new WeightFileException(file, "Cannot read numpy file \"" + file + "\": " + e, e);
        }
        try (InputStream s = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(s, size, file, "numpy file \"" + file + "\"", limits);
        } catch (WeightFileException e) {
            throw e;
        } catch (IOException e) {
            throw new WeightFileException(file, "Cannot read numpy file \"" + file + "\": " + e, e);
        }
    }

    /**
     * Reads one array from a stream.
     *
     * @param length bytes available, or -1 when unknown
     * @param what   how to name the data in messages
     */
    public static Object read(InputStream stream, long length, Path source, String what, WeightFileLimits limits)
            throws WeightFileException {
        ByteSource in = new ByteSource(stream, length, source, what, limits);
        byte[] magic = in.readBytes(MAGIC.length, "reading the .npy magic");
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) {
                throw new WeightFileException(source, what + " is not a numpy .npy file (no \\x93NUMPY magic)");
            }
        }
        int major = in.read("reading the format version");
        in.read("reading the format version");
        long headerLen = switch (major) {
            case 1 -> in.readLittleEndian(2, "reading the header length");
            case 2, 3 -> in.readLittleEndian(4, "reading the header length");
            default -> throw new WeightFileException(source, what + " has .npy format version " + major
                    + "; versions 1 to 3 are known");
        };
        if (headerLen > MAX_HEADER) {
            throw new UnsafeWeightFileException(source, what + " announces a header of " + headerLen + " bytes");
        }
        String header = new String(in.readBytes(headerLen, "reading the header"),
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Map<String, Object> h = parseHeader(header, source, what);
        Object descr = h.get("descr");
        Object fortranObj = h.get("fortran_order");
        Object shapeObj = h.get("shape");
        if (descr instanceof ListMarker) {
            throw new WeightFileException(source, what + " holds a structured numpy array (descr " + header.strip()
                    + "); only plain float, integer, boolean and object arrays are supported");
        }
        if (!(descr instanceof String d) || !(fortranObj instanceof Boolean fortran) || !(shapeObj instanceof List<?> sl)
                || !sl.stream().allMatch(x -> x instanceof Long)) {
            throw new WeightFileException(source, what + " has an incomplete header (needs descr, fortran_order,"
                    + " shape): " + header.strip());
        }
        NumpyDtype dtype = NumpyDtype.parse(d);
        if (dtype == null) {
            throw new WeightFileException(source, what + " holds numpy dtype \"" + d
                    + "\"; only float, integer, boolean and object arrays are supported");
        }
        long[] shape = new long[sl.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = (Long) sl.get(i);
        }
        int count = ArrayDecoding.elementCount(shape, limits, source, what);
        int[] s = ArrayDecoding.toIntShape(shape);
        if (dtype.isObject()) {
            Object o = PickleReader.read(stream, length < 0 ? -1 : length - in.position(), source,
                    what + " (its object-array pickle)", limits);
            if (!(o instanceof ObjectArray a)) {
                throw new WeightFileException(source, what + " has dtype object but its pickle holds a "
                        + PickleReader.typeName(o) + ", not an object array");
            }
            if (!java.util.Arrays.equals(a.shape(), s)) {
                throw new WeightFileException(source, what + ": header shape " + NdArray.shapeString(s)
                        + " differs from its pickle's shape " + NdArray.shapeString(a.shape()));
            }
            return a;
        }
        long bytes = (long) count * dtype.itemSize();
        byte[] raw = in.readBytes(bytes, "reading " + count + " values of " + NdArray.shapeString(s));
        return ArrayDecoding.decode(raw, 0, raw.length, dtype, s, fortran, source, what);
    }

    /**
     * Parses the header, a Python dict literal such as
     * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 16, 128, 171), }}.
     */
    static Map<String, Object> parseHeader(String header, Path source, String what) throws WeightFileException {
        HeaderParser p = new HeaderParser(header.strip(), source, what);
        Object v = p.value();
        p.skipSpace();
        if (p.pos != p.s.length() || !(v instanceof Map<?, ?>)) {
            throw new WeightFileException(source, what + " has a malformed header: " + header.strip());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        return m;
    }

    private static final class HeaderParser {
        final String s;
        final Path source;
        final String what;
        int pos;

        HeaderParser(String s, Path source, String what) {
            this.s = s;
            this.source = source;
            this.what = what;
        }

        WeightFileException bad() {
            return new WeightFileException(source, what + " has a malformed header near character " + pos + ": " + s);
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        Object value() throws WeightFileException {
            skipSpace();
            if (pos >= s.length()) {
                throw bad();
            }
            char c = s.charAt(pos);
            if (c == '{') {
                pos++;
                Map<String, Object> m = new LinkedHashMap<>();
                while (true) {
                    skipSpace();
                    if (pos < s.length() && s.charAt(pos) == '}') {
                        pos++;
                        return m;
                    }
                    Object k = value();
                    skipSpace();
                    if (!(k instanceof String key) || pos >= s.length() || s.charAt(pos) != ':') {
                        throw bad();
                    }
                    pos++;
                    m.put(key, value());
                    separator('}');
                }
            }
            if (c == '(' || c == '[') {
                char close = c == '(' ? ')' : ']';
                pos++;
                List<Object> l = new ArrayList<>();
                while (true) {
                    skipSpace();
                    if (pos < s.length() && s.charAt(pos) == close) {
                        pos++;
                        return c == '(' ? l : new ListMarker(l);
                    }
                    l.add(value());
                    separator(close);
                }
            }
            if (c == '\'' || c == '"') {
                int end = s.indexOf(c, pos + 1);
                if (end < 0) {
                    throw bad();
                }
                String str = s.substring(pos + 1, end);
                pos = end + 1;
                return str;
            }
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '-'
                    || s.charAt(pos) == '_')) {
                pos++;
            }
            String tok = s.substring(start, pos);
            switch (tok) {
                case "True":
                    return Boolean.TRUE;
                case "False":
                    return Boolean.FALSE;
                case "None":
                    return null;
                default:
                    try {
                        return Long.parseLong(tok.endsWith("L") ? tok.substring(0, tok.length() - 1) : tok);
                    } catch (NumberFormatException e) {
                        throw bad();
                    }
            }
        }

        void separator(char close) throws WeightFileException {
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == ',') {
                pos++;
                return;
            }
            if (pos < s.length() && s.charAt(pos) == close) {
                return;
            }
            throw bad();
        }
    }

    /** A bracketed list in a header (a structured dtype's descr): never a valid shape. */
    private record ListMarker(List<Object> items) {
    }
}
