package io.github.video2gif.core.gif;

/**
 * Exact nearest-neighbour search among up to a few hundred Oklab points (distance {@code w·ΔL² + Δa² + Δb²},
 * {@code w} = {@link Palette#LIGHTNESS_WEIGHT}), accelerated by a grid of candidate lists.
 *
 * <p>The sRGB gamut in Oklab (lightness scaled by &radic;w so that the distance is Euclidean) is cut into
 * boxes (40 x 16 x 16, or 64 x 28 x 28 for pixel mapping). A box's list holds every point that can be nearest to some colour in the box: those whose
 * smallest possible distance to the box is at most the smallest largest-possible distance of any point. A query
 * scans only its box's list (a handful of points), built the first time the box is visited. Thread-safe: racing
 * threads build equal lists and publish them with a single reference store.
 */
final class OklabNearest {
    private static final float SQRT_W = (float) Math.sqrt(Palette.LIGHTNESS_WEIGHT);
    private static final float LO_L = 0f;
    private static final float HI_L = SQRT_W;
    private static final float LO_A = -0.25f;
    private static final float HI_A = 0.29f;
    private static final float LO_B = -0.33f;
    private static final float HI_B = 0.21f;

    private final int nl;
    private final int na;
    private final int nb;
    private final float cellL;
    private final float cellA;
    private final float cellB;
    private final int n;
    /** Points with lightness scaled by &radic;w: x, a, b triples. */
    private final float[] pts;
    private final int[][] cells;

    /** A search with the coarse grid (40 x 16 x 16), for few queries per box (clustering). */
    OklabNearest(float[] lab, int n) {
        this(lab, n, false);
    }

    /**
     * @param lab  {@code n} points as {@code L, a, b} triples
     * @param fine the fine grid (64 x 28 x 28, shorter lists) for many queries per box (mapping pixels)
     */
    OklabNearest(float[] lab, int n, boolean fine) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one point");
        }
        nl = fine ? 64 : 40;
        na = fine ? 28 : 16;
        nb = fine ? 28 : 16;
        cellL = (HI_L - LO_L) / nl;
        cellA = (HI_A - LO_A) / na;
        cellB = (HI_B - LO_B) / nb;
        cells = new int[nl * na * nb][];
        this.n = n;
        this.pts = new float[n * 3];
        for (int i = 0; i < n; i++) {
            pts[i * 3] = lab[i * 3] * SQRT_W;
            pts[i * 3 + 1] = lab[i * 3 + 1];
            pts[i * 3 + 2] = lab[i * 3 + 2];
        }
    }

    /** An int whose signed order is the order of the float (for sorting floats as integers). */
    static int sortable(float f) {
        int bits = Float.floatToIntBits(f);
        return bits ^ ((bits >> 31) & 0x7FFFFFFF);
    }

    int nearest(float l, float a, float b) {
        float x = l * SQRT_W;
        int cl = (int) ((x - LO_L) / cellL);
        int ca = (int) ((a - LO_A) / cellA);
        int cb = (int) ((b - LO_B) / cellB);
        if (x < LO_L || a < LO_A || b < LO_B || cl >= nl || ca >= na || cb >= nb) {
            return scan(x, a, b);
        }
        int cell = (cl * na + ca) * nb + cb;
        int[] list = cells[cell];
        if (list == null) {
            list = build(cl, ca, cb);
            cells[cell] = list;
        }
        if (list.length == 1) {
            return list[0];
        }
        float[] p = pts;
        float best = Float.MAX_VALUE;
        int bestI = list[0];
        for (int i : list) {
            float dx = p[i * 3] - x;
            float da = p[i * 3 + 1] - a;
            float db = p[i * 3 + 2] - b;
            float d = dx * dx + da * da + db * db;
            if (d < best) {
                best = d;
                bestI = i;
            }
        }
        return bestI;
    }

    private int scan(float x, float a, float b) {
        float best = Float.MAX_VALUE;
        int bestI = 0;
        for (int i = 0; i < n; i++) {
            float dx = pts[i * 3] - x;
            float da = pts[i * 3 + 1] - a;
            float db = pts[i * 3 + 2] - b;
            float d = dx * dx + da * da + db * db;
            if (d < best) {
                best = d;
                bestI = i;
            }
        }
        return bestI;
    }

    private int[] build(int cl, int ca, int cb) {
        float x0 = LO_L + cl * cellL;
        float x1 = x0 + cellL;
        float a0 = LO_A + ca * cellA;
        float a1 = a0 + cellA;
        float b0 = LO_B + cb * cellB;
        float b1 = b0 + cellB;
        float[] minD = new float[n];
        float bound = Float.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            float px = pts[i * 3];
            float pa = pts[i * 3 + 1];
            float pb = pts[i * 3 + 2];
            float lo = gap(px, x0, x1) + gap(pa, a0, a1) + gap(pb, b0, b1);
            float hi = far(px, x0, x1) + far(pa, a0, a1) + far(pb, b0, b1);
            minD[i] = lo;
            if (hi < bound) {
                bound = hi;
            }
        }
        int k = 0;
        int[] tmp = new int[n];
        for (int i = 0; i < n; i++) {
            if (minD[i] <= bound) {
                tmp[k++] = i;
            }
        }
        return java.util.Arrays.copyOf(tmp, k);
    }

    /** Squared distance from v to the interval [lo, hi] (0 inside). */
    private static float gap(float v, float lo, float hi) {
        float d = v < lo ? lo - v : (v > hi ? v - hi : 0f);
        return d * d;
    }

    /** Squared distance from v to the farther end of [lo, hi]. */
    private static float far(float v, float lo, float hi) {
        float d = Math.max(Math.abs(v - lo), Math.abs(v - hi));
        return d * d;
    }
}
