package io.github.video2gif.core.gif;

/**
 * A GIF palette of up to 256 visible sRGB colours, with nearest-colour search in Oklab.
 *
 * <p>Distances are {@code w·ΔL² + Δa² + Δb²} in Oklab with a lightness weight {@code w} of
 * {@value #LIGHTNESS_WEIGHT}, that is plain Oklab distance (weights of 2 and 3 were tried: they raise luma SSIM a
 * little and lower the SSIM of the R, G and B channels more). Nearest-colour queries go through a grid of
 * candidate lists ({@link OklabNearest}), so each inspects a handful of colours. Immutable and thread-safe.
 */
public final class Palette {
    /** Weight of squared lightness differences against squared chroma differences. */
    public static final float LIGHTNESS_WEIGHT = 1.0f;

    private final int[] rgb;
    private final float[] lab;
    private final OklabNearest search;

    /**
     * @param colors visible colours packed {@code 0xRRGGBB}, 1 to 256 of them
     */
    public Palette(int[] colors) {
        if (colors.length < 1 || colors.length > 256) {
            throw new IllegalArgumentException("a palette holds 1 to 256 colours, not " + colors.length);
        }
        rgb = new int[colors.length];
        for (int i = 0; i < colors.length; i++) {
            rgb[i] = colors[i] & 0xFFFFFF;
        }
        int n = rgb.length;
        lab = new float[n * 3];
        for (int i = 0; i < n; i++) {
            Oklab.fromSrgb(rgb[i] >> 16 & 0xFF, rgb[i] >> 8 & 0xFF, rgb[i] & 0xFF, lab, i * 3);
        }
        search = new OklabNearest(lab, n, true);
    }

    /** Number of visible colours. */
    public int size() {
        return rgb.length;
    }

    /** Colour {@code i} packed {@code 0xRRGGBB}. */
    public int rgb(int i) {
        return rgb[i];
    }

    /** A copy of the colours. */
    public int[] colors() {
        return rgb.clone();
    }

    /** Oklab lightness of colour {@code i}. */
    public float lightness(int i) {
        return lab[i * 3];
    }

    /** The Oklab coordinates of colour {@code i}, {@code {L, a, b}}. */
    public float[] oklab(int i) {
        return new float[] {lab[i * 3], lab[i * 3 + 1], lab[i * 3 + 2]};
    }

    /** Index of the colour nearest to an sRGB colour. */
    public int nearest(int r, int g, int b) {
        float[] q = new float[3];
        Oklab.fromSrgb(r, g, b, q, 0);
        return nearest(q[0], q[1], q[2]);
    }

    /** Index of the colour nearest to an Oklab colour. */
    public int nearest(float l, float a, float b) {
        return search.nearest(l, a, b);
    }

    /** Squared Oklab distance (lightness weighted) between colour {@code i} and an Oklab colour. */
    public float distance(int i, float l, float a, float b) {
        float dl = lab[i * 3] - l;
        float da = lab[i * 3 + 1] - a;
        float db = lab[i * 3 + 2] - b;
        return LIGHTNESS_WEIGHT * dl * dl + da * da + db * db;
    }

    @Override
    public String toString() {
        return "Palette[" + rgb.length + " colours]";
    }
}
