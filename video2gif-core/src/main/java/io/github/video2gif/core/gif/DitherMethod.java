package io.github.video2gif.core.gif;

import java.util.Locale;

/**
 * How pixels are mapped to the palette. None of them flickers on a still scene: the ordered methods are a
 * function of pixel position and colour only, and the error diffusion keeps the previous frame's choice where the
 * source has not changed.
 */
public enum DitherMethod {
    /**
     * Nearest colour, no dither: the default. With a palette chosen for the clip it gives the highest SSIM and the
     * smallest files; smooth gradients may show bands, which {@link #BLUE_NOISE} hides.
     */
    NONE,
    /** Ordered dither with an 8x8 Bayer matrix: a regular cross-hatch texture. */
    BAYER,
    /**
     * Ordered dither with a 64x64 blue-noise threshold map (void-and-cluster): a fine, even grain without a
     * visible pattern, stable from frame to frame. Applied only where the source is smooth (see
     * {@link OrderedDitherer}).
     */
    BLUE_NOISE,
    /**
     * Error diffusion with the Sierra Lite kernel (FFmpeg's {@code sierra2_4a}), serpentine, stabilised over time:
     * a pixel whose source has not changed since the previous frame keeps its previous index.
     */
    SIERRA_LITE;

    /** The method for a name as users type it ({@code none}, {@code bayer}, {@code blue-noise}, {@code sierra-lite}). */
    public static DitherMethod parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (DitherMethod m : values()) {
            if (m.cliName().equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown dither method \"" + name + "\": use none, bayer, blue-noise or sierra-lite");
    }

    /** The name users type. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * A ditherer for one clip.
     *
     * @param strength dither amplitude relative to the palette's spacing, 0 to 2 (1 is the default; ignored by
     *                 {@link #NONE}; for {@link #SIERRA_LITE} the fraction of the error diffused)
     */
    public Ditherer create(PaletteLookup lookup, int width, int height, double strength) {
        if (!(strength >= 0 && strength <= 2)) {
            throw new IllegalArgumentException("dither strength must be in [0, 2], was " + strength);
        }
        return switch (this) {
            case NONE -> new OrderedDitherer(lookup, width, height, ThresholdMap.bayer8(), 0);
            case BAYER -> new OrderedDitherer(lookup, width, height, ThresholdMap.bayer8(), strength);
            case BLUE_NOISE -> new OrderedDitherer(lookup, width, height, ThresholdMap.blueNoise64(), strength);
            case SIERRA_LITE -> new ErrorDiffusionDitherer(lookup, width, height, strength);
        };
    }
}
