package io.github.video2gif.core.image;

/**
 * Cheap per-frame measurements on packed RGB pixels, shared by the default segmenter and the default feature
 * extractor. All methods are pure functions of their inputs.
 */
public final class FrameMeasures {
    /** Bins of the colour histogram: 8 hue x 4 saturation x 4 value. */
    public static final int HISTOGRAM_BINS = 8 * 4 * 4;

    private FrameMeasures() {
    }

    /** Rec. 601 luma (0..255) of each pixel, written into {@code out} (length width x height). */
    public static void luma(byte[] rgb, int[] out) {
        int n = out.length;
        for (int i = 0, p = 0; i < n; i++, p += 3) {
            int r = rgb[p] & 0xff;
            int g = rgb[p + 1] & 0xff;
            int b = rgb[p + 2] & 0xff;
            out[i] = (77 * r + 150 * g + 29 * b + 128) >> 8;
        }
    }

    /**
     * A normalised HSV histogram ({@link #HISTOGRAM_BINS} bins summing to 1) into {@code out}. Dark and grey
     * pixels, whose hue means nothing, go to hue bin 0 of their saturation row so that noise in them does
     * not look like a colour change.
     */
    public static void hsvHistogram(byte[] rgb, int pixels, float[] out) {
        java.util.Arrays.fill(out, 0f);
        int[] counts = new int[HISTOGRAM_BINS];
        for (int i = 0, p = 0; i < pixels; i++, p += 3) {
            counts[hsvBin(rgb[p] & 0xff, rgb[p + 1] & 0xff, rgb[p + 2] & 0xff)]++;
        }
        float inv = 1f / Math.max(1, pixels);
        for (int i = 0; i < HISTOGRAM_BINS; i++) {
            out[i] = counts[i] * inv;
        }
    }

    /** The {@link #hsvHistogram} bin (0..{@value #HISTOGRAM_BINS}-1) of one colour (components 0..255). */
    public static int hsvBin(int r, int g, int b) {
        int max = Math.max(r, Math.max(g, b));
        int min = Math.min(r, Math.min(g, b));
        int delta = max - min;
        int vBin = max >> 6; // 0..3
        int sBin = max == 0 ? 0 : Math.min(3, (delta * 4) / (max + 1));
        int hBin = 0;
        if (delta > 16 && max > 32) {
            int h; // 0..1535
            if (max == r) {
                h = ((g - b) * 256) / delta;
                if (h < 0) {
                    h += 1536;
                }
            } else if (max == g) {
                h = 512 + ((b - r) * 256) / delta;
            } else {
                h = 1024 + ((r - g) * 256) / delta;
            }
            hBin = Math.min(7, h / 192);
        }
        return (hBin * 4 + sBin) * 4 + vBin;
    }

    /** Half the L1 distance of two normalised histograms: 0 identical, 1 disjoint. */
    public static float histogramDistance(float[] a, float[] b) {
        float d = 0;
        for (int i = 0; i < a.length; i++) {
            d += Math.abs(a[i] - b[i]);
        }
        return d * 0.5f;
    }

    /** Mean of the luma values. */
    public static double mean(int[] luma) {
        long s = 0;
        for (int v : luma) {
            s += v;
        }
        return (double) s / luma.length;
    }

    /** Standard deviation of the luma values. */
    public static double std(int[] luma, double mean) {
        double s = 0;
        for (int v : luma) {
            double d = v - mean;
            s += d * d;
        }
        return Math.sqrt(s / luma.length);
    }

    /**
     * Mean absolute response of the 4-neighbour Laplacian over interior pixels: a focus/sharpness measure
     * (0 for a flat image).
     */
    public static double laplacian(int[] luma, int width, int height) {
        if (width < 3 || height < 3) {
            return 0;
        }
        long s = 0;
        for (int y = 1; y < height - 1; y++) {
            int row = y * width;
            for (int x = 1; x < width - 1; x++) {
                int i = row + x;
                int l = 4 * luma[i] - luma[i - 1] - luma[i + 1] - luma[i - width] - luma[i + width];
                s += Math.abs(l);
            }
        }
        return (double) s / ((long) (width - 2) * (height - 2));
    }

    /**
     * Colourfulness of Hasler and Suesstrunk (2003): sqrt(sd_rg^2 + sd_yb^2) + 0.3 sqrt(mean_rg^2 + mean_yb^2)
     * with rg = R - G and yb = (R + G) / 2 - B. About 0 for grey images, above 100 for very colourful ones.
     */
    public static double colourfulness(byte[] rgb, int pixels) {
        double srg = 0;
        double syb = 0;
        double qrg = 0;
        double qyb = 0;
        for (int i = 0, p = 0; i < pixels; i++, p += 3) {
            int r = rgb[p] & 0xff;
            int g = rgb[p + 1] & 0xff;
            int b = rgb[p + 2] & 0xff;
            double rg = r - g;
            double yb = 0.5 * (r + g) - b;
            srg += rg;
            syb += yb;
            qrg += rg * rg;
            qyb += yb * yb;
        }
        double mrg = srg / pixels;
        double myb = syb / pixels;
        double vrg = Math.max(0, qrg / pixels - mrg * mrg);
        double vyb = Math.max(0, qyb / pixels - myb * myb);
        return Math.sqrt(vrg + vyb) + 0.3 * Math.sqrt(mrg * mrg + myb * myb);
    }
}
