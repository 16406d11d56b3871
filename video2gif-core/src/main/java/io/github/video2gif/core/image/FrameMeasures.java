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

    /** HSV bin of each colour quantised to 5 bits a channel (32 KiB): one table look-up a pixel. */
    private static final byte[] HSV_BIN = hsvBinTable();

    private static byte[] hsvBinTable() {
        byte[] t = new byte[32 * 32 * 32];
        for (int r5 = 0; r5 < 32; r5++) {
            for (int g5 = 0; g5 < 32; g5++) {
                for (int b5 = 0; b5 < 32; b5++) {
                    // the centre of the quantisation cell
                    t[(r5 << 10) | (g5 << 5) | b5] = (byte) hsvBin(r5 * 8 + 4, g5 * 8 + 4, b5 * 8 + 4);
                }
            }
        }
        return t;
    }

    /** HSV bin (8 hue x 4 saturation x 4 value) of one colour; grey and dark colours use hue bin 0. */
    static int hsvBin(int r, int g, int b) {
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

    /**
     * A normalised HSV histogram ({@link #HISTOGRAM_BINS} bins summing to 1) into {@code out}: 8 hue x 4
     * saturation x 4 value bins, colours quantised to 5 bits a channel first. Dark and grey pixels, whose hue
     * means nothing, go to hue bin 0 of their saturation row so that noise in them does not look like a colour
     * change.
     */
    public static void hsvHistogram(byte[] rgb, int pixels, float[] out) {
        int[] counts = new int[HISTOGRAM_BINS];
        byte[] lut = HSV_BIN;
        for (int i = 0, p = 0; i < pixels; i++, p += 3) {
            int idx = ((rgb[p] & 0xf8) << 7) | ((rgb[p + 1] & 0xf8) << 2) | ((rgb[p + 2] & 0xff) >> 3);
            counts[lut[idx]]++;
        }
        float inv = 1f / Math.max(1, pixels);
        for (int i = 0; i < HISTOGRAM_BINS; i++) {
            out[i] = counts[i] * inv;
        }
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
     * Computed in exact integer sums (yb doubled to stay whole).
     */
    public static double colourfulness(byte[] rgb, int pixels) {
        return sampledColourfulness(rgb, pixels, 1, 1);
    }

    /** {@link #colourfulness(byte[], int)} on every {@code step}-th pixel of every {@code step}-th row. */
    public static double colourfulness(byte[] rgb, int width, int height, int step) {
        if (step < 1) {
            throw new IllegalArgumentException("step must be >= 1, was " + step);
        }
        return sampledColourfulness(rgb, width, height, step);
    }

    private static double sampledColourfulness(byte[] rgb, int width, int height, int step) {
        long srg = 0;
        long syb2 = 0;
        long qrg = 0;
        long qyb2 = 0;
        int pixels = 0;
        for (int y = 0; y < height; y += step) {
            for (int x = 0, p = y * width * 3; x < width; x += step, p += 3 * step) {
                int r = rgb[p] & 0xff;
                int g = rgb[p + 1] & 0xff;
                int b = rgb[p + 2] & 0xff;
                int rg = r - g;
                int yb2 = r + g - 2 * b; // 2 * yb
                srg += rg;
                syb2 += yb2;
                qrg += rg * rg;
                qyb2 += yb2 * yb2;
                pixels++;
            }
        }
        double mrg = (double) srg / pixels;
        double myb = (double) syb2 / pixels / 2;
        double vrg = Math.max(0, (double) qrg / pixels - mrg * mrg);
        double vyb = Math.max(0, (double) qyb2 / pixels / 4 - myb * myb);
        return Math.sqrt(vrg + vyb) + 0.3 * Math.sqrt(mrg * mrg + myb * myb);
    }
}
