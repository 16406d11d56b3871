package io.github.video2gif.core.segment;

/**
 * Describes the change around one change point: where it starts and ends, how large it is, and whether it is a
 * jump, a ramp between two pictures, or a drift.
 *
 * <p>Around a change point {@code c}, within a context {@code [lo, hi)} that holds no other hard cut, the frames'
 * feature vectors are projected onto the direction from the mean before {@code c} to the mean after it, giving
 * a scalar {@code z} (about 0 before, 1 after). A continuous piecewise-linear model is fitted to {@code z} by
 * least squares for every transition start {@code s} and end {@code e} (at most {@code maxRamp} frames apart,
 * around {@code c}): a straight line (any slope) before {@code s}, a straight line from {@code e} on, and on the
 * transition frames {@code [s, e)} the straight blend from the first line's last value to the second line's
 * first value; {@code e == s} is a hard cut at {@code s}. Every {@code (s, e)} has the same four parameters, so
 * their squared errors compare directly; each costs O(1) with prefix sums. The projection is then refitted with
 * the means next to the transition.
 *
 * <p>A dissolve is a straight line in the (linear) colour-layout part of the feature, and a wipe or a fade nearly
 * so, between two lines that are nearly flat; a pan or a zoom makes the lines as steep as the blend, which
 * {@link Result#anchorSlope} reveals. Statistics are then measured in the full feature space on anchors of at
 * most {@code anchor} frames next to the transition. Reused buffers: not thread-safe.
 */
final class TransitionFit {
    /** Gives the signature vectors of frames that are still in the analysis window. */
    interface Frames {
        float[] feature(long frame);

        float[] layout(long frame);

        /** Squared feature distance from the previous frame. */
        float jump(long frame);
    }

    /**
     * The fitted transition.
     *
     * @param start       first frame of the transition ({@code == end} for a hard cut at {@code start})
     * @param end         first frame of the new shot
     * @param change      squared feature distance between the anchors' means
     * @param noise       mean squared deviation within the noisier anchor
     * @param anchorSlope the steeper of the two lines' slopes, relative to the transition's own slope (0: the
     *                    pictures before and after are steady; about 1: the change is a drift, a pan or a zoom)
     * @param stepShare   how much of the change between the means before and after happens in the transition
     *                    itself (about 1 for a cut or a dissolve, small for a drift)
     * @param residual    mean squared distance of the transition frames from the straight path, over change
     * @param jumpShare   the largest one-frame jump in {@code [start, end]} over {@code change}
     * @param jumpFrame   where that jump is (the first frame after it)
     * @param wipeShare   share of changing layout cells that are already (nearly) all old or all new in the
     *                    middle of the ramp: about 1 for a wipe, about 0 for a dissolve
     * @param anchorFrames frames in the shorter anchor
     * @param changedShare share of the luma layout's cells whose brightness changes by more than
     *                     {@value #CELL_CHANGE} levels (less in low-contrast pictures: a third of the spread of
     *                     the cells, at least 3) between the anchors (about 1 for a new picture, small for an
     *                     object that moves or a title that appears)
     * @param novelShare   share of layout cells that change at the largest jump by more than
     *                     {@value #CELL_CHANGE} levels and by much more than in the frames just before and after
     *                     it (a cut changes the picture in one step; a moving object changes its region in
     *                     every frame)
     * @param pace         how much faster the picture changes during the transition than in the anchors (mean
     *                     frame-to-frame feature distance; large for a transition between steady shots, about 1
     *                     for a moving object or camera)
     * @param structureChange squared distance of the anchors' contrast-normalised luma layouts (0: the same
     *                     picture, whatever its brightness and contrast; about 2 for unrelated pictures)
     * @param chromaShift  mean absolute change of the colour grid's chromaticity (r and g over r + g + b) between
     *                     the anchors: about 0 when only the light's strength changed
     */
    record Result(long start, long end, double change, double noise, double anchorSlope, double stepShare,
                  double residual,
                  double jumpShare, long jumpFrame, double wipeShare,
                  int anchorFrames, double changedShare, double novelShare, double pace, double structureChange,
                  double chromaShift) {
        int length() {
            return (int) (end - start);
        }
    }

