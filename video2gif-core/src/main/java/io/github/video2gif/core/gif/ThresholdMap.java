package io.github.video2gif.core.gif;

import java.util.SplittableRandom;

/**
 * A square, tileable threshold map for ordered dithering: a rank for every cell, spread evenly over (0, 1).
 * Immutable.
 */
public final class ThresholdMap {
    private final int size;
    private final float[] thresholds;

    private ThresholdMap(int size, int[] ranks) {
        this.size = size;
        this.thresholds = new float[size * size];
        for (int i = 0; i < ranks.length; i++) {
            thresholds[i] = (ranks[i] + 0.5f) / ranks.length;
        }
    }

    /** Side length in cells (a power of two). */
    public int size() {
        return size;
    }

    /** The threshold in (0, 1) at a pixel (the map repeats). */
    public float at(int x, int y) {
        return thresholds[(y & (size - 1)) * size + (x & (size - 1))];
    }

    /** The 8x8 Bayer matrix. */
    public static ThresholdMap bayer8() {
        return Bayer.MAP;
    }

    /** A 64x64 blue-noise map made by void-and-cluster (Ulichney 1993), computed once, deterministic. */
    public static ThresholdMap blueNoise64() {
        return BlueNoise.MAP;
    }

    private static final class Bayer {
        static final ThresholdMap MAP = bayer(8);
    }

    private static final class BlueNoise {
        static final ThresholdMap MAP = voidAndCluster(64, 1.5, 0x5EEDL);
    }

    static ThresholdMap bayer(int n) {
        int[] m = {0};
        int s = 1;
        while (s < n) {
            int[] next = new int[4 * s * s];
            int s2 = s * 2;
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    int v = 4 * m[y * s + x];
                    next[y * s2 + x] = v;
                    next[y * s2 + x + s] = v + 2;
                    next[(y + s) * s2 + x] = v + 3;
                    next[(y + s) * s2 + x + s] = v + 1;
                }
            }
            m = next;
            s = s2;
        }
        return new ThresholdMap(n, m);
    }

    /**
     * Void-and-cluster: a random initial pattern is relaxed until its tightest cluster and largest void coincide,
     * then pixels are ranked by removing tightest clusters (ranks below the initial count) and filling largest
     * voids (the rest). "Tight" and "void" are measured by a toroidal Gaussian filter of the pattern.
     */
    static ThresholdMap voidAndCluster(int n, double sigma, long seed) {
        int cells = n * n;
        float[] kernel = new float[cells];
        for (int dy = 0; dy < n; dy++) {
            for (int dx = 0; dx < n; dx++) {
                int ty = Math.min(dy, n - dy);
                int tx = Math.min(dx, n - dx);
                kernel[dy * n + dx] = (float) Math.exp(-(tx * tx + ty * ty) / (2 * sigma * sigma));
            }
        }
        boolean[] ones = new boolean[cells];
        float[] energy = new float[cells];
        SplittableRandom random = new SplittableRandom(seed);
        int initial = cells / 10;
        int placed = 0;
        while (placed < initial) {
            int p = random.nextInt(cells);
            if (!ones[p]) {
                ones[p] = true;
                addKernel(energy, kernel, n, p, 1);
                placed++;
            }
        }
        // relax: move the tightest cluster to the largest void until that changes nothing
        for (int guard = 0; guard < cells * 4; guard++) {
            int cluster = extreme(energy, ones, true, true);
            ones[cluster] = false;
            addKernel(energy, kernel, n, cluster, -1);
            int voidCell = extreme(energy, ones, false, false);
            ones[voidCell] = true;
            addKernel(energy, kernel, n, voidCell, 1);
            if (voidCell == cluster) {
                break;
            }
        }
        int[] rank = new int[cells];
        boolean[] work = ones.clone();
        float[] e = energy.clone();
        for (int r = initial - 1; r >= 0; r--) {
            int cluster = extreme(e, work, true, true);
            work[cluster] = false;
            addKernel(e, kernel, n, cluster, -1);
            rank[cluster] = r;
        }
        for (int r = initial; r < cells; r++) {
            int voidCell = extreme(energy, ones, false, false);
            ones[voidCell] = true;
            addKernel(energy, kernel, n, voidCell, 1);
            rank[voidCell] = r;
        }
        return new ThresholdMap(n, rank);
    }

    private static void addKernel(float[] energy, float[] kernel, int n, int p, int sign) {
        int py = p / n;
        int px = p % n;
        for (int y = 0; y < n; y++) {
            int dy = (y - py + n) & (n - 1);
            int row = y * n;
            int krow = dy * n;
            for (int x = 0; x < n; x++) {
                int dx = (x - px + n) & (n - 1);
                energy[row + x] += sign * kernel[krow + dx];
            }
        }
    }

    /** The cell with the largest (max) or smallest energy among cells whose bit equals {@code bit}. */
    private static int extreme(float[] energy, boolean[] ones, boolean bit, boolean max) {
        int best = -1;
        float bestE = 0;
        for (int i = 0; i < energy.length; i++) {
            if (ones[i] != bit) {
                continue;
            }
            float v = energy[i];
            if (best < 0 || (max ? v > bestE : v < bestE)) {
                best = i;
                bestE = v;
            }
        }
        return best;
    }
}
