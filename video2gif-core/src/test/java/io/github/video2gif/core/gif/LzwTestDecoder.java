package io.github.video2gif.core.gif;

import java.io.ByteArrayOutputStream;

/** Test helper: a plain GIF LZW decoder, written from the GIF89a specification, independent of the encoder. */
final class LzwTestDecoder {
    private LzwTestDecoder() {
    }

    static byte[] decode(byte[] codes, int minCodeSize) {
        int clear = 1 << minCodeSize;
        int end = clear + 1;
        int[] prefix = new int[4096];
        byte[] suffix = new byte[4096];
        byte[] first = new byte[4096];
        int[] length = new int[4096];
        for (int i = 0; i < clear; i++) {
            suffix[i] = (byte) i;
            first[i] = (byte) i;
            length[i] = 1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int width = minCodeSize + 1;
        int next = clear + 2;
        int prev = -1;
        long bits = 0;
        int nbits = 0;
        int pos = 0;
        byte[] buf = new byte[4096];
        while (true) {
            while (nbits < width) {
                if (pos >= codes.length) {
                    throw new IllegalStateException("code stream ended without an end code");
                }
                bits |= (long) (codes[pos++] & 0xFF) << nbits;
                nbits += 8;
            }
            int code = (int) (bits & ((1 << width) - 1));
            bits >>>= width;
            nbits -= width;
            if (code == clear) {
                width = minCodeSize + 1;
                next = clear + 2;
                prev = -1;
                continue;
            }
            if (code == end) {
                return out.toByteArray();
            }
            int emit;
            if (code < next && (code < clear || code > end)) {
                emit = code;
                if (prev >= 0 && next < 4096) {
                    prefix[next] = prev;
                    suffix[next] = first[code];
                    first[next] = first[prev];
                    length[next] = length[prev] + 1;
                    next++;
                }
            } else if (code == next && prev >= 0) {
                prefix[next] = prev;
                suffix[next] = first[prev];
                first[next] = first[prev];
                length[next] = length[prev] + 1;
                emit = next;
                next++;
            } else {
                throw new IllegalStateException("bad code " + code + " (next free " + next + ")");
            }
            int len = length[emit];
            int c = emit;
            for (int k = len - 1; k >= 0; k--) {
                buf[k] = suffix[c];
                c = prefix[c];
            }
            out.write(buf, 0, len);
            prev = emit;
            if (next == (1 << width) && width < 12) {
                width++;
            }
        }
    }
}
