package io.github.video2gif.core.image;

import io.github.video2gif.api.VideoFrame;

/**
 * Measurements of one frame that several analysis stages need (luma plane, its mean and standard deviation,
 * the HSV histogram), computed once per frame: the last frame's stats are kept per thread, so the segmenter and
 * the feature extractor looking at the same frame object share one computation. Immutable once made; the luma
 * array must not be modified.
 */
public final class FrameStats {
    private static final ThreadLocal<FrameStats> LAST = new ThreadLocal<>();

    private final VideoFrame frame;
    private final int[] luma;
    private final double mean;
    private final double std;
    private final float[] histogram;

    private FrameStats(VideoFrame frame) {
        this.frame = frame;
        int pixels = frame.width() * frame.height();
        byte[] rgb = frame.rgb();
        luma = new int[pixels];
        long sum = 0;
        long sq = 0;
        for (int i = 0, p = 0; i < pixels; i++, p += 3) {
            int l = (77 * (rgb[p] & 0xff) + 150 * (rgb[p + 1] & 0xff) + 29 * (rgb[p + 2] & 0xff) + 128) >> 8;
            luma[i] = l;
            sum += l;
            sq += l * l;
        }
        mean = (double) sum / pixels;
        std = Math.sqrt(Math.max(0, (double) sq / pixels - mean * mean));
        histogram = new float[FrameMeasures.HISTOGRAM_BINS];
        FrameMeasures.hsvHistogram(rgb, pixels, histogram);
    }

    /** The stats of a frame, computed now or taken from the last call on this thread with the same frame. */
    public static FrameStats of(VideoFrame frame) {
        FrameStats last = LAST.get();
        if (last != null && last.frame == frame) {
            return last;
        }
        FrameStats s = new FrameStats(frame);
        LAST.set(s);
        return s;
    }

    /** Rec. 601 luma (0..255) of each pixel; shared, do not modify. */
    public int[] luma() {
        return luma;
    }

    public double meanLuma() {
        return mean;
    }

    public double stdLuma() {
        return std;
    }

    /** The normalised HSV histogram of {@link FrameMeasures#hsvHistogram}; shared, do not modify. */
    public float[] histogram() {
        return histogram;
    }
}
