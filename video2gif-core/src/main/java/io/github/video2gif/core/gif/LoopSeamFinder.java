package io.github.video2gif.core.gif;

import io.github.video2gif.api.VideoFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Loop-aware export: within a small window around a chosen segment (for example &plusmn;1 s), picks the first and
 * last frames so that the jump from the last frame back to the first looks like an ordinary frame step, and scores
 * how seamless the loop is.
 *
 * <p>A GIF of frames {@code s .. e-1} loops seamlessly when frame {@code s} looks like frame {@code e}, the frame
 * that would naturally follow the last one: then the jump back continues the motion (a period of a repetitive
 * motion is found this way, rather than a freeze). Frames are compared as 32x18 luma thumbnails (area averages) by
 * their mean absolute difference, in grey levels. Among all {@code (s, e)} with {@code s} in the start window and
 * {@code e} in the end window, the finder minimises that seam difference, with a small pull towards the nominal
 * length as a tie-breaker.
 *
 * <p>The <em>loop score</em> in (0, 1] compares the seam with the clip's typical step (the median difference of
 * consecutive frames): {@code (step + ½) / (step + ½ + seam)}. A perfect period scores 1, a seam as big as a usual
 * step about 0.5, a cut to an unrelated frame close to 0.
 *
 * <p>Use {@link #find(List, double, double)} on frames in memory, or {@link #accept(VideoFrame)} frame by frame
 * (only thumbnails are kept) and then {@link #result(double, double)}. Not thread-safe.
 */
public final class LoopSeamFinder {
    private static final int TW = 32;
    private static final int TH = 18;
    /** Grey levels added to the typical step so that still clips score as seamless. */
    private static final double EPSILON = 0.5;
    /** Weight of the length tie-breaker, in typical steps per nominal length. */
    private static final double LENGTH_PULL = 0.1;

    private final double windowSec;
    private final List<float[]> thumbnails = new ArrayList<>();
    private final List<Double> times = new ArrayList<>();

    /** @param windowSec how far (seconds) the start and the end may move from the nominal ones, >= 0 */
    public LoopSeamFinder(double windowSec) {
        if (!(windowSec >= 0) || Double.isInfinite(windowSec)) {
            throw new IllegalArgumentException("windowSec must be finite and >= 0, was " + windowSec);
        }
        this.windowSec = windowSec;
    }

    /**
     * The chosen loop.
     *
     * @param startIndex     index (in the frames given) of the first frame of the GIF
     * @param endIndex       index of the frame after the last one of the GIF (exclusive end)
     * @param startSec       timestamp of the first frame
     * @param endSec         timestamp of frame {@code endIndex}: the GIF spans {@code [startSec, endSec)}
     * @param loopScore      how seamless the loop is, in (0, 1]
     * @param seamDifference mean absolute luma difference between frames {@code startIndex} and {@code endIndex}
     * @param typicalStep    median difference of consecutive frames in the chosen range
     */
    public record LoopChoice(int startIndex, int endIndex, double startSec, double endSec, double loopScore,
                             double seamDifference, double typicalStep) {
        /** Number of frames in the GIF. */
        public int frameCount() {
            return endIndex - startIndex;
        }
    }

    /** Adds the next frame (in time order); keeps only its thumbnail. */
    public void accept(VideoFrame frame) {
        Objects.requireNonNull(frame, "frame");
        if (!times.isEmpty() && frame.timestampSec() <= times.get(times.size() - 1)) {
            throw new IllegalArgumentException("frames must come in time order: " + frame);
        }
        thumbnails.add(thumbnail(frame));
        times.add(frame.timestampSec());
    }

    /** Frames accepted so far. */
    public int size() {
        return times.size();
    }

    /** {@link #accept} every frame, then {@link #result}. */
    public LoopChoice find(List<VideoFrame> frames, double startSec, double endSec) {
        thumbnails.clear();
        times.clear();
        for (VideoFrame f : frames) {
            accept(f);
        }
        return result(startSec, endSec);
    }

    /**
     * The best loop for a nominal segment {@code [startSec, endSec)}, from the frames accepted.
     *
     * @throws IllegalArgumentException when the segment is empty or no frame pair fits the windows (the frames
     *                                  must reach at least one frame past the last frame of the loop)
     */
    public LoopChoice result(double startSec, double endSec) {
        if (!(endSec > startSec)) {
            throw new IllegalArgumentException("endSec must be after startSec: " + startSec + " .. " + endSec);
        }
        int n = times.size();
        double nominal = endSec - startSec;
        double eps = 1e-9;
        List<Integer> starts = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double t = times.get(i);
            if (t >= startSec - windowSec - eps && t <= startSec + windowSec + eps) {
                starts.add(i);
            }
            if (t >= endSec - windowSec - eps && t <= endSec + windowSec + eps) {
                ends.add(i);
            }
        }
        if (starts.isEmpty() || ends.isEmpty()) {
            throw new IllegalArgumentException("no frames near the segment's " + (starts.isEmpty() ? "start " + startSec
                    : "end " + endSec) + " s (window " + windowSec + " s, " + n + " frames given)");
        }
        int firstStart = starts.get(0);
        int lastEnd = ends.get(ends.size() - 1);
        double step = typicalStep(firstStart, lastEnd);
        double bestCost = Double.MAX_VALUE;
        int bestS = -1;
        int bestE = -1;
        double bestSeam = 0;
        for (int s : starts) {
            for (int e : ends) {
                if (e - s < 2 || times.get(e) - times.get(s) < nominal / 2) {
                    continue;
                }
                double seam = difference(thumbnails.get(s), thumbnails.get(e));
                double lengthOff = Math.abs((times.get(e) - times.get(s)) - nominal) / nominal;
                double cost = seam + LENGTH_PULL * (step + EPSILON) * lengthOff;
                if (cost < bestCost) {
                    bestCost = cost;
                    bestS = s;
                    bestE = e;
                    bestSeam = seam;
                }
            }
        }
        if (bestS < 0) {
            throw new IllegalArgumentException("no start and end frames at least half the segment apart within the"
                    + " windows");
        }
        double localStep = typicalStep(bestS, bestE);
        double score = (localStep + EPSILON) / (localStep + EPSILON + bestSeam);
        return new LoopChoice(bestS, bestE, times.get(bestS), times.get(bestE), score, bestSeam, localStep);
    }

    /** Median difference of consecutive frames from {@code from} to {@code to}. */
    private double typicalStep(int from, int to) {
        int m = to - from;
        if (m < 1) {
            return 0;
        }
        double[] d = new double[m];
        for (int i = from; i < to; i++) {
            d[i - from] = difference(thumbnails.get(i), thumbnails.get(i + 1));
        }
        Arrays.sort(d);
        return m % 2 == 1 ? d[m / 2] : (d[m / 2 - 1] + d[m / 2]) / 2;
    }

    /** Mean absolute difference of two thumbnails, in grey levels. */
    static double difference(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s / a.length;
    }

    /** A 32x18 BT.601 luma thumbnail (area averages). */
    static float[] thumbnail(VideoFrame f) {
        int w = f.width();
        int h = f.height();
        byte[] rgb = f.rgb();
        float[] sum = new float[TW * TH];
        float[] count = new float[TW * TH];
        for (int y = 0; y < h; y++) {
            int ty = (int) ((long) y * TH / h);
            for (int x = 0; x < w; x++) {
                int tx = (int) ((long) x * TW / w);
                int i = (y * w + x) * 3;
                float luma = 0.299f * (rgb[i] & 0xFF) + 0.587f * (rgb[i + 1] & 0xFF) + 0.114f * (rgb[i + 2] & 0xFF);
                sum[ty * TW + tx] += luma;
                count[ty * TW + tx]++;
            }
        }
        for (int k = 0; k < sum.length; k++) {
            sum[k] = count[k] > 0 ? sum[k] / count[k] : 0;
        }
        return sum;
    }
}