    /** A layout cell whose mean luma moves by more than this many levels has changed. */
    static final double CELL_CHANGE = 10;

    private final int dim;
    private final int maxContext;
    private final double[] meanA;
    private final double[] meanB;
    private final double[] direction;
    private final double[] z;
    private final double[] z1;
    private final double[] z2;
    private final double[] zt;
    /** Prefix sums of the local index i and of i squared. */
    private final double[] z0;
    private final double[] z00;
    private final double[] normal = new double[16];
    private final double[] rhs = new double[4];
    private final double[] theta = new double[4];

    TransitionFit(int dim, int maxContext) {
        this.dim = dim;
        this.maxContext = maxContext;
        this.meanA = new double[dim];
        this.meanB = new double[dim];
        this.direction = new double[dim];
        this.z = new double[maxContext];
        this.z1 = new double[maxContext + 1];
        this.z2 = new double[maxContext + 1];
        this.zt = new double[maxContext + 1];
        this.z0 = new double[maxContext + 1];
        this.z00 = new double[maxContext + 1];
        for (int i = 0; i < maxContext; i++) {
            z0[i + 1] = z0[i] + i;
            z00[i + 1] = z00[i] + (double) i * i;
        }
    }

    /**
     * Fits the transition around change point {@code c} within {@code [lo, hi)}.
     *
     * @param maxRamp the longest transition, in frames
     * @param anchor  frames on each side used for the statistics
     * @param slack   how far (frames) the fitted transition may lie from {@code c}
     * @return the fit, or {@code null} when the context is too short or nothing changes
     */
    Result fit(Frames frames, long lo, long c, long hi, int maxRamp, int anchor, int slack) {
        int n = (int) (hi - lo);
        if (n > maxContext) {
            throw new IllegalArgumentException("context " + n + " > " + maxContext);
        }
        if (c - lo < 1 || hi - c < 1) {
            return null;
        }
        mean(frames, lo, c, meanA);
        mean(frames, c, hi, meanB);
        long s = c;
        long e = c;
        double stepShare = 0;
        double lineSlope = 0;
        for (int round = 0; round < 2; round++) {
            if (!project(frames, lo, hi)) {
                return null;
            }
            long bestS = c;
            long bestE = c;
            double best = Double.POSITIVE_INFINITY;
            long sMin = Math.max(lo + 1, c - maxRamp);
            long sMax = Math.min(c + slack, hi - 1);
            for (long ss = sMin; ss <= sMax; ss++) {
                long eMin = Math.max(ss, c - slack);
                long eMax = Math.min(hi - 1, ss + maxRamp);
                for (long ee = eMin; ee <= eMax; ee++) {
                    double sse = solve((int) (ss - lo), (int) (ee - lo), (int) (hi - lo));
                    if (sse < best) {
                        best = sse;
                        bestS = ss;
                        bestE = ee;
                    }
                }
            }
            s = bestS;
            e = bestE;
            solve((int) (s - lo), (int) (e - lo), (int) (hi - lo));
            stepShare = theta[2] - theta[0];
            double rampSlope = Math.abs(stepShare) / (e - s + 1);
            lineSlope = rampSlope == 0 ? Double.POSITIVE_INFINITY
                    : Math.max(Math.abs(theta[1]), Math.abs(theta[3])) / rampSlope;
            mean(frames, Math.max(lo, s - anchor), s, meanA);
            mean(frames, e, Math.min(hi, e + anchor), meanB);
        }
        // statistics on the anchors next to the transition
        long a0 = Math.max(lo, s - anchor);
        long b1 = Math.min(hi, e + anchor);
        mean(frames, a0, s, meanA);
        mean(frames, e, b1, meanB);
        double change = 0;
        for (int k = 0; k < dim; k++) {
            double d = meanB[k] - meanA[k];
            direction[k] = d;
            change += d * d;
        }
        if (!(change > 1e-9)) {
            return null;
        }
        double noise = Math.max(scatter(frames, a0, s, meanA), scatter(frames, e, b1, meanB));
        int length = (int) (e - s);
        double residual = 0;
        for (long t = s; t < e; t++) {
            double alpha = (double) (t - s + 1) / (length + 1);
            float[] y = frames.feature(t);
            double r = 0;
            for (int k = 0; k < dim; k++) {
                double d = y[k] - (meanA[k] + alpha * direction[k]);
                r += d * d;
            }
            residual += r;
        }
        residual = length == 0 ? 0 : residual / length / change;
        double maxJump = -1;
        long jumpFrame = s;
        for (long t = Math.max(lo + 1, s); t <= Math.min(hi - 1, e); t++) {
            double j = frames.jump(t);
            if (j > maxJump) {
                maxJump = j;
                jumpFrame = t;
            }
        }
        double[] layoutA = meanLayout(frames, a0, s);
        double[] layoutB = meanLayout(frames, e, b1);
        int changedCells = 0;
        double cellChange = Math.max(3, Math.min(CELL_CHANGE, 0.35 * Math.max(spread(layoutA), spread(layoutB))));
        for (int k = 0; k < layoutA.length; k++) {
            if (Math.abs(layoutB[k] - layoutA[k]) > cellChange) {
                changedCells++;
            }
        }
        double wipeShare = 0;
        if (length >= 2) {
            float[] mid = frames.layout(s + length / 2);
            int changing = 0;
            int settled = 0;
            for (int k = 0; k < layoutA.length; k++) {
                double d = layoutB[k] - layoutA[k];
                if (Math.abs(d) < 12) {
                    continue;
                }
                changing++;
                double q = (mid[k] - layoutA[k]) / d;
                if (q < 0.2 || q > 0.8) {
                    settled++;
                }
            }
            if (changing > 0) {
                wipeShare = (double) settled / changing;
            }
        }
        return new Result(s, e, change, noise, lineSlope, stepShare, residual, maxJump / change, jumpFrame,
                wipeShare, (int) Math.min(s - a0, b1 - e), (double) changedCells / layoutA.length,
                novelShare(frames, jumpFrame, lo, hi), pace(frames, a0, s, e, b1), structureChange(),
                chromaShift());
    }

