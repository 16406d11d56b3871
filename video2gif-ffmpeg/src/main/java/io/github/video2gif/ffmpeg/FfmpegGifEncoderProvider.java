package io.github.video2gif.ffmpeg;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.GifEncoder;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.GifEncoderProvider;

/**
 * Provides {@link FfmpegGifEncoder} under the name {@code ffmpeg}, priority 50 (the quality reference; a faster
 * encoder may rank above it).
 */
public final class FfmpegGifEncoderProvider implements GifEncoderProvider {
    /** The provider name. */
    public static final String NAME = "ffmpeg";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 50;
    }

    @Override
    public Availability probe() {
        return FfmpegNatives.availability();
    }

    @Override
    public String description() {
        return "FFmpeg palettegen/paletteuse two-pass GIF (in process, quality reference)";
    }

    @Override
    public GifEncoder create(Config config) {
        return new FfmpegGifEncoder();
    }
}
