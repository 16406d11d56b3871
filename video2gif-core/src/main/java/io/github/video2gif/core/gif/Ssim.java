package io.github.video2gif.core.gif;

/**
 * The structural similarity index (SSIM) of Wang, Bovik, Sheikh and Simoncelli (2004), as they define it: an
 * 11x11 Gaussian window with &sigma; = 1.5, {@code C1 = (0.01·255)²}, {@code C2 = (0.03·255)²}, averaged over
 * every window position that lies wholly inside the image (the reference code's "valid" filtering). For colour
 * frames {@link #luma} compares BT.601 luma and {@link #rgb} averages the three channels' indices. Stateless and
 * thread-safe.
 */
public final class Ssim {
    /** Window side. */
    public static final int WINDOW = 11;
    private static final double SIGMA = 1.5;
    static final double C1 = (0.01 * 255) * (0.01 * 255);
    static final double C2 = (0.03 * 255) * (0.03 * 255);
    private static final double[] KERNEL = kernel();

    private Ssim() {
    }

    private static double[] kernel() {
        double[] k = new double[WINDOW];
        double sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            double d = i - WINDOW / 2;
            k[i] = Math.exp(-d * d / (2 * SIGMA * SIGMA));
            sum += k[i];
        }
        for (int i = 0; i < WINDOW; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /** The normalised 1-D Gaussian weights (the 2-D window is their outer product). */
    public static double[] weights() {
        return KERNEL.clone();
    }

    /** SSIM of the BT.601 luma ({@code 0.299 R + 0.587 G + 0.114 B}) of two packed-RGB frames. */
    public static double luma(byte[] rgbA, byte[] rgbB, int width, int height) {
        return index(toLuma(rgbA, width, height), toLuma(rgbB, width, height), width, height);
    }

    /** The mean of the SSIM of the red, green and blue channels of two packed-RGB frames. */
    public static double rgb(byte[] rgbA, byte[] rgbB, int width, int height) {
        double s = 0;
        for (int c = 0; c < 3; c++) {
            s += index(channel(rgbA, c, width, height), channel(rgbB, c, width, height), width, height);
        }
        return s / 3;
    }

    private static double[] toLuma(byte[] rgb, int width, int height) {
        int n = width * height;
        if (rgb.length < n * 3) {
            throw new IllegalArgumentException("rgb holds " + rgb.length + " bytes, expected " + n * 3);
        }
        double[] y = new double[n];
        for (int p = 0; p < n; p++) {
            y[p] = 0.299 * (rgb[p * 3] & 0xFF) + 0.587 * (rgb[p * 3 + 1] & 0xFF) + 0.114 * (rgb[p * 3 + 2] & 0xFF);
        }
        return y;
    }

    private static double[] channel(byte[] rgb, int c, int width, int height) {
        int n = width * height;
        if (rgb.length < n * 3) {
            throw new IllegalArgumentException("rgb holds " + rgb.length + " bytes, expected " + n * 3);
        }
        double[] v = new double[n];
        for (int p = 0; p < n; p++) {
            v[p] = rgb[p * 3 + c] & 0xFF;
        }
        return v;
    }

    /**
     * SSIM of two single-channel images with values on a 0..255 scale.
     *
     * @throws IllegalArgumentException when an image is smaller than the 11x11 window
     */
    public static double index(double[] x, double[] y, int width, int height) {
        if (width < WINDOW || height < WINDOW) {
            throw new IllegalArgumentException("SSIM needs at least " + WINDOW + "x" + WINDOW + " pixels, got "
                    + width + "x" + height);
        }
        int n = width * height;
        if (x.length < n || y.length < n) {
            throw new IllegalArgumentException("images hold fewer than " + width + "x" + height + " values");
        }
        int ow = width - WINDOW + 1;
        int oh = height - WINDOW + 1;
        double[] xx = new double[n];
        double[] yy = new double[n];
        double[] xy = new double[n];
        for (int i = 0; i < n; i++) {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        double[] mx = filter(x, width, height);
        double[] my = filter(y, width, height);
        double[] sxx = filter(xx, width, height);
        double[] syy = filter(yy, width, height);
        double[] sxy = filter(xy, width, height);
        double sum = 0;
        for (int i = 0; i < ow * oh; i++) {
            double ux = mx[i];
            double uy = my[i];
            double vx = sxx[i] - ux * ux;
            double vy = syy[i] - uy * uy;
            double cxy = sxy[i] - ux * uy;
            sum += ((2 * ux * uy + C1) * (2 * cxy + C2)) / ((ux * ux + uy * uy + C1) * (vx + vy + C2));
        }
        return sum / (ow * oh);
    }

    /** Gaussian-weighted means over every valid window, row-major, {@code (w-10) x (h-10)}. */
    private static double[] filter(double[] v, int width, int height) {
        int ow = width - WINDOW + 1;
        int oh = height - WINDOW + 1;
        double[] rows = new double[ow * height];
        double[] k = KERNEL;
        for (int y = 0; y < height; y++) {
            int base = y * width;
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int t = 0; t < WINDOW; t++) {
                    s += k[t] * v[base + x + t];
                }
                rows[y * ow + x] = s;
            }
        }
        double[] out = new double[ow * oh];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int t = 0; t < WINDOW; t++) {
                    s += k[t] * rows[(y + t) * ow + x];
                }
                out[y * ow + x] = s;
            }
        }
        return out;
    }
}
