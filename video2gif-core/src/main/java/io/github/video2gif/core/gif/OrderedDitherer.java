package io.github.video2gif.core.gif;

/**
 * Ordered dither against an arbitrary palette, with an amplitude that follows the palette's local spacing.
 *
 * <p>A pixel is first matched to its nearest palette colour; that colour's spacing {@code s} (the RGB distance
 * to its second-nearest neighbour in the palette, divided by &radic;3) sets the amplitude. The pixel is
 * then offset along the grey axis by {@code strength · s · (t - ½)}, where {@code t} is the threshold map's value
 * at the pixel, and matched again. Where the palette is dense the grain is faint; where it is sparse (smooth
 * gradients spanned by few colours) the grain is strong enough to render the intermediate shades. The amplitude
 * also fades with the local activity (the luma steps to the pixel's neighbours): banding shows in smooth areas,
 * while texture and noise hide it and would only get noisier. The result is a function of the pixel's position
 * and its neighbourhood's colours only, so still areas never flicker. Thread-safe: any frames may be
 * mapped on any threads at once.
 */
public final class OrderedDitherer implements Ditherer {
    /** Largest amplitude, in 8-bit levels, however sparse the palette. */
    private static final int MAX_AMPLITUDE = 48;
    /**
     * Local activity (summed luma steps across a pixel, in 1/8 levels) at which dithering stops: texture and noise
     * already hide banding, and dither there would only add noise.
     */
    static final int ACTIVITY_LIMIT = 8 * 8;

    private final PaletteLookup lookup;
    private final int width;
    private final int height;
    private final ThresholdMap map;
    /** Amplitude of each palette colour in 8-bit levels times 256. */
    private final int[] amplitude;
    /** (t - 1/2) of each map cell, times 256. */
    private final int[] offsets;
    private final int mapMask;
    private final int mapShift;
    private final boolean off;

    /**
     * @param strength amplitude relative to the palette spacing; 0 maps every pixel to its nearest colour
     */
    public OrderedDitherer(PaletteLookup lookup, int width, int height, ThresholdMap map, double strength) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be positive, was " + width + "x" + height);
        }
        this.lookup = lookup;
        this.width = width;
        this.height = height;
        this.map = map;
        this.off = strength == 0;
        Palette p = lookup.palette();
        this.amplitude = spacing(p, strength);
        int n = map.size();
        this.offsets = new int[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                offsets[y * n + x] = Math.round((map.at(x, y) - 0.5f) * 256);
            }
        }
        this.mapMask = n - 1;
        this.mapShift = Integer.numberOfTrailingZeros(n);
    }

    /**
     * Per colour: strength times the distance to its second-nearest neighbour in the palette over &radic;3, times
     * 256. (The second rather than the first, so that a near-duplicate colour does not switch dithering off; for a
     * ladder of greys both equal the step, which is the amplitude at which ordered dither is unbiased.)
     */
    static int[] spacing(Palette p, double strength) {
        int n = p.size();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int ci = p.rgb(i);
            double first = Double.MAX_VALUE;
            double second = Double.MAX_VALUE;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                int cj = p.rgb(j);
                int dr = (ci >> 16 & 0xFF) - (cj >> 16 & 0xFF);
                int dg = (ci >> 8 & 0xFF) - (cj >> 8 & 0xFF);
                int db = (ci & 0xFF) - (cj & 0xFF);
                double d = Math.sqrt(dr * dr + dg * dg + db * db);
                if (d < first) {
                    second = first;
                    first = d;
                } else if (d < second) {
                    second = d;
                }
            }
            double s = second == Double.MAX_VALUE ? (first == Double.MAX_VALUE ? 0 : first) : second;
            out[i] = (int) Math.round(Math.min(MAX_AMPLITUDE, strength * s / Math.sqrt(3)) * 256);
        }
        return out;
    }

    @Override
    public void dither(byte[] rgb, byte[] indices) {
        int w = width;
        PaletteLookup lut = lookup;
        if (off) {
            for (int p = 0, n = w * height; p < n; p++) {
                int i = p * 3;
                indices[p] = (byte) lut.index(rgb[i] & 0xFF, rgb[i + 1] & 0xFF, rgb[i + 2] & 0xFF);
            }
            return;
        }
        int[] amp = amplitude;
        int[] offs = offsets;
        int mask = mapMask;
        int shift = mapShift;
        int h = height;
        for (int y = 0; y < h; y++) {
            int row = (y & mask) << shift;
            int p = y * w;
            int up = y > 0 ? -w * 3 : 0;
            int down = y < h - 1 ? w * 3 : 0;
            for (int x = 0; x < w; x++, p++) {
                int i = p * 3;
                int r = rgb[i] & 0xFF;
                int g = rgb[i + 1] & 0xFF;
                int b = rgb[i + 2] & 0xFF;
                int c0 = lut.index(r, g, b);
                int a = amp[c0];
                if (a == 0) {
                    indices[p] = (byte) c0;
                    continue;
                }
                // local activity: luma differences across the pixel, horizontally and vertically
                int left = x > 0 ? i - 3 : i;
                int right = x < w - 1 ? i + 3 : i;
                int act = Math.abs(luma(rgb, right) - luma(rgb, left)) + Math.abs(luma(rgb, i + down) - luma(rgb, i + up));
                if (act >= ACTIVITY_LIMIT) {
                    indices[p] = (byte) c0;
                    continue;
                }
                a = a * (ACTIVITY_LIMIT - act) / ACTIVITY_LIMIT;
                int o = (offs[row + (x & mask)] * a + 32768) >> 16;
                if (o != 0) {
                    c0 = lut.index(clamp(r + o), clamp(g + o), clamp(b + o));
                }
                indices[p] = (byte) c0;
            }
        }
    }

    /** Luma times 8 (weights 2, 5, 1 of 8). */
    private static int luma(byte[] rgb, int i) {
        return 2 * (rgb[i] & 0xFF) + 5 * (rgb[i + 1] & 0xFF) + (rgb[i + 2] & 0xFF);
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : (v > 255 ? 255 : v);
    }

    @Override
    public boolean sequential() {
        return false;
    }

    /** The threshold map. */
    public ThresholdMap map() {
        return map;
    }
}
