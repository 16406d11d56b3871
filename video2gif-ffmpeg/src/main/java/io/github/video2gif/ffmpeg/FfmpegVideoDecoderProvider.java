package io.github.video2gif.ffmpeg;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.VideoDecoder;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.VideoDecoderProvider;

/** Provides {@link FfmpegVideoDecoder} under the name {@code ffmpeg}, priority 100. */
public final class FfmpegVideoDecoderProvider implements VideoDecoderProvider {
    /** The provider name. */
    public static final String NAME = "ffmpeg";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Availability probe() {
        return FfmpegNatives.availability();
    }

    @Override
    public String description() {
        return "FFmpeg (libavformat/libavcodec/libswscale, in process)";
    }

    @Override
    public VideoDecoder create(Config config) {
        return new FfmpegVideoDecoder(config);
    }
}
