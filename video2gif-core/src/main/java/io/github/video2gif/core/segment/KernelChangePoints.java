package io.github.video2gif.core.segment;

import java.util.Arrays;

/**
 * Multiple change-point detection by kernel temporal segmentation (KTS): Potapov, Douze, Harchaoui and Schmid,
 * "Category-specific video summarization", ECCV 2014, the segmenter used by TVSum (Song et al., CVPR 2015) and
 * so by Video2GIF. The penalty on the number of change points is that of Arlot, Celisse and Harchaoui, "A kernel
 * multiple change-point algorithm via model selection" (JMLR 2019).
 *
 * <p>Given {@code n} observations and a positive semi-definite kernel matrix {@code K} between them, a
 * segmentation into segments {@code S_0..S_m} (separated by {@code m} change points) costs the sum of the
 * segments' scatter in the kernel's feature space,
 * <pre>
 *   L_m = sum_j [ sum_{i in S_j} K(i,i) - (1/|S_j|) sum_{i,k in S_j} K(i,k) ],
 * </pre>
 * the kernel version of the within-segment sum of squared deviations from the segment mean. For each {@code m}
 * up to {@code maxChangePoints} the optimal {@code L_m} and its segmentation are found exactly by dynamic
 * programming ({@code O(m n^2)} time, {@code O(n^2)} memory for the segment costs); the number of change points
 * is the {@code m} that minimises the penalised cost
 * <pre>
 *   L_m + beta * m * (1 + ln(n / m))      (m &gt;= 1; no penalty for m = 0),
 * </pre>
 * so that a change point is kept only where it lowers the scatter by about {@code beta * (1 + ln(n/m))}.
 * With a Gaussian kernel ({@code K(i,i) = 1}) splitting two homogeneous runs of lengths {@code a} and {@code b}
 * whose cross-kernel is {@code k} lowers the cost by about {@code 2ab(1-k)/(a+b)}: {@code beta} is in those
 * units.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code maxLength}: the largest {@code n} (work arrays are sized for it once);</li>
 *   <li>{@code maxChangePoints}: the largest {@code m} tried;</li>
 *   <li>{@code beta}: the penalty weight (larger: fewer change points);</li>
 *   <li>{@code patience}: the search over {@code m} stops once this many more change points have not lowered
 *       the penalised cost (the optimal {@code L_m} is convex in {@code m} for well-separated changes, so this
 *       loses nothing there and saves most of the work on windows with few changes); {@code 0} tries every
 *       {@code m}.</li>
 * </ul>
 *
 * <p>An instance reuses its work arrays and is not thread-safe. A video is handled in windows of at most
 * {@code maxLength} frames (see {@link KernelChangePointSegmenter}), so time grows linearly with its length and
 * memory does not grow at all.
 */
public final class KernelChangePoints {
    private final int maxLength;
    private final int maxChangePoints;
    private final double beta;
    private final int patience;

    /** Segment costs, transposed: {@code cost[t * (maxLength + 1) + s]} is the cost of frames {@code [s, t)}. */
    private final double[] cost;
    private final double[] previous;
    private final double[] current;
    private final int[] back;
    private final double[] rowSum;
    private final double[] diagonalPrefix;
    private double lastCost;

