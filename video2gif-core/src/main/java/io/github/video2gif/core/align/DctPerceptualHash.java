package io.github.video2gif.core.align;

import java.util.Arrays;
import java.util.Objects;

/**
 * The 64-bit DCT perceptual hash of an image (Zauner 2010, "pHash"), as the Video2GIF authors used it to align
 * GIFs with their source videos.
 *
 * <ol>
 *   <li>Greyscale: luma {@code Y = 77 R + 150 G + 29 B} (ITU-R BT.601 weights, scaled by 256).</li>
 *   <li>Resample to 32 x 32 by exact area averaging: every cell is the integral of the (piecewise constant) image
 *       over its rectangle, read from a summed-area table, where fractional cell edges are exact because that
 *       integral is bilinear inside each pixel. Area averaging, rather than point sampling, makes the hash
 *       insensitive to the source resolution, to GIF dithering and to palette noise, and the summed-area table
 *       makes hashing several crops of one frame cheap ({@link #hashRegion}).</li>
 *   <li>2-D DCT-II (orthonormal) of the 32 x 32 image, of which only the 8 x 8 lowest frequencies
 *       ({@code u, v = 0..7}) are computed: two small matrix products, about 10 000 multiply-adds.</li>
 *   <li>Bit {@code 8 v + u} is set when coefficient {@code (u, v)} is above the median of the 64 coefficients.
 *       The DC term is always above the median, so 63 bits carry information and (for images that are not flat)
 *       exactly 32 bits are set, which makes every distance even; similar images differ in few bits, unrelated
 *       ones in about half.</li>
 * </ol>
 *
 * <p>Compare hashes with {@link #distance(long, long)} (Hamming distance, 0 to 64).
 *
 * <p>An instance keeps scratch buffers, so hashing a stream of frames allocates nothing. Not thread-safe: use one
 * instance per thread.
 */
public final class DctPerceptualHash {
    /** Side of the greyscale image that is transformed. */
    public static final int SIZE = 32;
    /** Side of the block of lowest frequencies kept. */
    public static final int KEPT = 8;

    private static final double[] COS = new double[KEPT * SIZE];

    static {
        for (int u = 0; u < KEPT; u++) {
            double scale = u == 0 ? Math.sqrt(1.0 / SIZE) : Math.sqrt(2.0 / SIZE);
            for (int x = 0; x < SIZE; x++) {
                COS[u * SIZE + x] = scale * Math.cos((2 * x + 1) * u * Math.PI / (2.0 * SIZE));
            }
        }
    }

    private final double[] grid = new double[SIZE * SIZE];
    private final double[] corners = new double[(SIZE + 1) * (SIZE + 1)];
    private final double[] partial = new double[KEPT * SIZE];
    private final double[] coeffs = new double[KEPT * KEPT];
    private final double[] sorted = new double[KEPT * KEPT];
    private final double[] xs = new double[SIZE + 1];
    private final double[] ys = new double[SIZE + 1];
    private double[] table = new double[0];
    private int tableWidth;
    private int tableHeight;

    /** Hamming distance between two hashes: the number of differing bits, 0 to 64. */
    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    /**
     * Hashes packed 8-bit RGB pixels (3 bytes a pixel, rows top to bottom, no padding), e.g. a
     * {@link io.github.video2gif.api.VideoFrame#rgb()}.
     */
    public long hashRgb(byte[] rgb, int width, int height) {
        loadRgb(rgb, width, height);
        return hashRegion(0, 0, width, height);
    }

    /**
     * Hashes ARGB pixels (e.g. {@link io.github.video2gif.core.gif.GifReader.Frame#argb()}); pixels with alpha
     * below 128 count as {@code matteRgb} (0xRRGGBB).
     */
    public long hashArgb(int[] argb, int width, int height, int matteRgb) {
        loadArgb(argb, width, height, matteRgb);
        return hashRegion(0, 0, width, height);
    }

    /**
     * Makes packed RGB pixels the current image for {@link #hashRegion}: builds their luma summed-area table.
     */
    public void loadRgb(byte[] rgb, int width, int height) {
        Objects.requireNonNull(rgb, "rgb");
        checkSize(width, height, rgb.length, 3);
        double[] t = prepareTable(width, height);
        int stride = width + 1;
        for (int y = 0, p = 0; y < height; y++) {
            double run = 0;
            int above = y * stride;
            int row = above + stride;
            for (int x = 0; x < width; x++, p += 3) {
                run += 77 * (rgb[p] & 0xFF) + 150 * (rgb[p + 1] & 0xFF) + 29 * (rgb[p + 2] & 0xFF);
                t[row + x + 1] = t[above + x + 1] + run;
            }
        }
    }

    /** Makes ARGB pixels the current image for {@link #hashRegion} (see {@link #hashArgb}). */
    public void loadArgb(int[] argb, int width, int height, int matteRgb) {
        Objects.requireNonNull(argb, "argb");
        checkSize(width, height, argb.length, 1);
        double[] t = prepareTable(width, height);
        int stride = width + 1;
        for (int y = 0, p = 0; y < height; y++) {
            double run = 0;
            int above = y * stride;
            int row = above + stride;
            for (int x = 0; x < width; x++, p++) {
                int c = argb[p];
                if ((c >>> 24) < 128) {
                    c = matteRgb;
                }
                run += 77 * ((c >> 16) & 0xFF) + 150 * ((c >> 8) & 0xFF) + 29 * (c & 0xFF);
                t[row + x + 1] = t[above + x + 1] + run;
            }
        }
    }

