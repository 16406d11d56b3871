package io.github.video2gif.core.align;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Objects;

/**
 * Finds where a GIF's frames sit in a video from their perceptual hashes alone, and decides whether they are there
 * at all.
 *
 * <p>A GIF is a contiguous stretch of its source, resampled in time: GIF time {@code g} shows the video frame at
 * time {@code a + b g}, where {@code a} is the start and {@code b} the speed (1 unless the GIF was sped up,
 * slowed down, or its delays were rounded to centiseconds). The matcher fits that line robustly, once for each
 * {@link CropView} of the video whose shape suits the GIF (GIF whole frames against plain crops, GIF bands against
 * banded crops), and keeps the view the GIF matches most closely:
 * <ol>
 *   <li><b>All pairs</b>, O(n k) for n video and k GIF frames: every GIF frame is compared with every video frame
 *       by Hamming distance, keeping its few best matches at least {@code suppressionSec} apart.</li>
 *   <li><b>Line hypotheses</b> from up to {@code anchorFrames} GIF frames spread over the GIF: each pair of
 *       anchor candidates in time order gives a start and a speed (kept when the speed is within
 *       {@code [minSpeed, maxSpeed]}); each single candidate gives a start at speed 1.</li>
 *   <li><b>Robust cost</b> of a line: the sum over GIF frames of the smallest distance to a video frame within
 *       one frame interval (at least 0.1 s) of the predicted time, capped at {@code distanceCap}, so captioned,
 *       damaged, dropped or repeated frames cost a bounded amount and never drag the line; predictions outside the
 *       video cost the cap. A tiny cost per unit of {@code |ln b|} settles the speed at 1 when nothing else
 *       can.</li>
 *   <li><b>Refinement</b> of the cheapest lines by weighted least squares on their inlier matches, each timed at
 *       the middle of its run of equally close frames and weighted down by that run's length (a still says little
 *       about timing). A speed outside the usual range of rounded GIF delays (0.9-1.12) is kept only when it beats
 *       the best line of usual speed clearly.</li>
 *   <li><b>Two tests</b> decide whether the GIF is in the video, both over groups of near-identical consecutive
 *       GIF frames (a still GIF is one piece of evidence, not fifty):
 *       <ul>
 *         <li>the <em>line test</em>, a ratio test at the level of whole lines (like Lowe's for single features):
 *             the best line at least a second away from the winner is found and refined the same way, and the
 *             <em>separation</em> is the winner's mean per-group advantage over it divided by its standard error.
 *             For a GIF from another video the best and the runner-up are two near-equal extremes of many chance
 *             lines;</li>
 *         <li>the <em>frame test</em>: the <em>frame margin</em> is how many bits closer, on average, the GIF's
 *             frames are to their matches on the line than to any video frame more than a second away from it.
 *             A chance line picks up a few lucky matches but its frames resemble other moments as much.</li>
 *       </ul>
 *       The GIF is found when the separation reaches {@code minSeparation} and the frame margin
 *       {@code minFrameMargin}.</li>
 * </ol>
 * This copes with GIF frame rates far below the video's (only the GIF's own frames are matched), dropped or
 * repeated frames (capped costs, windows), resizing, palette noise and dithering (the hash's area averaging),
 * centred crops and caption bars (the crop views and bands). Content that appears twice (a repeated shot, a long
 * still) makes the placement ambiguous: the tests then fail and the GIF is reported as not found rather than
 * placed at a guess. Off-centre crops are not searched.
 *
 * <p>Thread-safe: it keeps no state between calls.
 */
