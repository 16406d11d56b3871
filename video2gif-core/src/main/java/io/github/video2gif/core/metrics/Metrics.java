package io.github.video2gif.core.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The two evaluation measures of Video2GIF, computed exactly as the authors' released evaluation code
 * ({@code v2g_evaluation} in the dataset release) computes them. Everything is frame level: every frame of a
 * video has a predicted score (the score of the segment it belongs to, see {@link FrameScores}), and the ground
 * truth of one GIF is the indicator of its frames {@code [start, end)}.
 *
 * <h2>AP</h2>
 * The labels are the union of the video's GIFs. Precision and recall are taken at every distinct score, as
 * scikit-learn's {@code precision_recall_curve} does; the precision is made monotone by a running maximum
 * from the lowest threshold upwards; AP is the mean of that precision over the points where the recall
 * changes (recall compared in single precision, as the authors' code casts it). All-positive labels give 1;
 * all-negative labels are an error.
 *
 * <h2>nMSD</h2>
 * Per GIF (with {@code alpha} = 0.5): the threshold is the {@code (1 - alpha)} quantile of the predicted
 * scores on the GIF's frames, linearly interpolated as numpy's {@code percentile} default;
 * {@code duration} = the number of the video's frames scoring at least the threshold;
 * {@code m = alpha * GIF frames}; nMSD = {@code (duration - m) / (video frames - m)}. A video's nMSD is the mean
 * over its GIFs ({@link NmsdMode#MEAN}, the paper's choice) or their minimum ({@link NmsdMode#BEST}). 0 is
 * perfect; 1 means the GIF got the lowest scores of the video.
 *
 * <p>The released code builds the ground-truth vector with numpy slicing, so a GIF whose end lies past the last
 * frame is clipped to the video; this class does the same. A GIF that starts at or after the last frame, or
 * that covers every frame of the video, has no defined nMSD and is an error, as in the released code.
 *
 * <p>An earlier version of that code ({@code evaluation/evaluation.py}) normalised nMSD by the number of GIF
 * frames actually selected instead of {@code alpha * GIF frames}, and averaged an 11-point AP; the packaged
 * version followed here is the one that matches the paper's equation 4.
 */
public final class Metrics {
    /** The share of a GIF that must be selected, as in the paper. */
    public static final double ALPHA = 0.5;

    private Metrics() {
    }

    /** How a video with several GIFs gets one nMSD. */
    public enum NmsdMode {
        /** The mean over the video's GIFs (the paper). */
        MEAN,
        /** The best (smallest) over the video's GIFs. */
        BEST
    }

    // --------------------------------------------------------------------------------------------------------- AP

    /**
     * Average precision of frame scores against the union of a video's GIFs.
     *
     * @param frameScores one finite score per frame
     * @param gifs        the video's GIFs (at least one)
     * @throws IllegalArgumentException when no frame is positive, or the input is malformed
     */
    public static double ap(double[] frameScores, List<FrameSpan> gifs) {
        return ap(labels(frameScores.length, gifs), frameScores);
    }

    /**
     * Average precision of scores against binary labels.
     *
     * @param labels one label per element, at least one {@code true}
     * @param scores one finite score per element
     * @throws IllegalArgumentException when every label is {@code false}, or the lengths differ
     */
    public static double ap(boolean[] labels, double[] scores) {
        Objects.requireNonNull(labels, "labels");
        checkScores(scores);
        if (labels.length != scores.length) {
            throw new IllegalArgumentException("labels and scores differ in length: " + labels.length + " vs "
                    + scores.length);
        }
        int n = labels.length;
        int positives = 0;
        for (boolean b : labels) {
            if (b) {
                positives++;
            }
        }
        if (positives == 0) {
            throw new IllegalArgumentException("AP is undefined when no element is positive");
        }
        if (positives == n) {
            return 1.0;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        // one point per distinct score, from the highest threshold down
        double[] precision = new double[n];
        double[] recall = new double[n];
        int m = 0;
        long tp = 0;
        long fp = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (labels[i]) {
                tp++;
            } else {
                fp++;
            }
            if (k == n - 1 || scores[order[k + 1]] != scores[i]) {
                precision[m] = (double) tp / (tp + fp);
                recall[m] = (double) tp / positives;
                m++;
            }
        }
        // monotone precision: running maximum from the lowest threshold (index m-1) upwards
        double[] interpolated = new double[m];
        double run = 0;
        for (int j = m - 1; j >= 0; j--) {
            run = Math.max(run, precision[j]);
            interpolated[j] = run;
        }
        // mean of the monotone precision where the recall changes (recall in float32, as the reference casts it)
        double sum = 0;
        int count = 0;
        float previousRecall = 0f;
        for (int j = 0; j < m; j++) {
            float r = (float) recall[j];
            if (r != previousRecall) {
                sum += interpolated[j];
                count++;
            }
            previousRecall = r;
        }
        return sum / count;
    }

    // ------------------------------------------------------------------------------------------------------- nMSD

    /** A video's nMSD with the paper's settings: alpha = 0.5, mean over its GIFs. */
    public static double nmsd(double[] frameScores, List<FrameSpan> gifs) {
        return nmsd(frameScores, gifs, ALPHA, NmsdMode.MEAN);
    }

    /**
     * A video's nMSD.
     *
     * @param frameScores one finite score per frame
     * @param gifs        the video's GIFs (at least one)
     * @param alpha       the share of a GIF that must be selected, in (0, 1]
     * @param mode        how several GIFs are combined
     * @throws IllegalArgumentException when a GIF lies outside the video or covers all of it
     */
    public static double nmsd(double[] frameScores, List<FrameSpan> gifs, double alpha, NmsdMode mode) {
        Objects.requireNonNull(mode, "mode");
        checkGifs(gifs);
        double sum = 0;
        double best = Double.POSITIVE_INFINITY;
        for (FrameSpan gif : gifs) {
            double v = nmsdOfGif(frameScores, gif, alpha);
            sum += v;
            best = Math.min(best, v);
        }
        return mode == NmsdMode.MEAN ? sum / gifs.size() : best;
    }

    /** The nMSD of one GIF (see the class description). */
    public static double nmsdOfGif(double[] frameScores, FrameSpan gif, double alpha) {
        checkScores(frameScores);
        Objects.requireNonNull(gif, "gif");
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], was " + alpha);
        }
        int n = frameScores.length;
        FrameSpan g = clip(gif, n);
        if (g.length() == n) {
            throw new IllegalArgumentException("the GIF " + gif.start() + ".." + gif.end()
                    + " covers every frame of the video (" + n + "): nMSD is undefined");
        }
        double[] inside = Arrays.copyOfRange(frameScores, g.start(), g.end());
        double threshold = percentile(inside, 100 * (1 - alpha));
        long duration = 0;
        for (double s : frameScores) {
            if (s >= threshold) {
                duration++;
            }
        }
        double minGtLength = g.length() * alpha;
        return (duration - minGtLength) / (n - minGtLength);
    }

    /**
     * The {@code q}-th percentile of the values with linear interpolation, computed as numpy's
     * {@code percentile(values, q)} default ("linear" method) computes it, bit for bit for the usual cases.
     *
     * @param values at least one value (not modified)
     * @param q      in [0, 100]
     */
    public static double percentile(double[] values, double q) {
        if (values.length == 0) {
            throw new IllegalArgumentException("percentile of no values");
        }
        if (!(q >= 0 && q <= 100)) {
            throw new IllegalArgumentException("q must be in [0, 100], was " + q);
        }
        double[] a = values.clone();
        Arrays.sort(a);
        int n = a.length;
        double quantile = q / 100;
        // numpy's "linear" method: virtual index (n - 1) * q, clamped to the ends
        double virtual = (n - 1) * quantile;
        if (virtual >= n - 1) {
            return a[n - 1];
        }
        int prev = (int) Math.floor(virtual);
        int next = prev + 1;
        double below = prev;
        double gamma = virtual - below;
        double lo = a[prev];
        double hi = a[next];
        double diff = hi - lo;
        // numpy's _lerp: a + (b-a)*t, or b - (b-a)*(1-t) when t >= 0.5
        return gamma >= 0.5 ? hi - diff * (1 - gamma) : lo + diff * gamma;
    }

    /** The union of the GIFs as frame labels. */
    public static boolean[] labels(int frames, List<FrameSpan> gifs) {
        if (frames <= 0) {
            throw new IllegalArgumentException("a video must have at least one frame, had " + frames);
        }
        checkGifs(gifs);
        boolean[] labels = new boolean[frames];
        for (FrameSpan gif : gifs) {
            FrameSpan g = clip(gif, frames);
            Arrays.fill(labels, g.start(), g.end(), true);
        }
        return labels;
    }

    private static FrameSpan clip(FrameSpan gif, int frames) {
        if (gif.start() >= frames) {
            throw new IllegalArgumentException("the GIF " + gif.start() + ".." + gif.end()
                    + " starts after the video's last frame (" + frames + " frames)");
        }
        return gif.end() <= frames ? gif : new FrameSpan(gif.start(), frames);
    }

    private static void checkGifs(List<FrameSpan> gifs) {
        Objects.requireNonNull(gifs, "gifs");
        if (gifs.isEmpty()) {
            throw new IllegalArgumentException("a video needs at least one GIF to be evaluated");
        }
    }

    private static void checkScores(double[] scores) {
        Objects.requireNonNull(scores, "scores");
        if (scores.length == 0) {
            throw new IllegalArgumentException("no frame scores");
        }
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("frame " + i + " has the score " + scores[i]
                        + "; scores must be finite");
            }
        }
    }
}