    /**
     * Hashes the rectangle {@code [x0, x1) x [y0, y1)} (pixel units, fractional edges allowed) of the image last
     * given to {@link #loadRgb} or {@link #loadArgb}.
     */
    public long hashRegion(double x0, double y0, double x1, double y1) {
        areaAverage(x0, y0, x1, y1, grid);
        return hashGrid();
    }

    /**
     * The 32 x 32 area-averaged luma of the rectangle {@code [x0, x1) x [y0, y1)} of the loaded image, row by row,
     * into {@code out} (1024 values, summed rather than averaged: each is the luma integral of its cell). This is
     * the image {@link #hashRegion} transforms; the aligner compares such thumbnails directly to time a match more
     * finely than hashes can.
     */
    public void thumbnail(double x0, double y0, double x1, double y1, double[] out) {
        if (out.length != SIZE * SIZE) {
            throw new IllegalArgumentException("need " + SIZE * SIZE + " values, got " + out.length);
        }
        areaAverage(x0, y0, x1, y1, out);
    }

    private void areaAverage(double x0, double y0, double x1, double y1, double[] grid) {
        if (tableWidth == 0) {
            throw new IllegalStateException("no image loaded");
        }
        if (!(x0 >= 0 && y0 >= 0 && x1 <= tableWidth && y1 <= tableHeight && x1 - x0 > 1e-9 && y1 - y0 > 1e-9)) {
            throw new IllegalArgumentException("region [" + x0 + ", " + x1 + ") x [" + y0 + ", " + y1
                    + ") is not inside " + tableWidth + "x" + tableHeight);
        }
        for (int i = 0; i <= SIZE; i++) {
            xs[i] = x0 + (x1 - x0) * i / SIZE;
            ys[i] = y0 + (y1 - y0) * i / SIZE;
        }
        int stride = tableWidth + 1;
        for (int r = 0; r <= SIZE; r++) {
            double y = ys[r];
            int yi = Math.min((int) y, tableHeight - 1);
            double fy = y - yi;
            int top = yi * stride;
            int bottom = top + stride;
            for (int c = 0; c <= SIZE; c++) {
                double x = xs[c];
                int xi = Math.min((int) x, tableWidth - 1);
                double fx = x - xi;
                double f00 = table[top + xi];
                double f10 = table[top + xi + 1];
                double f01 = table[bottom + xi];
                double f11 = table[bottom + xi + 1];
                corners[r * (SIZE + 1) + c] = f00 + fx * (f10 - f00) + fy * (f01 - f00)
                        + fx * fy * (f11 - f10 - f01 + f00);
            }
        }
        for (int r = 0; r < SIZE; r++) {
            int a = r * (SIZE + 1);
            int b = a + SIZE + 1;
            for (int c = 0; c < SIZE; c++) {
                grid[r * SIZE + c] = corners[b + c + 1] - corners[b + c] - corners[a + c + 1] + corners[a + c];
            }
        }
    }

    /**
     * Hashes a 32 x 32 greyscale image given row by row (any scale: only the order of the DCT coefficients
     * matters).
     */
    public long hashGrey32(double[] grey) {
        Objects.requireNonNull(grey, "grey");
        if (grey.length != SIZE * SIZE) {
            throw new IllegalArgumentException("expected " + SIZE * SIZE + " values, got " + grey.length);
        }
        System.arraycopy(grey, 0, grid, 0, grid.length);
        return hashGrid();
    }

    private long hashGrid() {
        // partial[u][y] = sum_x C[u][x] * grid[y][x]
        for (int u = 0; u < KEPT; u++) {
            int cu = u * SIZE;
            for (int y = 0; y < SIZE; y++) {
                int gy = y * SIZE;
                double s = 0;
                for (int x = 0; x < SIZE; x++) {
                    s += COS[cu + x] * grid[gy + x];
                }
                partial[u * SIZE + y] = s;
            }
        }
        // coeffs[v][u] = sum_y C[v][y] * partial[u][y]
        for (int v = 0; v < KEPT; v++) {
            int cv = v * SIZE;
            for (int u = 0; u < KEPT; u++) {
                int pu = u * SIZE;
                double s = 0;
                for (int y = 0; y < SIZE; y++) {
                    s += COS[cv + y] * partial[pu + y];
                }
                coeffs[v * KEPT + u] = s;
            }
        }
        System.arraycopy(coeffs, 0, sorted, 0, coeffs.length);
        Arrays.sort(sorted);
        double median = 0.5 * (sorted[31] + sorted[32]);
        long hash = 0;
        for (int i = 0; i < coeffs.length; i++) {
            if (coeffs[i] > median) {
                hash |= 1L << i;
            }
        }
        return hash;
    }

    private double[] prepareTable(int width, int height) {
        int n = (width + 1) * (height + 1);
        if (table.length < n) {
            table = new double[n];
        } else {
            Arrays.fill(table, 0, width + 1, 0);
        }
        // Row 0 and column 0 are zero; the loops write every other entry.
        for (int y = 1; y <= height; y++) {
            table[y * (width + 1)] = 0;
        }
        tableWidth = width;
        tableHeight = height;
        return table;
    }

    private static void checkSize(int width, int height, int length, int perPixel) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be positive, was " + width + "x" + height);
        }
        if ((long) width * height * perPixel != length) {
            throw new IllegalArgumentException("pixel array holds " + length + " values, expected " + width + "x"
                    + height + "x" + perPixel);
        }
    }
}