public final class LineFitMatcher {
    /**
     * Tuning of the matcher.
     *
     * @param minSpeed           slowest GIF accepted, in video seconds per GIF second
     * @param maxSpeed           fastest GIF accepted
     * @param candidatesPerFrame best matches kept per GIF frame, at least {@code suppressionSec} apart
     * @param anchorFrames       GIF frames used to generate line hypotheses
     * @param suppressionSec     minimum time between two candidates of one GIF frame
     * @param distanceCap        most a single GIF frame can add to a line's cost (Hamming bits)
     * @param minSeparation      line test: how many standard errors the best line must beat the runner-up by
     * @param minFrameMargin     frame test: how many bits closer the GIF's frames must be, on average, to their
     *                           matches on the line than to anything else in the video
     */
    public record Options(double minSpeed, double maxSpeed, int candidatesPerFrame, int anchorFrames,
                          double suppressionSec, int distanceCap, double minSeparation, double minFrameMargin) {
        /**
         * Speeds 0.5-2, 6 candidates, 12 anchors, 0.3 s suppression, cap 32 bits, separation 3, frame margin 4
         * bits. The thresholds were set on the synthetic calibration set ({@code AlignCalibrationTest}, 140 GIFs
         * and as many from other footage) and the Big Buck Bunny evaluation in {@code video2gif-bench}, erring
         * towards missing a GIF rather than mislabelling one.
         */
        public static final Options DEFAULT = new Options(0.5, 2.0, 6, 12, 0.3, 32, 3.0, 4.0);

        public Options {
            if (!(minSpeed > 0) || !(maxSpeed >= minSpeed) || Double.isInfinite(maxSpeed)) {
                throw new IllegalArgumentException("need 0 < minSpeed <= maxSpeed, was " + minSpeed + ", "
                        + maxSpeed);
            }
            if (candidatesPerFrame < 1 || anchorFrames < 1) {
                throw new IllegalArgumentException("candidatesPerFrame and anchorFrames must be >= 1");
            }
            if (!(suppressionSec >= 0) || distanceCap < 1 || distanceCap > 64 || !(minSeparation > 0)
                    || !Double.isFinite(minFrameMargin)) {
                throw new IllegalArgumentException("bad suppressionSec " + suppressionSec + ", distanceCap "
                        + distanceCap + ", minSeparation " + minSeparation + " or minFrameMargin " + minFrameMargin);
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(LineFitMatcher.class);

    private static final int REFINED = 8;
    private static final int RUNNERS_UP = 4;
    private static final int SAME_FRAME_BITS = 6;
    private static final double MIN_GAIN_SD = 2.0;
    private static final double MIN_HALF_WINDOW_SEC = 0.1;
    private static final double MAX_ASPECT_CHANGE = 1.15;
    private static final double SPEED_PENALTY = 2.0;
    /** Speeds GIFs get from delays rounded to centiseconds (30 fps shown at 3 cs is 1.11). */
    private static final double USUAL_SPEED_MIN = 0.9;
    private static final double USUAL_SPEED_MAX = 1.12;
    private static final double ELSEWHERE_MARGIN_SEC = 1.0;

    private final Options options;

    public LineFitMatcher() {
        this(Options.DEFAULT);
    }

    public LineFitMatcher(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public Options options() {
        return options;
    }

    /**
     * Aligns a GIF's hashes (view 0, the whole frame) with a video's.
     *
     * @throws IllegalArgumentException when either track is empty
     */
    public GifAlignment match(HashTrack gif, HashTrack video) {
        Objects.requireNonNull(gif, "gif");
        Objects.requireNonNull(video, "video");
        if (gif.size() == 0 || video.size() == 0) {
            throw new IllegalArgumentException("cannot align an empty track: GIF " + gif.size() + " frames, video "
                    + video.size() + " frames");
        }
        double gifAspect = (double) gif.width() / gif.height();
        GifAlignment best = null;
        for (int v = 0; v < video.views().size(); v++) {
            CropView view = video.views().get(v);
            int gifView = gif.viewIndex(view.band() ? CropView.BAND : CropView.FULL);
            double ratio = Math.abs(Math.log(view.aspectOn(video.width(), video.height()) / gifAspect));
            if (gifView < 0 || (!view.isWholeFrame() && ratio > Math.log(MAX_ASPECT_CHANGE))) {
                continue;
            }
            GifAlignment r = new Run(gif, gifView, video, v).solve();
            LOG.debug("view {}: {}", view, r.toJson());
            // The view the GIF matches most closely; the earlier view (the whole frame first) wins ties.
            if (best == null || r.meanDistance() < best.meanDistance()) {
                best = r;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("the tracks share no view: GIF " + gif.views() + ", video "
                    + video.views());
        }
        return best;
    }

    /** The state of one alignment against one view of the video. */
    private final class Run {
        final HashTrack video;
        final CropView view;
        final int k;
        final int n;
        final long[] gh;
        final double[] g;
        final long[] vh;
        final double[] vt;
        final double dt;
        final double halfWindow;
        final double videoStart;
        final double videoEnd;
        final double gifDuration;
        final int cap = options.distanceCap();
        final int[][] candidates;

        // Every hypothesis scored, for the runner-up search.
        double[] hypA = new double[256];
        double[] hypB = new double[256];
        double[] hypCost = new double[256];
        int hypCount;

        Run(HashTrack gif, int gifView, HashTrack video, int view) {
            this.video = video;
            this.view = video.views().get(view);
            k = gif.size();
            n = video.size();
            gh = Arrays.copyOf(gif.hashArray(gifView), k);
            g = new double[k];
            double g0 = gif.time(0);
            for (int i = 0; i < k; i++) {
                g[i] = gif.time(i) - g0;
            }
            vh = video.hashArray(view);
            vt = video.timeArray();
            dt = video.medianInterval();
            halfWindow = Math.max(dt, MIN_HALF_WINDOW_SEC);
            videoStart = vt[0];
            videoEnd = Math.max(video.endSec(), vt[n - 1]);
            gifDuration = Math.max(gif.endSec() - g0, g[k - 1]);
            candidates = new int[k][];
            findCandidates();
        }

        /** Step 1: every GIF frame against every video frame; keep each GIF frame's best separated matches. */
        private void findCandidates() {
            byte[] d = new byte[n];
            int m = Math.min(options.candidatesPerFrame(), n);
            for (int i = 0; i < k; i++) {
                long h = gh[i];
                for (int j = 0; j < n; j++) {
                    d[j] = (byte) Long.bitCount(h ^ vh[j]);
                }
                int[] cand = new int[m];
                int found = 0;
                for (int c = 0; c < m; c++) {
                    int best = -1;
                    int bestD = 65;
                    for (int j = 0; j < n; j++) {
                        if (d[j] < bestD) {
                            bestD = d[j];
                            best = j;
                        }
                    }
                    if (best < 0) {
                        break;
                    }
                    cand[found++] = best;
                    int lo = video.firstAtOrAfter(vt[best] - options.suppressionSec());
                    int hi = video.firstAtOrAfter(vt[best] + options.suppressionSec() + 1e-9);
                    Arrays.fill(d, lo, Math.max(hi, best + 1), (byte) 127);
                }
                candidates[i] = Arrays.copyOf(cand, found);
            }
        }

        GifAlignment solve() {
            // Step 2: hypotheses from anchors, all scored and remembered.
            int[] anchors = anchors();
            for (int x = 0; x < anchors.length; x++) {
                int i1 = anchors[x];
                for (int c1 : candidates[i1]) {
                    remember(vt[c1] - g[i1], 1.0);
                    for (int y = x + 1; y < anchors.length; y++) {
                        int i2 = anchors[y];
                        double dg = g[i2] - g[i1];
                        if (dg <= 0) {
                            continue;
                        }
                        for (int c2 : candidates[i2]) {
                            double b = (vt[c2] - vt[c1]) / dg;
                            if (b >= options.minSpeed() && b <= options.maxSpeed()) {
                                remember(vt[c1] - b * g[i1], b);
                            }
                        }
                    }
                }
            }
            // Step 4: refine the cheapest distinct lines; keep the best. A speed outside the usual range of GIFs
            // (delays rounded to centiseconds) must earn its place: when a line of usual speed costs barely more,
            // the content cannot tell the speed (a still shot with one change) and the usual speed is kept.
            double[] best = bestRefined(cheapest(REFINED, Double.NaN, Double.NaN, 0, Double.POSITIVE_INFINITY),
                    options.minSpeed(), options.maxSpeed());
            if (best[1] < USUAL_SPEED_MIN || best[1] > USUAL_SPEED_MAX) {
                int[] usual = cheapest(REFINED, Double.NaN, Double.NaN, USUAL_SPEED_MIN, USUAL_SPEED_MAX);
                if (usual.length > 0) {
                    double[] u = bestRefined(usual, USUAL_SPEED_MIN, USUAL_SPEED_MAX);
                    if (u[2] - best[2] < Math.max(2.0, 0.1 * k)) {
                        best = u;
                    }
                }
            }
            double a = best[0];
            double b = best[1];
            double cost = best[2];

            // Step 5: the runner-up elsewhere.
            double[] runner = null;
            for (int h : cheapest(RUNNERS_UP, a, b, 0, Double.POSITIVE_INFINITY)) {
                double[] r = refine(hypA[h], hypB[h], hypCost[h], options.minSpeed(), options.maxSpeed());
                if (!apart(r[0], r[1], a, b)) {
                    r = new double[] {hypA[h], hypB[h], hypCost[h]};
                }
                if (runner == null || r[2] < runner[2]) {
                    runner = r;
                }
            }
            int[] dBest = frameCosts(a, b);
            int[] dRunner;
            if (runner != null) {
                dRunner = frameCosts(runner[0], runner[1]);
            } else {
                dRunner = new int[k];
                Arrays.fill(dRunner, cap);
            }
            // Line test: the best line against the runner-up, frame by frame.
            double[] lineGain = new double[k];
            // Frame test: each frame on the best line against its closest match anywhere else in the video.
            int[] dElsewhere = closestElsewhere(a - ELSEWHERE_MARGIN_SEC, a + b * gifDuration + ELSEWHERE_MARGIN_SEC);
            double[] frameGain = new double[k];
            for (int i = 0; i < k; i++) {
                lineGain[i] = dRunner[i] - dBest[i];
                frameGain[i] = dElsewhere[i] - dBest[i];
            }
            double[] line = groupStats(lineGain);
            double separation = line[0] / (Math.max(line[1], MIN_GAIN_SD) / Math.sqrt(line[2]));
            double frameMargin = groupStats(frameGain)[0];
            if (LOG.isTraceEnabled()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < k; i++) {
                    sb.append(' ').append(dBest[i]).append('/').append(dRunner[i]).append('/').append(dElsewhere[i]);
                }
                LOG.trace("view {}: frame distances (line/runner-up/elsewhere):{}", view, sb);
                LOG.trace(String.format(java.util.Locale.ROOT, "view %s: cost %.2f, runner-up %.2f, gain %.2f +- %.2f"
                                + " over %.0f groups -> separation %.2f; frame margin %.2f", view, cost / k,
                        runner == null ? Double.NaN : runner[2] / k, line[0], line[1], line[2], separation,
                        frameMargin));
            }
            return result(a, b, cost, runner == null ? cap * k : runner[2], separation, frameMargin);
        }

        /**
         * Mean, standard deviation and count of a per-frame value over groups of near-identical consecutive GIF
         * frames (each group contributes its mean once: a still GIF is one piece of evidence, not fifty).
         */
        private double[] groupStats(double[] value) {
            double sum = 0;
            double sumSq = 0;
            int groups = 0;
            double groupSum = 0;
            int groupSize = 0;
            long groupHash = 0;
            for (int i = 0; i <= k; i++) {
                if (i == k || i == 0 || Long.bitCount(groupHash ^ gh[i]) > SAME_FRAME_BITS) {
                    if (groupSize > 0) {
                        double m = groupSum / groupSize;
                        sum += m;
                        sumSq += m * m;
                        groups++;
                    }
                    if (i == k) {
                        break;
                    }
                    groupHash = gh[i];
                    groupSum = 0;
                    groupSize = 0;
                }
                groupSum += value[i];
                groupSize++;
            }
            double mean = sum / groups;
            double sd = groups > 1 ? Math.sqrt(Math.max(0, (sumSq - sum * sum / groups) / (groups - 1))) : 0;
            return new double[] {mean, sd, groups};
        }

        /** Each GIF frame's smallest distance (capped) to a video frame outside {@code [lo, hi]}. */
        private int[] closestElsewhere(double lo, double hi) {
            int from = video.firstAtOrAfter(lo);
            int to = video.firstAtOrAfter(hi + 1e-9);
            int[] out = new int[k];
            for (int i = 0; i < k; i++) {
                long h = gh[i];
                int best = cap;
                for (int j = 0; j < from; j++) {
                    best = Math.min(best, Long.bitCount(h ^ vh[j]));
                }
                for (int j = to; j < n; j++) {
                    best = Math.min(best, Long.bitCount(h ^ vh[j]));
                }
                out[i] = best;
            }
            return out;
        }

        private int[] anchors() {
            int count = Math.min(k, options.anchorFrames());
            if (count == 1) {
                return new int[] {0};
            }
            int[] out = new int[count];
            int w = 0;
            for (int q = 0; q < count; q++) {
                int i = (int) Math.round((double) q * (k - 1) / (count - 1));
                if (w == 0 || out[w - 1] != i) {
                    out[w++] = i;
                }
            }
            return Arrays.copyOf(out, w);
        }

        private void remember(double a, double b) {
            if (hypCount == hypA.length) {
                int c = hypCount * 2;
                hypA = Arrays.copyOf(hypA, c);
                hypB = Arrays.copyOf(hypB, c);
                hypCost = Arrays.copyOf(hypCost, c);
            }
            hypA[hypCount] = a;
            hypB[hypCount] = b;
            hypCost[hypCount] = score(a, b);
            hypCount++;
        }

        /**
         * The {@code count} cheapest remembered lines, no two within half a frame and 1 % speed of each other;
         * when {@code awayA} is a number, only lines whose video span is
         * at least {@link #ELSEWHERE_MARGIN_SEC} away from the line {@code (awayA, awayB)}.
         */
        private int[] cheapest(int count, double awayA, double awayB, double speedLo, double speedHi) {
            Integer[] order = new Integer[hypCount];
            for (int h = 0; h < hypCount; h++) {
                order[h] = h;
            }
            Arrays.sort(order, (x, y) -> Double.compare(hypCost[x], hypCost[y]));
            int[] out = new int[count];
            int w = 0;
            for (int q = 0; q < hypCount && w < count; q++) {
                int h = order[q];
                if (!Double.isNaN(awayA) && !apart(hypA[h], hypB[h], awayA, awayB)
                        || hypB[h] < speedLo || hypB[h] > speedHi) {
                    continue;
                }
                boolean duplicate = false;
                for (int x = 0; x < w && !duplicate; x++) {
                    duplicate = Math.abs(hypA[out[x]] - hypA[h]) < dt * 0.5
                            && Math.abs(hypB[out[x]] - hypB[h]) < 0.01 * hypB[h];
                }
                if (!duplicate) {
                    out[w++] = h;
                }
            }
            return Arrays.copyOf(out, w);
        }

        private double[] bestRefined(int[] hypotheses, double speedLo, double speedHi) {
            double[] best = null;
            for (int h : hypotheses) {
                double[] r = refine(hypA[h], hypB[h], hypCost[h], speedLo, speedHi);
                if (best == null || r[2] < best[2]) {
                    best = r;
                }
            }
            return best;
        }

        /** Whether two lines' video spans are at least {@link #ELSEWHERE_MARGIN_SEC} apart. */
        private boolean apart(double a1, double b1, double a2, double b2) {
            double e1 = a1 + b1 * gifDuration;
            double e2 = a2 + b2 * gifDuration;
            return a1 >= e2 + ELSEWHERE_MARGIN_SEC || a2 >= e1 + ELSEWHERE_MARGIN_SEC;
        }

        /** Each GIF frame's capped distance to its best match in the window of the line {@code (a, b)}. */
        int[] frameCosts(double a, double b) {
            int[] out = new int[k];
            for (int i = 0; i < k; i++) {
                int j = matchInWindow(i, a, b);
                out[i] = j < 0 ? cap : Math.min(cap, Long.bitCount(gh[i] ^ vh[j]));
            }
            return out;
        }

        /**
         * Step 3: the capped cost of the line {@code t = a + b g}, plus {@link #SPEED_PENALTY} bits per unit of
         * {@code |ln b|}: too little to outweigh any real difference in distances, it settles the speed at 1 when
         * the content cannot tell (a still shot).
         */
        double score(double a, double b) {
            double cost = SPEED_PENALTY * Math.abs(Math.log(b));
            int j = 0;
            for (int i = 0; i < k; i++) {
                double p = a + b * g[i];
                double lo = p - halfWindow;
                double hi = p + halfWindow;
                if (hi < videoStart || lo > videoEnd) {
                    cost += cap;
                    continue;
                }
                while (j < n && vt[j] < lo) {
                    j++;
                }
                int best = cap;
                int jj = j;
                for (; jj < n && vt[jj] <= hi; jj++) {
                    int dd = Long.bitCount(gh[i] ^ vh[jj]);
                    if (dd < best) {
                        best = dd;
                    }
                }
                if (jj == j) {
                    // No frame inside the window (a gap in the timestamps): use the nearest one.
                    best = Math.min(cap, Long.bitCount(gh[i] ^ vh[video.nearest(p)]));
                }
                cost += best;
            }
            return cost;
        }

        /** The best video frame in the window around the line's prediction for GIF frame {@code i}, or -1. */
        int matchInWindow(int i, double a, double b) {
            double p = a + b * g[i];
            int j = video.firstAtOrAfter(p - halfWindow);
            int best = -1;
            int bestD = Integer.MAX_VALUE;
            double bestGap = Double.POSITIVE_INFINITY;
            for (; j < n && vt[j] <= p + halfWindow; j++) {
                int dd = Long.bitCount(gh[i] ^ vh[j]);
                double gap = Math.abs(vt[j] - p);
                if (dd < bestD || (dd == bestD && gap < bestGap)) {
                    best = j;
                    bestD = dd;
                    bestGap = gap;
                }
            }
            if (best < 0 && p >= videoStart - halfWindow && p <= videoEnd + halfWindow) {
                best = video.nearest(p);
            }
            return best;
        }

        /**
         * Where GIF frame {@code i} sits near the line's prediction: the best video frame within
         * {@code halfWidth} seconds, and the middle of the run of consecutive frames exactly as close (slow
         * scenes give several identical hashes in a row; their middle, not the edge nearest the prediction, is
         * the unbiased estimate). Returns {@code {time, distance, run length}}, or null when no frame is near.
         */
        double[] plateauMatch(int i, double a, double b, double halfWidth) {
            double p = a + b * g[i];
            int from = video.firstAtOrAfter(p - halfWidth);
            int best = -1;
            int bestD = Integer.MAX_VALUE;
            double bestGap = Double.POSITIVE_INFINITY;
            for (int j = from; j < n && vt[j] <= p + halfWidth; j++) {
                int dd = Long.bitCount(gh[i] ^ vh[j]);
                double gap = Math.abs(vt[j] - p);
                if (dd < bestD || (dd == bestD && gap < bestGap)) {
                    best = j;
                    bestD = dd;
                    bestGap = gap;
                }
            }
            if (best < 0) {
                return null;
            }
            int lo = best;
            int hi = best;
            while (lo > 0 && Long.bitCount(gh[i] ^ vh[lo - 1]) == bestD && p - vt[lo - 1] <= 2 * halfWidth) {
                lo--;
            }
            while (hi < n - 1 && Long.bitCount(gh[i] ^ vh[hi + 1]) == bestD && vt[hi + 1] - p <= 2 * halfWidth) {
                hi++;
            }
            return new double[] {0.5 * (vt[lo] + vt[hi]), bestD, hi - lo + 1};
        }

        /**
         * Step 4: weighted least squares on the plateau-centred inlier matches of a line, iterated. The windowed
         * cost is nearly flat along slow scenes, so an iteration is kept unless it raises the cost by more than a
         * tolerance ({@code max(1, k / 20)} bits): the centred matches time the line better than the cost can.
         */
        private double[] refine(double a, double b, double cost, double speedLo, double speedHi) {
            double inlierMax = cap * 0.75;
            double startCost = cost;
            double tolerance = Math.max(1.0, k / 20.0);
            double reach = 2 * halfWindow;
            for (int iter = 0; iter < 6; iter++) {
                double sw = 0;
                double sg = 0;
                double st = 0;
                double sgg = 0;
                double sgt = 0;
                double gMin = Double.POSITIVE_INFINITY;
                double gMax = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < k; i++) {
                    double[] m = plateauMatch(i, a, b, reach);
                    if (m == null || m[1] > inlierMax) {
                        continue;
                    }
                    // A match on a long run of identical frames (a still) says little about timing.
                    double w = 1.0 / ((1.0 + m[1]) * m[2]);
                    double t = m[0];
                    sw += w;
                    sg += w * g[i];
                    st += w * t;
                    sgg += w * g[i] * g[i];
                    sgt += w * g[i] * t;
                    gMin = Math.min(gMin, g[i]);
                    gMax = Math.max(gMax, g[i]);
                }
                if (sw == 0) {
                    break;
                }
                double nb = b;
                double varG = sgg / sw - (sg / sw) * (sg / sw);
                if (gMax - gMin > 0.25 * gifDuration && varG > 1e-12) {
                    nb = (sgt / sw - (sg / sw) * (st / sw)) / varG;
                    nb = Math.max(speedLo, Math.min(speedHi, nb));
                }
                double na = (st - nb * sg) / sw;
                double nc = score(na, nb);
                if (nc > startCost + tolerance) {
                    break;
                }
                boolean still = Math.abs(na - a) < 1e-6 && Math.abs(nb - b) < 1e-9;
                a = na;
                b = nb;
                cost = nc;
                if (still) {
                    break;
                }
            }
            return new double[] {a, b, cost};
        }

        /** The reported times and frames of the line {@code (a, b)}. */
        private GifAlignment result(double a, double b, double cost, double runnerUp, double separation,
                                    double frameMargin) {
            double start = Math.min(Math.max(a, Math.max(0, videoStart)), videoEnd);
            double end = Math.min(Math.max(a + b * gifDuration, start), videoEnd);
            long startFrame = video.frameIndex(video.nearest(start));
            int after = video.firstAtOrAfter(end - 0.5 * dt);
            long endFrame = after >= n ? video.frameIndex(n - 1) + 1 : video.frameIndex(after);
            endFrame = Math.max(endFrame, startFrame);
            double t = options.minSeparation();
            double weaker = Math.min(separation - t, frameMargin - options.minFrameMargin());
            double confidence = 1 / (1 + Math.exp(-1.5 * weaker));
            return new GifAlignment(weaker >= 0, start, end, startFrame, endFrame, confidence, separation,
                    frameMargin, b, view, k, cost / k, runnerUp / k);
        }
    }
}
