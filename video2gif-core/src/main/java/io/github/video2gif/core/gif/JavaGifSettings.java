package io.github.video2gif.core.gif;

import io.github.video2gif.api.Config;
import java.util.Objects;

/**
 * How the pure-Java GIF encoder trades size, quality and speed. The frame size, palette size and loop count come
 * from {@link io.github.video2gif.api.GifOptions}; these are the encoder's own choices.
 *
 * <p>Read from {@link Config} by {@link #from(Config)} with these keys (each also a {@code video2gif.*} system
 * property or {@code VIDEO2GIF_*} environment variable):
 * <ul>
 *   <li>{@code gif.dither}: {@code none} (default), {@code bayer}, {@code blue-noise} or {@code sierra-lite}
 *       (the command line's {@code --dither});</li>
 *   <li>{@code gif.dither-strength}: 0 to 2, default 1;</li>
 *   <li>{@code gif.lossy}: 0 (the default) to 200, like gifsicle's {@code --lossy} (the command line's
 *       {@code --lossy});</li>
 *   <li>{@code gif.lossy-mse}: 0 to 200, the same in squared error, for noisy scenes, default
 *       {@value #DEFAULT_LOSSY_MSE} (0 with {@code gif.lossy} 0: no pixel gets further from its source);</li>
 *   <li>{@code gif.still-threshold}: 0 to 200, how far (in {@link LzwEncoder#distance} units, 10 a grey level) a
 *       pixel may differ from what is already showing and still be left transparent; default
 *       {@value #DEFAULT_STILL_THRESHOLD};</li>
 *   <li>{@code gif.inter-frame}: {@code true} (default) to crop frames to what changed and leave unchanged
 *       pixels transparent;</li>
 *   <li>{@code gif.local-palettes}: {@code true} (default) to give a scene its own palette when the clip's
 *       palette serves it badly;</li>
 *   <li>{@code gif.threads}: worker threads, 0 (default) for one a processor;</li>
 *   <li>{@code gif.memory-mb}: frames held in memory before the rest go to a temporary file, default 256.</li>
 * </ul>
 *
 * @param dither            how pixels are mapped to the palette
 * @param ditherStrength    dither amplitude relative to the palette spacing, 0 to 2
 * @param lossy             up to 200 lets LZW use a colour up to {@code lossy} distance units
 *                          ({@link LzwEncoder#distance}, 10 a grey level) further from the source than the mapped one
 *                          where that continues a string; 0 none
 * @param lossyMse          up to 200 lets LZW use a colour whose squared error (levels squared, summed over R, G
 *                          and B) is up to {@code lossyMse} more than the mapped one's where that continues a string,
 *                          and lets a pixel keep showing a colour that close, on the scenes that LZW compresses
 *                          poorly: those whose first frame, coded exactly, takes 4 bits a pixel or more (sensor
 *                          noise, film grain); 0 none. With both tolerances 0 every pixel is coded as mapped, except
 *                          that an unchanged pixel may be coded as transparent or as the colour it shows, whichever
 *                          compresses better. Squared error is what SSIM and PSNR charge, so for a given loss of
 *                          quality this tolerance buys more compression than {@code lossy}. The default,
 *                          {@value #DEFAULT_LOSSY_MSE}, lets a pixel move by at most 2 levels in one channel (about
 *                          1.2 in each) beyond its mapping error, which cannot be seen; on sensor noise it saves
 *                          about a quarter of the file, at about three times the encoding time of exact coding
 * @param stillThreshold    how much worse than the new colour the colour already showing may be, in the same
 *                          units, for a pixel to be left transparent (0: only pixels that show exactly the same
 *                          colour)
 * @param interFrame        crop each frame to the rectangle that changed and make unchanged pixels transparent
 * @param localPalettes     give a scene (between cuts) its own palette, as local colour tables, where the clip's
 *                          palette serves it badly
 * @param threads           worker threads, 0 for {@link Runtime#availableProcessors()}
 * @param memoryBudgetBytes frame bytes held in memory before spilling to a temporary file
 */
