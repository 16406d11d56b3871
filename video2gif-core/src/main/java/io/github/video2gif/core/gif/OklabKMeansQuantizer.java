package io.github.video2gif.core.gif;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * Chooses a palette for a clip from its {@link ColorHistogram}: variance-minimising box splitting in Oklab for a
 * start, then weighted k-means (Lloyd's iterations) in Oklab to refine it.
 *
 * <p>The points are the histogram's occupied cells (each at the exact mean colour of its pixels, weighted by
 * their count), so the cost depends on the number of distinct cells (a few thousand to about 50,000 for real
 * footage; beyond {@value #MAX_POINTS} they are merged into coarser cells), not on the number of pixels. A box is split along its axis of largest variance at the point that minimises the summed
 * squared error of the two halves, always splitting the box with the largest error first (after Wu's and
 * Heckbert's median-cut ideas). When the clip has no more distinct colours than the palette allows, they are used
 * exactly. Deterministic and thread-safe.
 */
public final class OklabKMeansQuantizer {
    /** Default number of k-means iterations. */
    public static final int DEFAULT_ITERATIONS = 6;

    /**
     * Above this many occupied 6-bit cells, cells are merged into 5-bit ones before clustering, to bound the time.
     * (Merging always would halve the palette time of a typical clip but costs dark scenes visibly: on Big Buck
     * Bunny's first 5 s luma SSIM fell from 0.985 to 0.978.)
     */
    static final int MAX_POINTS = 65536;

    private final int iterations;

    public OklabKMeansQuantizer() {
        this(DEFAULT_ITERATIONS);
    }

    /** @param iterations k-means iterations after the box splitting, 0 to 100 */
    public OklabKMeansQuantizer(int iterations) {
        if (iterations < 0 || iterations > 100) {
            throw new IllegalArgumentException("iterations must be in [0, 100], was " + iterations);
        }
        this.iterations = iterations;
    }

    /**
     * A palette of at most {@code maxColors} colours for the histogram's pixels.
     *
     * @throws IllegalArgumentException when the histogram is empty or {@code maxColors} is outside [1, 256]
     */
    public Palette quantize(ColorHistogram histogram, int maxColors) {
        if (maxColors < 1 || maxColors > 256) {
            throw new IllegalArgumentException("maxColors must be in [1, 256], was " + maxColors);
        }
        if (histogram.samples() == 0) {
            throw new IllegalArgumentException("the histogram is empty: add frames first");
        }
        int[] exact = histogram.exactColors();
        if (exact != null && exact.length <= maxColors) {
            return new Palette(exact);
        }
        long[] data = histogram.cells;
        int n = histogram.occupiedCells();
        if (n > MAX_POINTS) {
            // very colourful clips: merge the 6-bit cells into 5-bit ones (8 times fewer), keeping exact means
            int bits = ColorHistogram.BITS;
            long[] coarse = new long[(1 << (3 * (bits - 1))) * 4];
            int mask = (1 << bits) - 1;
            for (int c = 0; c < ColorHistogram.CELLS; c++) {
                if (data[c * 4] == 0) {
                    continue;
                }
                int r6 = c >> (2 * bits);
                int g6 = (c >> bits) & mask;
                int b6 = c & mask;
                int k5 = ((r6 >> 1) << (2 * (bits - 1))) | ((g6 >> 1) << (bits - 1)) | (b6 >> 1);
                for (int j = 0; j < 4; j++) {
                    coarse[k5 * 4 + j] += data[c * 4 + j];
                }
            }
            data = coarse;
            n = 0;
            for (int i = 0; i < data.length; i += 4) {
                if (data[i] != 0) {
                    n++;
                }
            }
        }
        float[] lab = new float[n * 3];
        double[] weight = new double[n];
        int[] meanRgb = new int[n];
        int k = 0;
        for (int c = 0; c < data.length; c += 4) {
            long cnt = data[c];
            if (cnt == 0) {
                continue;
            }
            double r = (double) data[c + 1] / cnt;
            double g = (double) data[c + 2] / cnt;
            double b = (double) data[c + 3] / cnt;
            Oklab.fromSrgb(r, g, b, lab, k * 3);
            weight[k] = cnt;
            meanRgb[k] = ((int) Math.round(r) << 16) | ((int) Math.round(g) << 8) | (int) Math.round(b);
            k++;
        }
        if (n <= maxColors) {
            return new Palette(distinct(meanRgb, n));
        }
        float[] centroids = splitBoxes(lab, weight, n, maxColors);
        int kc = centroids.length / 3;
        centroids = kMeans(lab, weight, n, centroids, kc);
        int[] colors = new int[kc];
        for (int i = 0; i < kc; i++) {
            colors[i] = Oklab.toSrgb(centroids[i * 3], centroids[i * 3 + 1], centroids[i * 3 + 2]);
        }
        return new Palette(distinct(colors, kc));
    }

    /**
     * How well a palette serves a histogram: the mean squared Oklab distance (lightness weighted as in
     * {@link Palette}) from each pixel's cell mean to its nearest palette colour.
     */
    public static double meanSquaredError(ColorHistogram histogram, Palette palette) {
        long[] data = histogram.cells;
        float[] lab = new float[3];
        double sum = 0;
        double weight = 0;
        for (int c = 0; c < data.length; c += 4) {
            long cnt = data[c];
            if (cnt == 0) {
                continue;
            }
            Oklab.fromSrgb((double) data[c + 1] / cnt, (double) data[c + 2] / cnt, (double) data[c + 3] / cnt, lab, 0);
            int k = palette.nearest(lab[0], lab[1], lab[2]);
            sum += cnt * (double) palette.distance(k, lab[0], lab[1], lab[2]);
            weight += cnt;
        }
        return weight == 0 ? 0 : sum / weight;
    }

    private static int[] distinct(int[] colors, int n) {
        int[] c = Arrays.copyOf(colors, n);
        Arrays.sort(c);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m == 0 || c[m - 1] != c[i]) {
                c[m++] = c[i];
            }
        }
        return Arrays.copyOf(c, m);
    }

    /** A box: a range of the permutation with its weighted sums. */
    private static final class Box {
        final int start;
        final int end;
        final double error;

        Box(int start, int end, double error) {
            this.start = start;
            this.end = end;
            this.error = error;
        }
    }

    private static float[] splitBoxes(float[] lab, double[] weight, int n, int k) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        PriorityQueue<Box> queue = new PriorityQueue<>((x, y) -> Double.compare(y.error, x.error));
        queue.add(new Box(0, n, boxError(lab, weight, perm, 0, n)));
        java.util.List<Box> done = new java.util.ArrayList<>();
        long[] keys = new long[n];
        double[] prefixW = new double[n + 1];
        double[][] prefix = new double[3][n + 1];
        double[] prefixSq = new double[n + 1];
        while (queue.size() + done.size() < k && !queue.isEmpty()) {
            Box box = queue.poll();
            if (box.end - box.start < 2 || box.error <= 0) {
                done.add(box);
                continue;
            }
            int axis = widestAxis(lab, weight, perm, box.start, box.end);
            int len = box.end - box.start;
            for (int i = 0; i < len; i++) {
                int p = perm[box.start + i];
                keys[i] = ((long) OklabNearest.sortable(lab[p * 3 + axis]) << 32) | p;
            }
            Arrays.sort(keys, 0, len);
            for (int i = 0; i < len; i++) {
                perm[box.start + i] = (int) keys[i];
            }
            // prefix sums in the sorted order; choose the cut minimising the two halves' summed error
            for (int i = 0; i < len; i++) {
                int p = perm[box.start + i];
                double w = weight[p];
                double l = lab[p * 3];
                double a = lab[p * 3 + 1];
                double b = lab[p * 3 + 2];
                prefixW[i + 1] = prefixW[i] + w;
                prefix[0][i + 1] = prefix[0][i] + w * l;
                prefix[1][i + 1] = prefix[1][i] + w * a;
                prefix[2][i + 1] = prefix[2][i] + w * b;
                prefixSq[i + 1] = prefixSq[i] + w * (Palette.LIGHTNESS_WEIGHT * l * l + a * a + b * b);
            }
            double bestErr = Double.MAX_VALUE;
            int bestCut = -1;
            for (int cut = 1; cut < len; cut++) {
                double e = halfError(prefixW, prefix, prefixSq, 0, cut) + halfError(prefixW, prefix, prefixSq, cut, len);
                if (e < bestErr) {
                    bestErr = e;
                    bestCut = cut;
                }
            }
            int mid = box.start + bestCut;
            queue.add(new Box(box.start, mid, halfError(prefixW, prefix, prefixSq, 0, bestCut)));
            queue.add(new Box(mid, box.end, halfError(prefixW, prefix, prefixSq, bestCut, len)));
        }
        done.addAll(queue);
        float[] centroids = new float[done.size() * 3];
        int c = 0;
        for (Box box : done) {
            double sw = 0;
            double sl = 0;
            double sa = 0;
            double sb = 0;
            for (int i = box.start; i < box.end; i++) {
                int p = perm[i];
                double w = weight[p];
                sw += w;
                sl += w * lab[p * 3];
                sa += w * lab[p * 3 + 1];
                sb += w * lab[p * 3 + 2];
            }
            centroids[c * 3] = (float) (sl / sw);
            centroids[c * 3 + 1] = (float) (sa / sw);
            centroids[c * 3 + 2] = (float) (sb / sw);
            c++;
        }
        return centroids;
    }

    private static double halfError(double[] pw, double[][] p, double[] psq, int from, int to) {
        double w = pw[to] - pw[from];
        if (w <= 0) {
            return 0;
        }
        double l = p[0][to] - p[0][from];
        double a = p[1][to] - p[1][from];
        double b = p[2][to] - p[2][from];
        double e = (psq[to] - psq[from]) - (Palette.LIGHTNESS_WEIGHT * l * l + a * a + b * b) / w;
        return Math.max(0, e);
    }

    private static double boxError(float[] lab, double[] weight, int[] perm, int start, int end) {
        double sw = 0;
        double[] s = new double[3];
        double sq = 0;
        for (int i = start; i < end; i++) {
            int p = perm[i];
            double w = weight[p];
            double l = lab[p * 3];
            double a = lab[p * 3 + 1];
            double b = lab[p * 3 + 2];
            sw += w;
            s[0] += w * l;
            s[1] += w * a;
            s[2] += w * b;
            sq += w * (Palette.LIGHTNESS_WEIGHT * l * l + a * a + b * b);
        }
        return Math.max(0, sq - (Palette.LIGHTNESS_WEIGHT * s[0] * s[0] + s[1] * s[1] + s[2] * s[2]) / sw);
    }

    private static int widestAxis(float[] lab, double[] weight, int[] perm, int start, int end) {
        double sw = 0;
        double[] s = new double[3];
        double[] sq = new double[3];
        for (int i = start; i < end; i++) {
            int p = perm[i];
            double w = weight[p];
            sw += w;
            for (int d = 0; d < 3; d++) {
                double v = lab[p * 3 + d];
                s[d] += w * v;
                sq[d] += w * v * v;
            }
        }
        int best = 0;
        double bestVar = -1;
        for (int d = 0; d < 3; d++) {
            double var = sq[d] / sw - (s[d] / sw) * (s[d] / sw);
            if (d == 0) {
                var *= Palette.LIGHTNESS_WEIGHT;
            }
            if (var > bestVar) {
                bestVar = var;
                best = d;
            }
        }
        return best;
    }

    private static int bruteForce(float[] centroids, int k, float l, float a, float b) {
        float best = Float.MAX_VALUE;
        int bestI = 0;
        final float w = Palette.LIGHTNESS_WEIGHT;
        for (int i = 0; i < k; i++) {
            float dl = centroids[i * 3] - l;
            float da = centroids[i * 3 + 1] - a;
            float db = centroids[i * 3 + 2] - b;
            float d = w * dl * dl + da * da + db * db;
            if (d < best) {
                best = d;
                bestI = i;
            }
        }
        return bestI;
    }

    private float[] kMeans(float[] lab, double[] weight, int n, float[] centroids, int k) {
        double[] sum = new double[k * 3];
        double[] sw = new double[k];
        // the candidate grid pays off only when many points share its cells; small sets are searched directly
        boolean grid = (long) n * k > 4_000_000L;
        for (int it = 0; it < iterations; it++) {
            OklabNearest search = grid ? new OklabNearest(centroids, k) : null;
            Arrays.fill(sum, 0);
            Arrays.fill(sw, 0);
            int worst = -1;
            double worstErr = -1;
            for (int p = 0; p < n; p++) {
                float l = lab[p * 3];
                float a = lab[p * 3 + 1];
                float b = lab[p * 3 + 2];
                int c = grid ? search.nearest(l, a, b) : bruteForce(centroids, k, l, a, b);
                double w = weight[p];
                sw[c] += w;
                sum[c * 3] += w * l;
                sum[c * 3 + 1] += w * a;
                sum[c * 3 + 2] += w * b;
                float dl = centroids[c * 3] - l;
                float da = centroids[c * 3 + 1] - a;
                float db = centroids[c * 3 + 2] - b;
                double err = w * (Palette.LIGHTNESS_WEIGHT * dl * dl + da * da + db * db);
                if (err > worstErr) {
                    worstErr = err;
                    worst = p;
                }
            }
            double moved = 0;
            for (int c = 0; c < k; c++) {
                if (sw[c] > 0) {
                    for (int d = 0; d < 3; d++) {
                        float v = (float) (sum[c * 3 + d] / sw[c]);
                        moved = Math.max(moved, Math.abs(v - centroids[c * 3 + d]));
                        centroids[c * 3 + d] = v;
                    }
                } else if (worst >= 0) {
                    // an empty cluster moves to the point that is served worst
                    System.arraycopy(lab, worst * 3, centroids, c * 3, 3);
                    worst = -1;
                    moved = 1;
                }
            }
            if (moved < 1e-4) {
                break;
            }
        }
        return centroids;
    }
}
