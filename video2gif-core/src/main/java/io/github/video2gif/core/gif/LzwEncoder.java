package io.github.video2gif.core.gif;

import java.util.Arrays;

/**
 * The GIF variant of LZW compression: variable-width codes (from {@code minCodeSize + 1} up to 12 bits), packed
 * least significant bit first, a clear code first and whenever the code table fills (4,096 codes), an end code
 * last.
 *
 * <p>The string table is an open-addressing hash of (prefix code, next index) pairs, reset in constant time by a
 * generation counter. For {@link #encodeLossy lossy} coding each code also keeps a list of its extensions, so
 * that where the exact next index ends the current string, an extension by a <em>similar</em> colour can continue
 * it instead (the idea of gifsicle's {@code --lossy}; written here from that description).
 *
 * <p>Not thread-safe; one encoder per thread. The tables are reused from call to call.
 */
public final class LzwEncoder {
    /** Largest number of codes (12 bits). */
    public static final int MAX_CODES = 4096;
    private static final int HASH_BITS = 13;
    private static final int HASH_SIZE = 1 << HASH_BITS;
    private static final int HASH_MASK = HASH_SIZE - 1;

    private final int minCodeSize;
    private final int clearCode;
    private final int endCode;

    private final int[] hashKeys = new int[HASH_SIZE];
    private final short[] hashCodes = new short[HASH_SIZE];
    private int generation = 1;

    private final short[] firstChild = new short[MAX_CODES];
    private final short[] nextSibling = new short[MAX_CODES];
    private final byte[] suffix = new byte[MAX_CODES];
    private final short[] childCount = new short[MAX_CODES];

    private byte[] out = new byte[1 << 14];
    private int outLength;
    private long bitBuffer;
    private int bitCount;
    private int nextCode;
    private int decoderNext;
    private boolean firstAfterClear;
    /** Whether codes keep lists of their extensions (only lossy coding above tolerance 0 reads them). */
    private boolean trackChildren;

    /** @param minCodeSize bits an index (2 to 8), as written before the image data */
    public LzwEncoder(int minCodeSize) {
        if (minCodeSize < 2 || minCodeSize > 8) {
            throw new IllegalArgumentException("minCodeSize must be in [2, 8], was " + minCodeSize);
        }
        this.minCodeSize = minCodeSize;
        this.clearCode = 1 << minCodeSize;
        this.endCode = clearCode + 1;
    }

    /** The smallest legal minimum code size for a palette of {@code entries} (at least 2, as GIF requires). */
    public static int minCodeSizeFor(int entries) {
        int bits = 2;
        while ((1 << bits) < entries) {
            bits++;
        }
        return bits;
    }

    public int minCodeSize() {
        return minCodeSize;
    }

    /**
     * Compresses {@code indices[0, length)}; every index must be below {@code 1 << minCodeSize}.
     *
     * @return the code stream (without GIF's sub-block framing)
     */
    public byte[] encode(byte[] indices, int length) {
        checkLength(indices, length);
        trackChildren = false;
        begin();
        int prefix = indices[0] & 0xFF;
        checkIndex(prefix);
        int limit = clearCode;
        for (int i = 1; i < length; i++) {
            int c = indices[i] & 0xFF;
            if (c >= limit) {
                checkIndex(c);
            }
            int key = (prefix << 8) | c;
            int tagged = (generation << 20) | key;
            int h = (key * 0x9E3779B1) >>> (32 - HASH_BITS);
            while (true) {
                int stored = hashKeys[h];
                if (stored == tagged) {
                    prefix = hashCodes[h];
                    break;
                }
                if ((stored >>> 20) != generation) {
                    emit(prefix);
                    add(h, tagged);
                    prefix = c;
                    break;
                }
                h = (h + 1) & HASH_MASK;
            }
        }
        return end(prefix);
    }

    /**
     * A palette prepared for {@link #encodeLossy}: its colours, its transparent index, and for every colour the
     * other colours in order of {@link #distance}. Immutable, shareable between threads.
     */
    public static final class Colors {
        final int[] rgb;
        final int transparent;
        final int[][] neighbours;
        final int[][] distances;

        /**
         * @param palette     the colour of each index, {@code 0xRRGGBB} (the transparent index's entry is ignored)
         * @param transparent the transparent index, or -1 for none
         */
        public Colors(int[] palette, int transparent) {
            if (palette.length < 1 || palette.length > 256 || transparent >= palette.length) {
                throw new IllegalArgumentException("need 1 to 256 colours and a transparent index among them or -1");
            }
            this.rgb = palette.clone();
            this.transparent = transparent;
            int n = palette.length;
            neighbours = new int[n][];
            distances = new int[n][];
            long[] keys = new long[n];
            for (int a = 0; a < n; a++) {
                if (a == transparent) {
                    continue;
                }
                int k = 0;
                for (int b = 0; b < n; b++) {
                    if (b != a && b != transparent) {
                        keys[k++] = ((long) distance(palette[a], palette[b]) << 32) | b;
                    }
                }
                java.util.Arrays.sort(keys, 0, k);
                neighbours[a] = new int[k];
                distances[a] = new int[k];
                for (int j = 0; j < k; j++) {
                    neighbours[a][j] = (int) keys[j];
                    distances[a][j] = (int) (keys[j] >>> 32);
                }
            }
        }
    }

