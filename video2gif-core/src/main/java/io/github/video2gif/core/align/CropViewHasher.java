package io.github.video2gif.core.align;

import java.util.List;
import java.util.Objects;

/**
 * Hashes one frame under several {@link CropView}s: the frame's luma summed-area table is built once, then each
 * view's rectangle is area-averaged to 32 x 32 and hashed. Not thread-safe (it reuses buffers).
 */
public final class CropViewHasher {
    private final List<CropView> views;
    private final DctPerceptualHash hasher = new DctPerceptualHash();
    private double[][] regions;
    private int regionsWidth;
    private int regionsHeight;

    public CropViewHasher(List<CropView> views) {
        this.views = List.copyOf(Objects.requireNonNull(views, "views"));
        if (this.views.isEmpty()) {
            throw new IllegalArgumentException("need at least one view");
        }
    }

    public List<CropView> views() {
        return views;
    }

    /** The hash of each view of a packed RGB frame, in view order. */
    public long[] hashRgb(byte[] rgb, int width, int height) {
        hasher.loadRgb(rgb, width, height);
        return hashViews(width, height);
    }

    /** The hash of each view of an ARGB frame (transparent pixels as {@code matteRgb}), in view order. */
    public long[] hashArgb(int[] argb, int width, int height, int matteRgb) {
        hasher.loadArgb(argb, width, height, matteRgb);
        return hashViews(width, height);
    }

    private long[] hashViews(int width, int height) {
        if (regions == null || regionsWidth != width || regionsHeight != height) {
            regions = new double[views.size()][];
            for (int v = 0; v < regions.length; v++) {
                regions[v] = views.get(v).region(width, height);
            }
            regionsWidth = width;
            regionsHeight = height;
        }
        long[] out = new long[regions.length];
        for (int v = 0; v < regions.length; v++) {
            double[] r = regions[v];
            out[v] = hasher.hashRegion(r[0], r[1], r[2], r[3]);
        }
        return out;
    }
}
