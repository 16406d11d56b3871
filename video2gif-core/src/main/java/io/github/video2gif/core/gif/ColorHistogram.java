package io.github.video2gif.core.gif;

/**
 * The colour statistics of a clip: a histogram over sRGB cells of 6 bits a channel (262,144 cells) that keeps the
 * exact mean colour of each cell, plus the exact set of distinct colours while there are at most 256 of them.
 *
 * <p>Frames are added one at a time, as they arrive, so the clip need not be held to choose its palette. Large
 * frames are sampled (at most {@value #MAX_SAMPLES_PER_FRAME} pixels a frame, on a grid that shifts from frame to
 * frame). Not thread-safe; merge per-thread histograms with {@link #addAll(ColorHistogram)}.
 */
public final class ColorHistogram {
    /** Bits a channel of a histogram cell. */
    static final int BITS = 6;
    static final int CELLS = 1 << (3 * BITS);
    /** Frames up to this many pixels are counted whole. */
    public static final int MAX_SAMPLES_PER_FRAME = 1 << 17;
    private static final int MAX_EXACT = 256;

    /** Per cell, side by side (one cache line): pixel count, sum of red, sum of green, sum of blue. */
    final long[] cells = new long[CELLS * 4];
    private long total;
    private long frames;

    /** Open-addressing set of distinct colours (0xRRGGBB, -1 empty) while there are few. */
    private int[] exact = newExactTable();
    private int exactSize;
    private boolean exactOverflow;

    private static int[] newExactTable() {
        int[] t = new int[1024];
        java.util.Arrays.fill(t, -1);
        return t;
    }

    /** Adds the pixels of one packed-RGB frame. */
    public void add(byte[] rgb, int width, int height) {
        int pixels = width * height;
        if (rgb.length < pixels * 3) {
            throw new IllegalArgumentException("rgb holds " + rgb.length + " bytes, expected " + pixels * 3);
        }
        int step = 1;
        while ((long) pixels / step > MAX_SAMPLES_PER_FRAME) {
            step++;
        }
        int start = step == 1 ? 0 : (int) (frames * 7 % step);
        int last = -1;
        long[] c = cells;
        for (int p = start; p < pixels; p += step) {
            int i = p * 3;
            int r = rgb[i] & 0xFF;
            int g = rgb[i + 1] & 0xFF;
            int b = rgb[i + 2] & 0xFF;
            int cell = (((r >> 2) << 12) | ((g >> 2) << 6) | (b >> 2)) << 2;
            c[cell]++;
            c[cell + 1] += r;
            c[cell + 2] += g;
            c[cell + 3] += b;
            if (!exactOverflow) {
                int packed = (r << 16) | (g << 8) | b;
                if (packed != last) {
                    addExact(packed);
                    last = packed;
                }
            }
        }
        total += (pixels - start + step - 1) / step;
        frames++;
    }

    private void addExact(int packed) {
        int mask = exact.length - 1;
        int h = (packed * 0x9E3779B1) >>> 22 & mask;
        while (true) {
            int v = exact[h];
            if (v == packed) {
                return;
            }
            if (v == -1) {
                if (exactSize == MAX_EXACT) {
                    exactOverflow = true;
                    exact = null;
                    return;
                }
                exact[h] = packed;
                exactSize++;
                return;
            }
            h = (h + 1) & mask;
        }
    }

    /** Adds another histogram's counts (for merging per-thread histograms). */
    public void addAll(ColorHistogram other) {
        for (int i = 0; i < cells.length; i++) {
            cells[i] += other.cells[i];
        }
        total += other.total;
        frames += other.frames;
        if (!exactOverflow) {
            if (other.exactOverflow) {
                exactOverflow = true;
                exact = null;
            } else {
                for (int v : other.exact) {
                    if (v != -1 && !exactOverflow) {
                        addExact(v);
                    }
                }
            }
        }
    }

    /** Forgets everything, to count another set of frames. */
    public void clear() {
        java.util.Arrays.fill(cells, 0);
        total = 0;
        frames = 0;
        exact = newExactTable();
        exactSize = 0;
        exactOverflow = false;
    }

    /** Pixels counted so far. */
    public long samples() {
        return total;
    }

    /** Frames added so far. */
    public long frames() {
        return frames;
    }

    /**
     * The distinct colours seen, sorted, when there were at most 256 of them (a sampled frame may hide a rare
     * colour); {@code null} when there were more.
     */
    public int[] exactColors() {
        if (exactOverflow) {
            return null;
        }
        int[] out = new int[exactSize];
        int n = 0;
        for (int v : exact) {
            if (v != -1) {
                out[n++] = v;
            }
        }
        java.util.Arrays.sort(out);
        return out;
    }

    /** Number of non-empty cells. */
    public int occupiedCells() {
        int n = 0;
        for (int i = 0; i < cells.length; i += 4) {
            if (cells[i] != 0) {
                n++;
            }
        }
        return n;
    }
}