    /** Extensions scanned directly; codes with more are searched through the palette's neighbour lists. */
    private static final int WALK_LIMIT = 12;

    /**
     * Compresses like {@link #encode} but lets a string go on with a similar colour where the wanted one would end
     * it, and writes the indices actually coded back into {@code indices}.
     *
     * <p>An index {@code s} may stand in for the wanted index {@code c} at position {@code i} when the colour it
     * shows is no further (by {@link #distance}) from the source colour than {@code c}'s colour is, plus
     * {@code tolerance}. The colour an index shows is its palette colour, or, for the transparent index, the
     * colour already on the canvas there. With {@code tolerance} 0 no pixel gets further from its source; in
     * particular an unchanged pixel may be coded either as transparent or as the colour it already shows,
     * whichever continues the string. With {@code tolerance} 0 only the swap of a transparent pixel for the colour
     * it reveals is tried (the fast path; the opposite swap is the inter-frame step's job, which makes every pixel
     * transparent that may be); otherwise candidates are found by scanning the current string's extensions when they are few, else by walking the
     * palette colours near the wanted one (bounded by the triangle inequality) and looking each up.
     *
     * @param source      the wanted colour at each position, {@code 0xRRGGBB}
     * @param canvasIndex the palette index showing at each position (what transparency reveals), or {@code null}
     *                    when nothing shows yet (then the transparent index is never a candidate)
     * @param colors      the palette and its transparent index
     * @param tolerance   extra distance allowed, in the units of {@link #distance}
     */
    public byte[] encodeLossy(byte[] indices, int length, int[] source, int[] canvasIndex, Colors colors,
                              int tolerance) {
        checkLength(indices, length);
        if (tolerance < 0) {
            throw new IllegalArgumentException("tolerance must be >= 0, was " + tolerance);
        }
        if (source.length < length || (canvasIndex != null && canvasIndex.length < length)) {
            throw new IllegalArgumentException("source and canvasIndex must cover " + length + " positions");
        }
        int t = canvasIndex == null ? -1 : colors.transparent;
        trackChildren = tolerance > 0;
        begin();
        int prefix = indices[0] & 0xFF;
        checkIndex(prefix);
        int limit = clearCode;
        for (int i = 1; i < length; i++) {
            int c = indices[i] & 0xFF;
            if (c >= limit) {
                checkIndex(c);
            }
            int key = (prefix << 8) | c;
            int tagged = (generation << 20) | key;
            int h = (key * 0x9E3779B1) >>> (32 - HASH_BITS);
            int stored;
            while ((stored = hashKeys[h]) != tagged && (stored >>> 20) == generation) {
                h = (h + 1) & HASH_MASK;
            }
            if (stored == tagged) {
                prefix = hashCodes[h];
                continue;
            }
            int code = -1;
            if (tolerance == 0) {
                // fast path: a transparent pixel may be coded as the colour it reveals, if that continues the string
                if (c == t) {
                    code = find(prefix, canvasIndex[i]);
                }
            } else if (firstChild[prefix] >= 0) {
                code = substitute(prefix, c, source[i], t < 0 ? -1 : canvasIndex[i], colors, tolerance);
            }
            if (code >= 0) {
                prefix = code;
                indices[i] = suffix[code];
                continue;
            }
            emit(prefix);
            add(h, tagged);
            prefix = c;
        }
        return end(prefix);
    }

    /**
     * The best extension of {@code prefix} that may stand in for index {@code c}, or -1.
     *
     * @param revealed the palette index showing under the pixel, or -1 when transparency is not allowed
     */
    private int substitute(int prefix, int c, int src, int revealed, Colors colors, int tolerance) {
        int[] pal = colors.rgb;
        int t = colors.transparent;
        int shown = c == t ? revealed : c;
        if (shown < 0) {
            return -1;
        }
        int wanted = distance(src, pal[shown]);
        int bestErr = wanted + tolerance;
        int bestCode = -1;
        if (revealed >= 0 && c != t) {
            int e = distance(src, pal[revealed]);
            if (e <= bestErr) {
                int code = find(prefix, t);
                if (code >= 0) {
                    bestCode = code;
                    bestErr = e;
                }
            }
        }
        if (childCount[prefix] <= WALK_LIMIT) {
            for (int child = firstChild[prefix]; child >= 0; child = nextSibling[child]) {
                int s = suffix[child] & 0xFF;
                if (s == t) {
                    continue;
                }
                int e = distance(src, pal[s]);
                if (e <= bestErr) {
                    bestErr = e;
                    bestCode = child;
                }
            }
            return bestCode;
        }
        if (shown != c) {
            int code = find(prefix, shown);
            if (code >= 0 && wanted <= bestErr) {
                bestErr = wanted;
                bestCode = code;
            }
        }
        int[] nb = colors.neighbours[shown];
        int[] nd = colors.distances[shown];
        for (int k = 0; k < nb.length && nd[k] <= wanted + bestErr; k++) {
            int s = nb[k];
            int e = distance(src, pal[s]);
            if (e <= bestErr) {
                int code = find(prefix, s);
                if (code >= 0) {
                    bestErr = e;
                    bestCode = code;
                }
            }
        }
        return bestCode;
    }

