package io.github.video2gif.core.gif;

import java.io.ByteArrayOutputStream;

/**
 * Builds GIF files byte by byte for tests of damaged and hostile input. Its LZW encoder writes only literal codes
 * and clears the table before the code size would grow (an "uncompressed" GIF), so it shares nothing with the
 * reader's decoder.
 */
final class RawGif {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private RawGif() {
    }

    /** A GIF89a header; {@code globalPalette} (0xRRGGBB, a power of two from 2 to 256 entries) may be null. */
    static RawGif header(int width, int height, int[] globalPalette) {
        RawGif g = new RawGif();
        g.ascii("GIF89a");
        g.u16(width);
        g.u16(height);
        g.out.write(globalPalette == null ? 0 : 0x80 | 0x70 | sizeBits(globalPalette.length));
        g.out.write(0);
        g.out.write(0);
        if (globalPalette != null) {
            g.palette(globalPalette);
        }
        return g;
    }

    RawGif loop(int count) {
        out.write(0x21);
        out.write(0xFF);
        out.write(11);
        ascii("NETSCAPE2.0");
        out.write(3);
        out.write(1);
        u16(count);
        out.write(0);
        return this;
    }

    RawGif gce(int disposal, int delayCs, int transparentIndex) {
        out.write(0x21);
        out.write(0xF9);
        out.write(4);
        out.write((disposal << 2) | (transparentIndex >= 0 ? 1 : 0));
        u16(delayCs);
        out.write(Math.max(0, transparentIndex));
        out.write(0);
        return this;
    }

    RawGif comment(String text) {
        out.write(0x21);
        out.write(0xFE);
        subBlocks(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return this;
    }

    /** An image descriptor, optional local palette, then the given LZW minimum code size and coded data. */
    RawGif image(int left, int top, int w, int h, int[] localPalette, boolean interlace, int minCodeSize,
                 byte[] lzw) {
        out.write(0x2C);
        u16(left);
        u16(top);
        u16(w);
        u16(h);
        out.write((localPalette != null ? 0x80 | sizeBits(localPalette.length) : 0) | (interlace ? 0x40 : 0));
        if (localPalette != null) {
            palette(localPalette);
        }
        out.write(minCodeSize);
        subBlocks(lzw);
        return this;
    }

    /** An image of palette indices, stored row by row (or in interlaced row order when {@code interlace}). */
    RawGif image(int left, int top, int w, int h, int[] localPalette, boolean interlace, int[] indices) {
        int minCodeSize = 2;
        for (int i : indices) {
            while (i >= (1 << minCodeSize)) {
                minCodeSize++;
            }
        }
        int[] stored = interlace ? interlaceOrder(w, h, indices) : indices;
        return image(left, top, w, h, localPalette, interlace, minCodeSize, literalLzw(minCodeSize, stored));
    }

    RawGif trailer() {
        out.write(0x3B);
        return this;
    }

    RawGif raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** LZW data holding only literals, with a clear code before the code size would grow, and an end code. */
    static byte[] literalLzw(int minCodeSize, int[] indices) {
        int clear = 1 << minCodeSize;
        int size = minCodeSize + 1;
        BitWriter bits = new BitWriter();
        int run = 0;
        bits.write(clear, size);
        for (int index : indices) {
            if (run == clear - 2) {
                bits.write(clear, size);
                run = 0;
            }
            bits.write(index, size);
            run++;
        }
        bits.write(clear + 1, size);
        return bits.bytes();
    }

    /**
     * LZW data holding only literals and never a clear code after the first: the code size grows with the
     * decoder's table as GIF89a prescribes, and stays at 12 bits once the table is full ("deferred clear").
     */
    static byte[] literalLzwNoClear(int minCodeSize, int[] indices) {
        int clear = 1 << minCodeSize;
        int size = minCodeSize + 1;
        int next = clear + 2;
        BitWriter bits = new BitWriter();
        bits.write(clear, size);
        boolean firstCode = true;
        for (int index : indices) {
            bits.write(index, size);
            if (!firstCode && next < 4096) {
                next++;
                if (next == (1 << size) && size < 12) {
                    size++;
                }
            }
            firstCode = false;
        }
        bits.write(clear + 1, size);
        return bits.bytes();
    }

    /** Raw codes at a fixed code size (for corrupt streams). */
    static byte[] codes(int size, int... codes) {
        BitWriter bits = new BitWriter();
        for (int c : codes) {
            bits.write(c, size);
        }
        return bits.bytes();
    }

    static int[] interlaceOrder(int w, int h, int[] rows) {
        int[] out = new int[w * h];
        int o = 0;
        int[][] passes = {{0, 8}, {4, 8}, {2, 4}, {1, 2}};
        for (int[] pass : passes) {
            for (int y = pass[0]; y < h; y += pass[1]) {
                System.arraycopy(rows, y * w, out, o, w);
                o += w;
            }
        }
        return out;
    }

    private void subBlocks(byte[] data) {
        for (int i = 0; i < data.length; i += 255) {
            int n = Math.min(255, data.length - i);
            out.write(n);
            out.write(data, i, n);
        }
        out.write(0);
    }

    private void palette(int[] rgb) {
        for (int c : rgb) {
            out.write(c >> 16);
            out.write(c >> 8);
            out.write(c);
        }
    }

    private static int sizeBits(int entries) {
        int bits = Integer.numberOfTrailingZeros(entries) - 1;
        if (Integer.bitCount(entries) != 1 || bits < 0 || bits > 7) {
            throw new IllegalArgumentException("palette size " + entries);
        }
        return bits;
    }

    private void u16(int v) {
        out.write(v & 0xFF);
        out.write((v >> 8) & 0xFF);
    }

    private void ascii(String s) {
        for (char c : s.toCharArray()) {
            out.write(c);
        }
    }

    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int acc;
        private int n;

        void write(int code, int size) {
            acc |= code << n;
            n += size;
            while (n >= 8) {
                out.write(acc & 0xFF);
                acc >>>= 8;
                n -= 8;
            }
        }

        byte[] bytes() {
            if (n > 0) {
                out.write(acc & 0xFF);
                acc = 0;
                n = 0;
            }
            return out.toByteArray();
        }
    }
}
