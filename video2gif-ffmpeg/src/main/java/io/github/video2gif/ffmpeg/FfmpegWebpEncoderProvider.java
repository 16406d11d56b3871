package io.github.video2gif.ffmpeg;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.GifEncoder;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.GifEncoderProvider;

/**
 * Provides {@link FfmpegWebpEncoder} under the name {@code webp}, format {@code webp} (the command line's
 * {@code --format webp}), priority 10. Setting: {@code webp.quality}, 0 to 100, default 75.
 */
public final class FfmpegWebpEncoderProvider implements GifEncoderProvider {
    /** The provider name, also its format. */
    public static final String NAME = "webp";
    /** The quality setting's key. */
    public static final String QUALITY_KEY = "webp.quality";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String format() {
        return NAME;
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Availability probe() {
        return FfmpegNatives.encoderAvailability("libwebp_anim", "animated WebP");
    }

    @Override
    public String description() {
        return "animated WebP through FFmpeg's libwebp (--format webp; not a GIF)";
    }

    @Override
    public GifEncoder create(Config config) {
        return new FfmpegWebpEncoder(config.integer(QUALITY_KEY, 75, 0, 100));
    }
}