    /** The code of string (prefix, next index), or -1. */
    private int find(int prefix, int next) {
        int key = (prefix << 8) | next;
        int tagged = (generation << 20) | key;
        int h = (key * 0x9E3779B1) >>> (32 - HASH_BITS);
        while (true) {
            int stored = hashKeys[h];
            if (stored == tagged) {
                return hashCodes[h];
            }
            if ((stored >>> 20) != generation) {
                return -1;
            }
            h = (h + 1) & HASH_MASK;
        }
    }

    /**
     * The colour distance used by lossy coding and the still test: {@code 3|ΔR| + 4|ΔG| + 3|ΔB|}, a cheap L1
     * distance leaning slightly to green (a change of one level in all three channels counts 10).
     */
    public static int distance(int rgb1, int rgb2) {
        int dr = (rgb1 >> 16 & 0xFF) - (rgb2 >> 16 & 0xFF);
        int dg = (rgb1 >> 8 & 0xFF) - (rgb2 >> 8 & 0xFF);
        int db = (rgb1 & 0xFF) - (rgb2 & 0xFF);
        return 3 * Math.abs(dr) + 4 * Math.abs(dg) + 3 * Math.abs(db);
    }

    private void checkLength(byte[] indices, int length) {
        if (length < 1 || length > indices.length) {
            throw new IllegalArgumentException("length must be in [1, " + indices.length + "], was " + length);
        }
    }

    private void checkIndex(int c) {
        if (c >= clearCode) {
            throw new IllegalArgumentException("index " + c + " does not fit a minimum code size of " + minCodeSize);
        }
    }

    private void begin() {
        outLength = 0;
        bitBuffer = 0;
        bitCount = 0;
        decoderNext = clearCode + 2;
        emit(clearCode);
        reset();
    }

    private void reset() {
        nextCode = clearCode + 2;
        decoderNext = clearCode + 2;
        firstAfterClear = true;
        if (++generation == 4096) {
            Arrays.fill(hashKeys, 0);
            generation = 1;
        }
        Arrays.fill(firstChild, 0, clearCode, (short) -1);
        Arrays.fill(childCount, 0, clearCode, (short) 0);
    }

    private void add(int slot, int tagged) {
        int code = nextCode++;
        hashKeys[slot] = tagged;
        hashCodes[slot] = (short) code;
        suffix[code] = (byte) tagged;
        if (trackChildren) {
            int prefix = (tagged >>> 8) & 0xFFF;
            firstChild[code] = -1;
            childCount[code] = 0;
            childCount[prefix]++;
            nextSibling[code] = firstChild[prefix];
            firstChild[prefix] = (short) code;
        }
        if (nextCode == MAX_CODES) {
            emit(clearCode);
            reset();
        }
    }

    /** Writes a code at the width the decoder will read it with, and follows the decoder's table growth. */
    private void emit(int code) {
        int width = Math.min(12, 32 - Integer.numberOfLeadingZeros(decoderNext));
        bitBuffer |= (long) code << bitCount;
        bitCount += width;
        if (code < clearCode || code > endCode) {
            if (!firstAfterClear && decoderNext < MAX_CODES) {
                decoderNext++;
            }
            firstAfterClear = false;
        }
        if (bitCount >= 32) {
            if (outLength + 4 > out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            long v = bitBuffer;
            byte[] o = out;
            int n = outLength;
            o[n] = (byte) v;
            o[n + 1] = (byte) (v >>> 8);
            o[n + 2] = (byte) (v >>> 16);
            o[n + 3] = (byte) (v >>> 24);
            outLength = n + 4;
            bitBuffer = v >>> 32;
            bitCount -= 32;
        }
    }

    private byte[] end(int prefix) {
        emit(prefix);
        emit(endCode);
        while (bitCount > 0) {
            if (outLength == out.length) {
                out = Arrays.copyOf(out, out.length + 8);
            }
            out[outLength++] = (byte) bitBuffer;
            bitBuffer >>>= 8;
            bitCount -= 8;
        }
        bitBuffer = 0;
        bitCount = 0;
        return Arrays.copyOf(out, outLength);
    }
}
