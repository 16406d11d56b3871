package io.github.video2gif.ffmpeg;

import io.github.video2gif.api.GifEncoder;
import io.github.video2gif.api.GifOptions;
import io.github.video2gif.api.GifWriter;
import io.github.video2gif.api.Video2GifException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes animated WebP through FFmpeg's libwebp animation encoder ({@code libwebp_anim}), in process: lossy
 * VP8 frames (4:2:0), each shown for the duration it was added with (milliseconds; the rounding does not add up),
 * the frame's own size (any size). Of {@link GifOptions} it honours {@code loopCount} (0 for ever, {@code n}
 * plays {@code n + 1} times, -1 once) and not {@code maxColors} (WebP is not palette-based); {@code width} and
 * {@code fps} are for whoever scales and times the frames.
 *
 * <p>FFmpeg can write animated WebP but not read it back (its WebP decoder skips the animation chunks); browsers,
 * libwebp's tools and most image viewers read it. Thread-safe: each {@link #open} returns an independent writer.
 */
public final class FfmpegWebpEncoder implements GifEncoder {
    private final int quality;

    /**
     * An encoder at libwebp's default quality, 75.
     *
     * @throws io.github.video2gif.api.spi.ProviderUnavailableException when FFmpeg cannot load or has no libwebp
     */
    public FfmpegWebpEncoder() {
        this(75);
    }

    /**
     * @param quality lossy quality, 0 (smallest) to 100 (best)
     * @throws io.github.video2gif.api.spi.ProviderUnavailableException when FFmpeg cannot load or has no libwebp
     */
    public FfmpegWebpEncoder(int quality) {
        if (quality < 0 || quality > 100) {
            throw new IllegalArgumentException("WebP quality must be in [0, 100], was " + quality);
        }
        this.quality = quality;
        FfmpegNatives.requireEncoder("libwebp_anim", "animated WebP");
    }

    public int quality() {
        return quality;
    }

    @Override
    public GifWriter open(Path target, int width, int height, GifOptions options) throws Video2GifException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
        if (width < 2 || height < 2 || width > 8192 || height > 8192) {
            throw new IllegalArgumentException("WebP frame size must be in [2, 8192], was " + width + "x" + height);
        }
        int loops = switch (options.loopCount()) {
            case 0 -> 0;
            case -1 -> 1;
            default -> Math.min(65535, options.loopCount() + 1);
        };
        FfmpegVideoWriter w = FfmpegVideoWriter.builder(target, width, height).fps(options.fps())
                .timeBase(1, 1000).container("webp")
                .codec(FfmpegVideoWriter.Codec.WEBP).quality(quality).loops(loops).open();
        return new FfmpegAnimationWriter(w, width, height, width, height);
    }

    @Override
    public String toString() {
        return "FfmpegWebpEncoder[quality " + quality + "]";
    }
}
