package io.github.video2gif.core.io;

import io.github.video2gif.api.UnsafeWeightFileException;
import io.github.video2gif.api.WeightFileException;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A forward-only reader over a weight file's bytes that never allocates more than the bytes actually present:
 * a length field announcing more data than remains fails at once when the total length is known, and is read
 * in bounded chunks otherwise.
 */
final class ByteSource {
    private static final int CHUNK = 1 << 20;

    private final InputStream in;
    private final long length; // -1 when unknown
    private final Path source;
    private final String what;
    private final WeightFileLimits limits;
    private long position;

    ByteSource(InputStream in, long length, Path source, String what, WeightFileLimits limits) {
        this.in = in;
        this.length = length;
        this.source = source;
        this.what = what;
        this.limits = limits;
    }

    Path source() {
        return source;
    }

    String what() {
        return what;
    }

    long position() {
        return position;
    }

    WeightFileLimits limits() {
        return limits;
    }

    WeightFileException truncated(String during) {
        return new WeightFileException(source, what + " is truncated: the data ends at byte " + position + " while "
                + during + "; the file is incomplete or damaged (download it again)");
    }

    WeightFileException malformed(String detail) {
        return new WeightFileException(source, what + " is malformed at byte " + position + ": " + detail);
    }

    int read(String during) throws WeightFileException {
        int b;
        try {
            b = in.read();
        } catch (IOException e) {
            throw new WeightFileException(source, "Cannot read " + what + ": " + e.getMessage(), e);
        }
        if (b < 0) {
            throw truncated(during);
        }
        position++;
        checkTotal();
        return b;
    }

    /** Reads exactly {@code n} bytes. */
    byte[] readBytes(long n, String during) throws WeightFileException {
        if (n < 0) {
            throw malformed("negative length " + n + " while " + during);
        }
        if (n > limits.maxObjectBytes()) {
            throw new UnsafeWeightFileException(source, what + " announces an object of " + n + " bytes at byte "
                    + position + " (limit " + limits.maxObjectBytes() + "); refused before allocating it");
        }
        if (length >= 0 && n > length - position) {
            position = length;
            throw truncated(during + " (" + n + " bytes announced)");
        }
        try {
            if (length >= 0 || n <= CHUNK) {
                byte[] out = new byte[(int) n];
                int off = 0;
                while (off < n) {
                    int r = in.read(out, off, (int) n - off);
                    if (r < 0) {
                        position += off;
                        throw truncated(during);
                    }
                    off += r;
                }
                position += n;
                checkTotal();
                return out;
            }
            // unknown total length: grow with the data actually present
            ByteArrayOutputStream buf = new ByteArrayOutputStream(CHUNK);
            byte[] chunk = new byte[CHUNK];
            long left = n;
            while (left > 0) {
                int r = in.read(chunk, 0, (int) Math.min(chunk.length, left));
                if (r < 0) {
                    position += n - left;
                    throw truncated(during);
                }
                buf.write(chunk, 0, r);
                left -= r;
            }
            position += n;
            checkTotal();
            return buf.toByteArray();
        } catch (EOFException e) {
            throw truncated(during);
        } catch (IOException e) {
            throw new WeightFileException(source, "Cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    /** Reads up to and excluding the next newline, as Latin-1 text (pickle protocol 0 arguments). */
    String readLine(String during) throws WeightFileException {
        StringBuilder b = new StringBuilder();
        while (true) {
            int c = read(during);
            if (c == '\n') {
                return b.toString();
            }
            if (b.length() >= limits.maxObjectBytes() || b.length() > (1 << 26)) {
                throw new UnsafeWeightFileException(source, what + ": a text line longer than the limit at byte "
                        + position);
            }
            b.append((char) c);
        }
    }

    long readLittleEndian(int bytes, String during) throws WeightFileException {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v |= ((long) read(during)) << (8 * i);
        }
        return v;
    }

    String readUtf8(long n, String during) throws WeightFileException {
        return new String(readBytes(n, during), StandardCharsets.UTF_8);
    }

    private void checkTotal() throws WeightFileException {
        if (position > limits.maxTotalBytes()) {
            throw new UnsafeWeightFileException(source, what + " is larger than the limit of " + limits.maxTotalBytes()
                    + " bytes");
        }
    }
}
