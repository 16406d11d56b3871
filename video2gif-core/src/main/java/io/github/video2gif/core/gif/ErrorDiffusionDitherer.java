package io.github.video2gif.core.gif;

/**
 * Error diffusion with the Sierra Lite kernel (2/4 to the right, 1/4 below-left, 1/4 below), in serpentine order,
 * stabilised over time.
 *
 * <p>Plain error diffusion flickers: a change anywhere reroutes the error through everything after it, so still
 * areas crawl. Here a pixel whose source colour is within {@value #STILL_TOLERANCE} level (each channel) of the
 * source it had when its index was last chosen keeps that index, unless that index is now clearly worse than the
 * fresh choice (more than 6 levels, summed over the channels); the error it leaves is diffused as usual, so
 * local means stay right. (Comparing with the source at the last choice, not with the previous frame, stops
 * slow drifts from being held forever.) Changed pixels are diffused normally. Stateful: frames must be given in order, one at a time.
 */
public final class ErrorDiffusionDitherer implements Ditherer {
    /** Per-channel change, in 8-bit levels, below which a pixel counts as still. */
    static final int STILL_TOLERANCE = 1;
    /** How much worse (summed over channels, 1/16 levels) the kept index may be than the new choice. */
    private static final int KEEP_MARGIN = 6 * 16;
    /** Errors are kept in 1/16 level units and clamped to this many levels. */
    private static final int MAX_ERROR = 48 * 16;

    private final PaletteLookup lookup;
    private final int width;
    private final int height;
    private final int amount;
    private final int[] paletteRgb;
    private byte[] previousRgb;
    private byte[] previousIndices;
    private final int[] errCur;
    private final int[] errNext;
    private final short[] cells = new short[1 << 18];

    /** @param strength fraction of the error that is diffused, 0 to 1 (values above 1 are capped) */
    public ErrorDiffusionDitherer(PaletteLookup lookup, int width, int height, double strength) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be positive, was " + width + "x" + height);
        }
        this.lookup = lookup;
        this.width = width;
        this.height = height;
        this.amount = (int) Math.round(Math.min(1.0, strength) * 16);
        Palette p = lookup.palette();
        paletteRgb = new int[p.size()];
        for (int i = 0; i < p.size(); i++) {
            paletteRgb[i] = p.rgb(i);
        }
        java.util.Arrays.fill(cells, (short) -1);
        errCur = new int[(width + 2) * 3];
        errNext = new int[(width + 2) * 3];
    }

    @Override
    public synchronized void dither(byte[] rgb, byte[] indices) {
        int w = width;
        int[] cur = errCur;
        int[] next = errNext;
        java.util.Arrays.fill(cur, 0);
        boolean first = previousRgb == null;
        if (first) {
            previousRgb = new byte[rgb.length];
            previousIndices = new byte[width * height];
        }
        byte[] prevRgb = previousRgb;
        byte[] prevIdx = previousIndices;
        for (int y = 0; y < height; y++) {
            java.util.Arrays.fill(next, 0);
            boolean ltr = (y & 1) == 0;
            int dir = ltr ? 1 : -1;
            int x = ltr ? 0 : w - 1;
            for (int k = 0; k < w; k++, x += dir) {
                int p = y * w + x;
                int i = p * 3;
                int sr = rgb[i] & 0xFF;
                int sg = rgb[i + 1] & 0xFF;
                int sb = rgb[i + 2] & 0xFF;
                int e = (x + 1) * 3;
                int vr = sr * 16 + cur[e];
                int vg = sg * 16 + cur[e + 1];
                int vb = sb * 16 + cur[e + 2];
                int c = cellIndex(clamp8(vr), clamp8(vg), clamp8(vb));
                if (!first && Math.abs(sr - (prevRgb[i] & 0xFF)) <= STILL_TOLERANCE
                        && Math.abs(sg - (prevRgb[i + 1] & 0xFF)) <= STILL_TOLERANCE
                        && Math.abs(sb - (prevRgb[i + 2] & 0xFF)) <= STILL_TOLERANCE) {
                    // still: keep the earlier choice unless it is clearly worse than the new one here
                    int kept = prevIdx[p] & 0xFF;
                    if (kept != c && error(vr, vg, vb, paletteRgb[kept]) <= error(vr, vg, vb, paletteRgb[c]) + KEEP_MARGIN) {
                        c = kept;
                    }
                } else {
                    prevRgb[i] = (byte) sr;
                    prevRgb[i + 1] = (byte) sg;
                    prevRgb[i + 2] = (byte) sb;
                }
                prevIdx[p] = (byte) c;
                int pc = paletteRgb[c];
                int er = vr - (pc >> 16 & 0xFF) * 16;
                int eg = vg - (pc >> 8 & 0xFF) * 16;
                int eb = vb - (pc & 0xFF) * 16;
                indices[p] = (byte) c;
                er = clampErr(er * amount >> 4);
                eg = clampErr(eg * amount >> 4);
                eb = clampErr(eb * amount >> 4);
                // 2/4 ahead, 1/4 below-behind, 1/4 below
                int ahead = e + dir * 3;
                int behind = e - dir * 3;
                cur[ahead] += er >> 1;
                cur[ahead + 1] += eg >> 1;
                cur[ahead + 2] += eb >> 1;
                next[behind] += er >> 2;
                next[behind + 1] += eg >> 2;
                next[behind + 2] += eb >> 2;
                next[e] += er >> 2;
                next[e + 1] += eg >> 2;
                next[e + 2] += eb >> 2;
            }
            System.arraycopy(next, 0, cur, 0, cur.length);
        }
    }

    /**
     * The palette colour nearest to the centre of the colour's cell of 4x4x4 levels. Diffused values rarely repeat
     * exactly, so an exact look-up would search the palette for nearly every pixel; the cell's answer is off by at
     * most two levels a channel, and that error is diffused like any other.
     */
    private int cellIndex(int r, int g, int b) {
        int cell = ((r >> 2) << 12) | ((g >> 2) << 6) | (b >> 2);
        int v = cells[cell];
        if (v < 0) {
            v = lookup.palette().nearest((r & ~3) + 2, (g & ~3) + 2, (b & ~3) + 2);
            cells[cell] = (short) v;
        }
        return v;
    }

    /** Sum of absolute channel differences, in 1/16 levels, between a wanted value and a colour. */
    private static int error(int vr, int vg, int vb, int rgb) {
        return Math.abs(vr - (rgb >> 16 & 0xFF) * 16) + Math.abs(vg - (rgb >> 8 & 0xFF) * 16)
                + Math.abs(vb - (rgb & 0xFF) * 16);
    }

    private static int clamp8(int v16) {
        int v = (v16 + 8) >> 4;
        return v < 0 ? 0 : (v > 255 ? 255 : v);
    }

    private static int clampErr(int e) {
        return e < -MAX_ERROR ? -MAX_ERROR : (e > MAX_ERROR ? MAX_ERROR : e);
    }

    @Override
    public boolean sequential() {
        return true;
    }
}
