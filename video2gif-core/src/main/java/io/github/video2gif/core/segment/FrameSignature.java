package io.github.video2gif.core.segment;

import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.core.image.FrameMeasures;
import io.github.video2gif.core.image.FrameStats;

/**
 * What the shot segmenter keeps of a frame while it is in the analysis window, and the few numbers it keeps of
 * every frame.
 *
 * <ul>
 *   <li>{@link #feature()}: the vector compared by the change-point kernel: the square roots of the
 *       {@link FrameMeasures#hsvHistogram HSV histogram} ({@value #HISTOGRAM} values; Euclidean distances
 *       between them are Hellinger distances, 0..2 squared) followed by the mean red, green and blue of a
 *       {@value #GRID}x{@value #GRID} grid of cells, scaled to 0..{@value #GRID_WEIGHT} (the colour layout, so that
 *       two shots with the same colours in other places still differ, and so that a dissolve moves the vector
 *       along a straight line), followed by the {@value #LAYOUT}x{@value #LAYOUT} luma layout normalised to
 *       zero mean and unit spread, times {@value #STRUCTURE_WEIGHT} (the picture's structure whatever its
 *       brightness and contrast: it tells apart two dim or foggy shots, and it ignores a change of light);</li>
 *   <li>{@link #layout()}: the mean luma of an {@value #LAYOUT}x{@value #LAYOUT} grid, for telling wipes from
 *       dissolves and a change of picture from a change of light;</li>
 *   <li>{@link #meanLuma()}, {@link #stdLuma()}, {@link #sharpness()} (mean absolute Laplacian): for fades and
 *       low-quality frames.</li>
 * </ul>
 *
 * <p>One instance computes signatures one frame after another, reusing its buffers (not thread-safe).
 */
public final class FrameSignature {
    /** Histogram part of the feature. */
    public static final int HISTOGRAM = FrameMeasures.HISTOGRAM_BINS;
    /** Cells per side of the colour grid. */
    public static final int GRID = 4;
    /** The colour grid's values lie in 0..GRID_WEIGHT. */
    public static final float GRID_WEIGHT = 0.5f;
    /** Cells per side of the luma layout. */
    public static final int LAYOUT = 8;
    /** Weight of the contrast-normalised luma layout in the feature. */
    public static final float STRUCTURE_WEIGHT = 0.5f;
    /** Cell-luma spread below which a picture counts as flat (its structure part stays near zero). */
    public static final float STRUCTURE_FLOOR = 3f;
    /** Length of {@link #feature()}. */
    public static final int DIMENSION = HISTOGRAM + GRID * GRID * 3 + LAYOUT * LAYOUT;

    private final float[] feature = new float[DIMENSION];
    private final float[] layout = new float[LAYOUT * LAYOUT];
    private final int[] gridSums = new int[GRID * GRID * 3];
    private final int[] gridCounts = new int[GRID * GRID];
    private final int[] layoutSums = new int[LAYOUT * LAYOUT];
    private final int[] layoutCounts = new int[LAYOUT * LAYOUT];
    private int[] columnGrid = new int[0];
    private int[] columnLayout = new int[0];
    private int width = -1;
    private int height = -1;
    private double meanLuma;
    private double stdLuma;
    private double sharpness;

    /**
     * Computes the signature of a frame; the accessors return it until the next call. The luma plane, its
     * moments and the histogram come from {@link FrameStats} (computed once a frame, shared with the other
     * analysis stages that see the same frame).
     */
    public FrameSignature compute(VideoFrame frame) {
        int w = frame.width();
        int h = frame.height();
        int pixels = w * h;
        byte[] rgb = frame.rgb();
        if (w != width || h != height) {
            width = w;
            height = h;
            columnGrid = new int[w];
            columnLayout = new int[w];
            for (int x = 0; x < w; x++) {
                columnGrid[x] = x * GRID / w;
                columnLayout[x] = x * LAYOUT / w;
            }
            // the cells' pixel counts depend on the size only
            java.util.Arrays.fill(gridCounts, 0);
            java.util.Arrays.fill(layoutCounts, 0);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    gridCounts[(y * GRID / h) * GRID + columnGrid[x]]++;
                    layoutCounts[(y * LAYOUT / h) * LAYOUT + columnLayout[x]]++;
                }
            }
        }
        FrameStats stats = FrameStats.of(frame);
        int[] luma = stats.luma();
        meanLuma = stats.meanLuma();
        stdLuma = stats.stdLuma();
        sharpness = FrameMeasures.laplacian(luma, w, h);

        java.util.Arrays.fill(gridSums, 0);
        java.util.Arrays.fill(layoutSums, 0);
        int[] cg = columnGrid;
        int[] cl = columnLayout;
        for (int y = 0, i = 0; y < h; y++) {
            int gRow = (y * GRID / h) * GRID;
            int lRow = (y * LAYOUT / h) * LAYOUT;
            for (int x = 0; x < w; x++, i++) {
                int p = 3 * i;
                int cell = 3 * (gRow + cg[x]);
                gridSums[cell] += rgb[p] & 0xff;
                gridSums[cell + 1] += rgb[p + 1] & 0xff;
                gridSums[cell + 2] += rgb[p + 2] & 0xff;
                layoutSums[lRow + cl[x]] += luma[i];
            }
        }
        float[] histogram = stats.histogram();
        for (int i = 0; i < HISTOGRAM; i++) {
            feature[i] = (float) Math.sqrt(histogram[i]);
        }
        for (int g = 0; g < GRID * GRID; g++) {
            double scale = gridCounts[g] == 0 ? 0 : GRID_WEIGHT / (255.0 * gridCounts[g]);
            for (int c = 0; c < 3; c++) {
                feature[HISTOGRAM + 3 * g + c] = (float) (gridSums[3 * g + c] * scale);
            }
        }
        double lm = 0;
        for (int l = 0; l < layout.length; l++) {
            layout[l] = layoutCounts[l] == 0 ? 0f : (float) layoutSums[l] / layoutCounts[l];
            lm += layout[l];
        }
        lm /= layout.length;
        double lv = 0;
        for (float v : layout) {
            lv += (v - lm) * (v - lm);
        }
        double spread = Math.max(STRUCTURE_FLOOR, Math.sqrt(lv / layout.length));
        double scale = STRUCTURE_WEIGHT / (spread * Math.sqrt(layout.length));
        int off = HISTOGRAM + GRID * GRID * 3;
        for (int l = 0; l < layout.length; l++) {
            feature[off + l] = (float) ((layout[l] - lm) * scale);
        }
        return this;
    }

    /** The kernel feature ({@link #DIMENSION} values; shared buffer, copy it to keep it). */
    public float[] feature() {
        return feature;
    }

    /** The luma layout ({@value #LAYOUT} x {@value #LAYOUT} values, 0..255; shared buffer). */
    public float[] layout() {
        return layout;
    }

    public double meanLuma() {
        return meanLuma;
    }

    public double stdLuma() {
        return stdLuma;
    }

    public double sharpness() {
        return sharpness;
    }

    /** Squared Euclidean distance of two feature vectors. */
    public static float squaredDistance(float[] a, float[] b) {
        int n = a.length;
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            float d0 = a[i] - b[i];
            float d1 = a[i + 1] - b[i + 1];
            float d2 = a[i + 2] - b[i + 2];
            float d3 = a[i + 3] - b[i + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < n; i++) {
            float d = a[i] - b[i];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }
}