    /**
     * Structure change and chromaticity shift across frame {@code t} only, from the two frames before it to the
     * two from it on (little room for motion): {@code {structureChange, chromaShift}}.
     */
    double[] acrossFrame(Frames frames, long t, long lo, long hi) {
        mean(frames, Math.max(lo, t - 2), t, meanA);
        mean(frames, t, Math.min(hi, t + 2), meanB);
        return new double[] {structureChange(), chromaShift()};
    }

    /** Mean absolute change of the colour grid cells' chromaticities between the anchor means. */
    private double chromaShift() {
        int off = FrameSignature.HISTOGRAM;
        int cells = FrameSignature.GRID * FrameSignature.GRID;
        if (dim < off + 3 * cells) {
            return Double.NaN;
        }
        double total = 0;
        for (int g = 0; g < cells; g++) {
            int k = off + 3 * g;
            double sa = meanA[k] + meanA[k + 1] + meanA[k + 2] + 1e-3;
            double sb = meanB[k] + meanB[k + 1] + meanB[k + 2] + 1e-3;
            total += Math.abs(meanA[k] / sa - meanB[k] / sb) + Math.abs(meanA[k + 1] / sa - meanB[k + 1] / sb);
        }
        return total / cells;
    }

    /** Squared distance of the structure parts of the two anchor means, in units of unit-spread layouts. */
    private double structureChange() {
        int off = FrameSignature.HISTOGRAM + FrameSignature.GRID * FrameSignature.GRID * 3;
        if (dim < off + FrameSignature.LAYOUT * FrameSignature.LAYOUT) {
            return Double.NaN;
        }
        double d = 0;
        for (int k = off; k < dim; k++) {
            double x = meanB[k] - meanA[k];
            d += x * x;
        }
        return d / (FrameSignature.STRUCTURE_WEIGHT * FrameSignature.STRUCTURE_WEIGHT);
    }

