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
 *   <li>{@code gif.lossy}: 0 (the default: no pixel gets further from its source) to 200, like gifsicle's
 *       {@code --lossy} (the command line's {@code --lossy});</li>
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
 * @param lossy             0 codes every pixel as mapped (except that an unchanged pixel may be coded as
 *                          transparent or as the colour it shows, whichever compresses better); up to 200 lets
 *                          LZW use a colour up to {@code lossy} distance units (10 a grey level) further from the
 *                          source than the mapped one where that continues a string
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
                              boolean interFrame, boolean localPalettes, int threads, long memoryBudgetBytes) {
    /** Default still threshold: a pixel less than about a grey level from what shows is left alone. */
    public static final int DEFAULT_STILL_THRESHOLD = 6;
    /** No dither, lossless LZW, inter-frame optimisation, all processors, 256 MiB of frames in memory. */
    public static final JavaGifSettings DEFAULT = new JavaGifSettings(DitherMethod.NONE, 1.0, 0,
            DEFAULT_STILL_THRESHOLD, true, true, 0, 256L << 20);

    public JavaGifSettings {
        Objects.requireNonNull(dither, "dither");
        if (!(ditherStrength >= 0 && ditherStrength <= 2)) {
            throw new IllegalArgumentException("ditherStrength must be in [0, 2], was " + ditherStrength);
        }
        if (lossy < 0 || lossy > 200) {
            throw new IllegalArgumentException("lossy must be in [0, 200], was " + lossy);
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
                (long) config.integer("gif.memory-mb", (int) (DEFAULT.memoryBudgetBytes >> 20), 0, 1 << 20) << 20);
    }

    public JavaGifSettings withDither(DitherMethod newDither) {
        return new JavaGifSettings(newDither, ditherStrength, lossy, stillThreshold, interFrame, localPalettes, threads,
                memoryBudgetBytes);
    }

    public JavaGifSettings withDitherStrength(double strength) {
        return new JavaGifSettings(dither, strength, lossy, stillThreshold, interFrame, localPalettes, threads,
                memoryBudgetBytes);
    }

    public JavaGifSettings withLossy(int newLossy) {
        return new JavaGifSettings(dither, ditherStrength, newLossy, stillThreshold, interFrame, localPalettes, threads,
                memoryBudgetBytes);
    }

    public JavaGifSettings withStillThreshold(int threshold) {
        return new JavaGifSettings(dither, ditherStrength, lossy, threshold, interFrame, localPalettes, threads,
                memoryBudgetBytes);
    }

    public JavaGifSettings withInterFrame(boolean on) {
        return new JavaGifSettings(dither, ditherStrength, lossy, stillThreshold, on, localPalettes, threads,
                memoryBudgetBytes);
    }

    public JavaGifSettings withLocalPalettes(boolean on) {
        return new JavaGifSettings(dither, ditherStrength, lossy, stillThreshold, interFrame, on, threads,
                memoryBudgetBytes);
    }

    public JavaGifSettings withThreads(int n) {
        return new JavaGifSettings(dither, ditherStrength, lossy, stillThreshold, interFrame, localPalettes, n,
                memoryBudgetBytes);
    }

    public JavaGifSettings withMemoryBudgetBytes(long bytes) {
        return new JavaGifSettings(dither, ditherStrength, lossy, stillThreshold, interFrame, localPalettes, threads,
                bytes);
    }

    /** The number of worker threads to use. */
    public int effectiveThreads() {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