    /**
     * @param maxLength       the longest sequence to segment (at least 2)
     * @param maxChangePoints the most change points tried (at least 1, below {@code maxLength})
     * @param beta            the penalty weight (&gt; 0)
     * @param patience        stop after this many change points without improvement (0: try all)
     */
    public KernelChangePoints(int maxLength, int maxChangePoints, double beta, int patience) {
        if (maxLength < 2 || maxLength > 4096) {
            throw new IllegalArgumentException("maxLength must be in [2, 4096], was " + maxLength);
        }
        if (maxChangePoints < 1 || maxChangePoints >= maxLength) {
            throw new IllegalArgumentException("maxChangePoints must be in [1, maxLength), was " + maxChangePoints);
        }
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be finite and > 0, was " + beta);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, was " + patience);
        }
        this.maxLength = maxLength;
        this.maxChangePoints = maxChangePoints;
        this.beta = beta;
        this.patience = patience;
        this.cost = new double[(maxLength + 1) * (maxLength + 1)];
        this.previous = new double[maxLength + 1];
        this.current = new double[maxLength + 1];
        this.back = new int[(maxChangePoints + 1) * (maxLength + 1)];
        this.rowSum = new double[maxLength];
        this.diagonalPrefix = new double[maxLength + 1];
    }

    public int maxLength() {
        return maxLength;
    }

    public int maxChangePoints() {
        return maxChangePoints;
    }

    public double beta() {
        return beta;
    }

    /**
     * The change points of {@code n} observations: ascending indices {@code t} in {@code (0, n)}, each the first
     * observation of a new segment.
     *
     * @param gram the symmetric kernel matrix, row-major with row stride {@code stride} (entry {@code (i, j)} at
     *             {@code gram[i * stride + j]}); only entries with {@code i >= j} are read
     * @param n    the number of observations (at most {@link #maxLength()})
     */
    public int[] detect(float[] gram, int stride, int n) {
        if (n < 0 || n > maxLength) {
            throw new IllegalArgumentException("n must be in [0, " + maxLength + "], was " + n);
        }
        if (stride < n || gram.length < (long) (n - 1) * stride + n) {
            throw new IllegalArgumentException("gram too small for n = " + n + " at stride " + stride);
        }
        if (n < 2) {
            lastCost = 0;
            return new int[0];
        }
        segmentCosts(gram, stride, n);
        return solve(n);
    }

    /** The penalised cost of the last {@link #detect} (for tests and diagnostics). */
    public double lastPenalisedCost() {
        return lastCost;
    }

    /** The penalty for {@code m} change points among {@code n} observations. */
    public double penalty(int m, int n) {
        return m == 0 ? 0 : beta * m * (1 + Math.log((double) n / m));
    }

    private void segmentCosts(float[] gram, int stride, int n) {
        int w = maxLength + 1;
        diagonalPrefix[0] = 0;
        for (int i = 0; i < n; i++) {
            diagonalPrefix[i + 1] = diagonalPrefix[i] + gram[i * stride + i];
            rowSum[i] = 0;
        }
        // S(s, t) = sum of K over [s, t)^2 = S(s + 1, t) + K(s, s) + 2 sum_{v in (s, t)} K(s, v)
        for (int t = 1; t <= n; t++) {
            int last = t - 1;
            int lastRow = last * stride;
            double s2 = 0;
            int row = t * w;
            for (int s = t - 1; s >= 0; s--) {
                if (s < last) {
                    rowSum[s] += gram[lastRow + s]; // K(s, last) = K(last, s): one row, read in order
                }
                s2 += gram[s * stride + s] + 2 * rowSum[s];
                double c = diagonalPrefix[t] - diagonalPrefix[s] - s2 / (t - s);
                cost[row + s] = c > 0 ? c : 0;
            }
        }
    }

    private int[] solve(int n) {
        int w = maxLength + 1;
        int maxM = Math.min(maxChangePoints, n - 1);
        // m = 0: one segment
        for (int t = 1; t <= n; t++) {
            previous[t] = cost[t * w];
        }
        double bestObjective = previous[n];
        int bestM = 0;
        for (int m = 1; m <= maxM; m++) {
            int backRow = m * w;
            // m change points among the first t observations need t >= m + 1
            for (int t = m + 1; t <= n; t++) {
                int row = t * w;
                double best = Double.POSITIVE_INFINITY;
                int arg = m;
                for (int s = m; s < t; s++) {
                    double v = previous[s] + cost[row + s];
                    if (v < best) {
                        best = v;
                        arg = s;
                    }
                }
                current[t] = best;
                back[backRow + t] = arg;
            }
            double objective = current[n] + penalty(m, n);
            if (objective < bestObjective - 1e-12) {
                bestObjective = objective;
                bestM = m;
            }
            System.arraycopy(current, m + 1, previous, m + 1, n - m);
            Arrays.fill(previous, 0, m + 1, Double.POSITIVE_INFINITY);
            if (patience > 0 && m - bestM >= patience) {
                break;
            }
        }
        lastCost = bestObjective;
        int[] cps = new int[bestM];
        int t = n;
        for (int m = bestM; m >= 1; m--) {
            int s = back[m * w + t];
            cps[m - 1] = s;
            t = s;
        }
        return cps;
    }
}