    /** Mean frame-to-frame distance inside [s, e] over the same in the anchors [a0, s) and [e, b1). */
    private static double pace(Frames frames, long a0, long s, long e, long b1) {
        double inside = 0;
        int n = 0;
        for (long t = s; t <= e; t++) {
            if (t > a0) {
                inside += Math.sqrt(frames.jump(t));
                n++;
            }
        }
        double outside = 0;
        int m = 0;
        for (long t = a0 + 1; t < s; t++) {
            outside += Math.sqrt(frames.jump(t));
            m++;
        }
        for (long t = e + 1; t < b1; t++) {
            outside += Math.sqrt(frames.jump(t));
            m++;
        }
        if (n == 0) {
            return 0;
        }
        inside /= n;
        outside = m == 0 ? 0 : outside / m;
        return inside / Math.max(outside, 1e-3);
    }

    private static double spread(double[] layout) {
        double m = 0;
        for (double v : layout) {
            m += v;
        }
        m /= layout.length;
        double s = 0;
        for (double v : layout) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / layout.length);
    }

    private static double spread(float[] layout) {
        double m = 0;
        for (float v : layout) {
            m += v;
        }
        m /= layout.length;
        double s = 0;
        for (float v : layout) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / layout.length);
    }

    /** Share of layout cells that change at frame {@code t} and hardly in the frames around it. */
    static double novelShare(Frames frames, long t, long lo, long hi) {
        if (t - 1 < lo) {
            return 0;
        }
        float[] prev = frames.layout(t - 1);
        float[] cur = frames.layout(t);
        float[] prev2 = t - 2 >= lo ? frames.layout(t - 2) : null;
        float[] next = t + 1 < hi ? frames.layout(t + 1) : null;
        double threshold = Math.max(3, Math.min(CELL_CHANGE, 0.35 * spread(prev)));
        int novel = 0;
        for (int k = 0; k < cur.length; k++) {
            double d = Math.abs(cur[k] - prev[k]);
            double around = Math.max(prev2 == null ? 0 : Math.abs(prev[k] - prev2[k]),
                    next == null ? 0 : Math.abs(next[k] - cur[k]));
            if (d > threshold && d > 2.5 * around) {
                novel++;
            }
        }
        return (double) novel / cur.length;
    }

    private void mean(Frames frames, long from, long to, double[] out) {
        java.util.Arrays.fill(out, 0);
        if (to <= from) {
            return;
        }
        for (long t = from; t < to; t++) {
            float[] y = frames.feature(t);
            for (int k = 0; k < dim; k++) {
                out[k] += y[k];
            }
        }
        double inv = 1.0 / (to - from);
        for (int k = 0; k < dim; k++) {
            out[k] *= inv;
        }
    }

    private double scatter(Frames frames, long from, long to, double[] mean) {
        if (to <= from) {
            return 0;
        }
        double s = 0;
        for (long t = from; t < to; t++) {
            float[] y = frames.feature(t);
            for (int k = 0; k < dim; k++) {
                double d = y[k] - mean[k];
                s += d * d;
            }
        }
        return s / (to - from);
    }

    private boolean project(Frames frames, long lo, long hi) {
        double uu = 0;
        double offset = 0;
        for (int k = 0; k < dim; k++) {
            double d = meanB[k] - meanA[k];
            direction[k] = d;
            uu += d * d;
            offset += meanA[k] * d;
        }
        if (!(uu > 1e-9)) {
            return false;
        }
        int n = (int) (hi - lo);
        z1[0] = 0;
        z2[0] = 0;
        zt[0] = 0;
        for (int i = 0; i < n; i++) {
            float[] y = frames.feature(lo + i);
            double p = 0;
            for (int k = 0; k < dim; k++) {
                p += y[k] * direction[k];
            }
            double v = (p - offset) / uu;
            z[i] = v;
            z1[i + 1] = z1[i] + v;
            z2[i + 1] = z2[i] + v * v;
            zt[i + 1] = zt[i] + v * i;
        }
        return true;
    }

    /**
     * Least-squares fit of the line-blend-line model with the transition on local frames {@code [a, b)} of
     * {@code n}; leaves the parameters in {@link #theta} (value and slope of the first line at its last frame
     * {@code a - 1}, value and slope of the second line at its first frame {@code b}) and returns the squared
     * error. A small ridge keeps the slopes of one- or two-frame lines at zero.
     */
    private double solve(int a, int b, int n) {
        java.util.Arrays.fill(normal, 0);
        java.util.Arrays.fill(rhs, 0);
        // first line: rows (1, i - (a - 1), 0, 0) for i in [0, a)
        double c0 = a;
        double c1 = sum(z0, 0, a) - (a - 1) * c0;                  // sum of (i - a + 1)
        double c2 = sum(z00, 0, a) - 2.0 * (a - 1) * sum(z0, 0, a) + (double) (a - 1) * (a - 1) * c0;
        double sz = z1[a] - z1[0];
        double siz = (zt[a] - zt[0]) - (a - 1) * sz;
        normal[0] += c0;
        normal[1] += c1;
        normal[5] += c2;
        rhs[0] += sz;
        rhs[1] += siz;
        // second line: rows (0, 0, 1, i - b) for i in [b, n)
        double d0 = n - b;
        double d1 = sum(z0, b, n) - b * d0;
        double d2 = sum(z00, b, n) - 2.0 * b * sum(z0, b, n) + (double) b * b * d0;
        double tz = z1[n] - z1[b];
        double tiz = (zt[n] - zt[b]) - b * tz;
        normal[10] += d0;
        normal[11] += d1;
        normal[15] += d2;
        rhs[2] += tz;
        rhs[3] += tiz;
        // blend: rows (1 - w, 0, w, 0), w = (i - a + 1) / (L + 1) for i in [a, b)
        int l = b - a;
        if (l > 0) {
            double k = 1.0 / (l + 1);
            // sums over j = i - a + 1 in 1..L
            double sj = l * (l + 1) / 2.0;
            double sjj = l * (l + 1) * (2.0 * l + 1) / 6.0;
            double sw = sj * k;
            double sww = sjj * k * k;
            double rz = z1[b] - z1[a];
            double rjz = (zt[b] - zt[a]) - (a - 1) * rz;
            double swz = rjz * k;
            normal[0] += l - 2 * sw + sww;
            normal[2] += sw - sww;
            normal[10] += sww;
            rhs[0] += rz - swz;
            rhs[2] += swz;
        }
        normal[4] = normal[1];
        normal[8] = normal[2];
        normal[14] = normal[11];
        double ridge = 1e-3;
        normal[5] += ridge;
        normal[15] += ridge;
        if (!solve4(normal, rhs, theta)) {
            return Double.POSITIVE_INFINITY;
        }
        double explained = 0;
        for (int i = 0; i < 4; i++) {
            explained += theta[i] * rhs[i];
        }
        double total = z2[n] - z2[0];
        return total - explained - ridge * (theta[1] * theta[1] + theta[3] * theta[3]);
    }

    private static double sum(double[] prefix, int from, int to) {
        return prefix[to] - prefix[from];
    }

    /** Solves the symmetric positive definite 4x4 system by Cholesky; false when it is singular. */
    private static boolean solve4(double[] m, double[] r, double[] x) {
        double[] l = new double[16];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j <= i; j++) {
                double s = m[i * 4 + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * 4 + k] * l[j * 4 + k];
                }
                if (i == j) {
                    if (!(s > 1e-12)) {
                        return false;
                    }
                    l[i * 4 + i] = Math.sqrt(s);
                } else {
                    l[i * 4 + j] = s / l[j * 4 + j];
                }
            }
        }
        double[] y = new double[4];
        for (int i = 0; i < 4; i++) {
            double s = r[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * 4 + k] * y[k];
            }
            y[i] = s / l[i * 4 + i];
        }
        for (int i = 3; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < 4; k++) {
                s -= l[k * 4 + i] * x[k];
            }
            x[i] = s / l[i * 4 + i];
        }
        return true;
    }

    private double[] meanLayout(Frames frames, long from, long to) {
        double[] m = new double[FrameSignature.LAYOUT * FrameSignature.LAYOUT];
        if (to <= from) {
            return m;
        }
        for (long t = from; t < to; t++) {
            float[] l = frames.layout(t);
            for (int k = 0; k < m.length; k++) {
                m[k] += l[k];
            }
        }
        for (int k = 0; k < m.length; k++) {
            m[k] /= (to - from);
        }
        return m;
    }
}
