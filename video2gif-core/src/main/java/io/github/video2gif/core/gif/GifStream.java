package io.github.video2gif.core.gif;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the blocks of a GIF89a file (header, logical screen, global colour table, NETSCAPE2.0 loop extension,
 * graphic control extensions, image descriptors, LZW data in sub-blocks, trailer) to a stream.
 */
final class GifStream {
    /** Disposal method 1: leave the frame in place for the next one to draw over. */
    static final int DISPOSE_KEEP = 1;

    private final OutputStream out;
    private long written;

    GifStream(OutputStream out) {
        this.out = out;
    }

    long written() {
        return written;
    }

    /** Bits of a colour table's size field for {@code entries} colours: the table holds 2^(bits+1) entries. */
    static int tableSizeBits(int entries) {
        int bits = 0;
        while ((2 << bits) < entries) {
            bits++;
        }
        return bits;
    }

    /**
     * Header, logical screen descriptor and global colour table.
     *
     * @param colors the table's colours, padded with black to a power of two
     */
    void header(int width, int height, int[] colors) throws IOException {
        if (width < 1 || height < 1 || width > 65535 || height > 65535) {
            throw new IllegalArgumentException("GIF sizes are 1 to 65535 pixels, was " + width + "x" + height);
        }
        bytes('G', 'I', 'F', '8', '9', 'a');
        u16(width);
        u16(height);
        int bits = tableSizeBits(colors.length);
        // global table present, 8 bits of colour resolution, not sorted, table size
        u8(0x80 | (7 << 4) | bits);
        u8(0); // background colour index
        u8(0); // no pixel aspect ratio
        colorTable(colors, bits);
    }

    private void colorTable(int[] colors, int bits) throws IOException {
        int entries = 2 << bits;
        byte[] table = new byte[entries * 3];
        for (int i = 0; i < colors.length; i++) {
            table[i * 3] = (byte) (colors[i] >> 16);
            table[i * 3 + 1] = (byte) (colors[i] >> 8);
            table[i * 3 + 2] = (byte) colors[i];
        }
        write(table, 0, table.length);
    }

    /**
     * The NETSCAPE2.0 application extension.
     *
     * @param loops 0 for forever, n for n repetitions after the first play
     */
    void loop(int loops) throws IOException {
        if (loops < 0 || loops > 65535) {
            throw new IllegalArgumentException("loop count must be in [0, 65535], was " + loops);
        }
        u8(0x21);
        u8(0xFF);
        u8(11);
        bytes('N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0');
        u8(3);
        u8(1);
        u16(loops);
        u8(0);
    }

    /**
     * A graphic control extension.
     *
     * @param delayCs     delay in centiseconds, 0 to 65535
     * @param transparent transparent index, or -1 for none
     */
    void graphicControl(int disposal, int delayCs, int transparent) throws IOException {
        if (delayCs < 0 || delayCs > 65535) {
            throw new IllegalArgumentException("delay must be in [0, 65535] cs, was " + delayCs);
        }
        u8(0x21);
        u8(0xF9);
        u8(4);
        u8((disposal & 7) << 2 | (transparent >= 0 ? 1 : 0));
        u16(delayCs);
        u8(Math.max(transparent, 0));
        u8(0);
    }

    /**
     * An image descriptor (no local table unless {@code localColors} is given), the minimum code size and the
     * LZW code stream cut into sub-blocks of at most 255 bytes.
     */
    void image(int left, int top, int width, int height, int[] localColors, int minCodeSize, byte[] codes)
            throws IOException {
        u8(0x2C);
        u16(left);
        u16(top);
        u16(width);
        u16(height);
        if (localColors != null) {
            int bits = tableSizeBits(localColors.length);
            u8(0x80 | bits);
            colorTable(localColors, bits);
        } else {
            u8(0);
        }
        u8(minCodeSize);
        int pos = 0;
        byte[] block = new byte[256];
        while (pos < codes.length) {
            int n = Math.min(255, codes.length - pos);
            block[0] = (byte) n;
            System.arraycopy(codes, pos, block, 1, n);
            write(block, 0, n + 1);
            pos += n;
        }
        u8(0);
    }

    void trailer() throws IOException {
        u8(0x3B);
    }

    private void u8(int v) throws IOException {
        out.write(v);
        written++;
    }

    private void u16(int v) throws IOException {
        out.write(v & 0xFF);
        out.write(v >> 8 & 0xFF);
        written += 2;
    }

    private void bytes(char... cs) throws IOException {
        for (char c : cs) {
            u8(c);
        }
    }

    private void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        written += len;
    }
}