public record JavaGifSettings(DitherMethod dither, double ditherStrength, int lossy, int stillThreshold,
                              boolean interFrame, boolean localPalettes, int threads, long memoryBudgetBytes,
                              int lossyMse) {
    /** Default still threshold: a pixel less than about a grey level from what shows is left alone. */
    public static final int DEFAULT_STILL_THRESHOLD = 6;
    /** Default squared-error tolerance of LZW ({@link #lossyMse()}). */
    public static final int DEFAULT_LOSSY_MSE = 4;
    /**
     * No dither, LZW tolerance {@value #DEFAULT_LOSSY_MSE} in squared error, inter-frame optimisation, all
     * processors, 256 MiB of frames in memory.
     */
    public static final JavaGifSettings DEFAULT = new JavaGifSettings(DitherMethod.NONE, 1.0, 0,
            DEFAULT_STILL_THRESHOLD, true, true, 0, 256L << 20, DEFAULT_LOSSY_MSE);

    /** Settings with the default squared-error tolerance ({@value #DEFAULT_LOSSY_MSE}). */
    public JavaGifSettings(DitherMethod dither, double ditherStrength, int lossy, int stillThreshold,
                           boolean interFrame, boolean localPalettes, int threads, long memoryBudgetBytes) {
        this(dither, ditherStrength, lossy, stillThreshold, interFrame, localPalettes, threads, memoryBudgetBytes,
                DEFAULT_LOSSY_MSE);
    }

    public JavaGifSettings {
        Objects.requireNonNull(dither, "dither");
        if (!(ditherStrength >= 0 && ditherStrength <= 2)) {
            throw new IllegalArgumentException("ditherStrength must be in [0, 2], was " + ditherStrength);
        }
        if (lossy < 0 || lossy > 200) {
            throw new IllegalArgumentException("lossy must be in [0, 200], was " + lossy);
        }
        if (lossyMse < 0 || lossyMse > 200) {
            throw new IllegalArgumentException("lossyMse must be in [0, 200], was " + lossyMse);
        }
        if (stillThreshold < 0 || stillThreshold > 200) {
            throw new IllegalArgumentException("stillThreshold must be in [0, 200], was " + stillThreshold);
        }
        if (threads < 0 || threads > 256) {
            throw new IllegalArgumentException("threads must be in [0, 256], was " + threads);
        }
        if (memoryBudgetBytes < 0) {
            throw new IllegalArgumentException("memoryBudgetBytes must be >= 0, was " + memoryBudgetBytes);
        }
    }

    /** Settings from configuration keys {@code gif.*} over {@link #DEFAULT}. */
    public static JavaGifSettings from(Config config) {
        DitherMethod d = config.string("gif.dither").map(DitherMethod::parse).orElse(DEFAULT.dither);
        return new JavaGifSettings(d,
                config.number("gif.dither-strength", DEFAULT.ditherStrength, 0, 2),
                config.integer("gif.lossy", DEFAULT.lossy, 0, 200),
                config.integer("gif.still-threshold", DEFAULT.stillThreshold, 0, 200),
                config.flag("gif.inter-frame", DEFAULT.interFrame),
                config.flag("gif.local-palettes", DEFAULT.localPalettes),
                config.integer("gif.threads", DEFAULT.threads, 0, 256),
                (long) config.integer("gif.memory-mb", (int) (DEFAULT.memoryBudgetBytes >> 20), 0, 1 << 20) << 20,
                config.integer("gif.lossy-mse", DEFAULT.lossyMse, 0, 200));
    }

    public JavaGifSettings withDither(DitherMethod newDither) {
        return new JavaGifSettings(newDither, ditherStrength, lossy, stillThreshold, interFrame, localPalettes, threads,
                memoryBudgetBytes, lossyMse);
    }

    public JavaGifSettings withDitherStrength(double strength) {
        return new JavaGifSettings(dither, strength, lossy, stillThreshold, interFrame, localPalettes, threads,
                memoryBudgetBytes, lossyMse);
    }

    public JavaGifSettings withLossy(int newLossy) {
        return new JavaGifSettings(dither, ditherStrength, newLossy, stillThreshold, interFrame, localPalettes, threads,
                memoryBudgetBytes, lossyMse);
    }

    public JavaGifSettings withStillThreshold(int threshold) {
        return new JavaGifSettings(dither, ditherStrength, lossy, threshold, interFrame, localPalettes, threads,
                memoryBudgetBytes, lossyMse);
    }

    public JavaGifSettings withInterFrame(boolean on) {
        return new JavaGifSettings(dither, ditherStrength, lossy, stillThreshold, on, localPalettes, threads,
                memoryBudgetBytes, lossyMse);
    }

    public JavaGifSettings withLocalPalettes(boolean on) {
        return new JavaGifSettings(dither, ditherStrength, lossy, stillThreshold, interFrame, on, threads,
                memoryBudgetBytes, lossyMse);
    }

    public JavaGifSettings withThreads(int n) {
        return new JavaGifSettings(dither, ditherStrength, lossy, stillThreshold, interFrame, localPalettes, n,
                memoryBudgetBytes, lossyMse);
    }

    public JavaGifSettings withMemoryBudgetBytes(long bytes) {
        return new JavaGifSettings(dither, ditherStrength, lossy, stillThreshold, interFrame, localPalettes, threads,
                bytes, lossyMse);
    }

    public JavaGifSettings withLossyMse(int tolerance) {
        return new JavaGifSettings(dither, ditherStrength, lossy, stillThreshold, interFrame, localPalettes, threads,
                memoryBudgetBytes, tolerance);
    }

    /** Whether LZW may code a pixel with another colour than the mapped one ({@link #lossy} or {@link #lossyMse}). */
    public boolean lossyCoding() {
        return lossy > 0 || lossyMse > 0;
    }

    /** The number of worker threads to use. */
    public int effectiveThreads() {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
