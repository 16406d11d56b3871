package io.github.video2gif.ffmpeg;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.GifEncoder;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.GifEncoderProvider;

/**
 * Provides {@link FfmpegMp4Encoder} under the name {@code mp4}, format {@code mp4} (the command line's
 * {@code --format mp4}), priority 10.
 */
public final class FfmpegMp4EncoderProvider implements GifEncoderProvider {
    /** The provider name, also its format. */
    public static final String NAME = "mp4";

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
        Availability h264 = FfmpegNatives.encoderAvailability("libopenh264", "H.264");
        return h264.available() ? h264 : FfmpegNatives.encoderAvailability("mpeg4", "MPEG-4");
    }

    @Override
    public String description() {
        return "MP4 video (H.264) through FFmpeg (--format mp4; not a GIF)";
    }

    @Override
    public GifEncoder create(Config config) {
        return new FfmpegMp4Encoder();
    }
}
