package io.github.video2gif.ffmpeg;

import io.github.video2gif.api.GifEncoder;
import io.github.video2gif.api.GifOptions;
import io.github.video2gif.api.GifWriter;
import io.github.video2gif.api.Video2GifException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes an MP4 video (no audio) through FFmpeg, in process: H.264 by OpenH264 (MPEG-4 Part 2 where this FFmpeg
 * build lacks OpenH264), YUV 4:2:0, each frame at the time the durations before it add up to and shown for its
 * own duration (so the file lasts as long as the frames' durations add up to). H.264 needs even sizes: a frame of
 * odd width or height loses its last column or row. MP4 has no loop count and no palette, so of {@link GifOptions}
 * only {@code fps} is used (as the nominal frame rate); players loop a short video when told to (HTML
 * {@code <video loop>}). Thread-safe: each {@link #open} returns an independent writer.
 */
public final class FfmpegMp4Encoder implements GifEncoder {
    /**
     * Creates the encoder; loads FFmpeg's natives.
     *
     * @throws io.github.video2gif.api.spi.ProviderUnavailableException when FFmpeg cannot load or has neither an
     *                                                                  H.264 nor an MPEG-4 encoder
     */
    public FfmpegMp4Encoder() {
        FfmpegNatives.load();
        if (FfmpegNatives.encoderAvailability("libopenh264", "H.264").available()) {
            return;
        }
        FfmpegNatives.requireEncoder("mpeg4", "MP4 video");
    }

    @Override
    public GifWriter open(Path target, int width, int height, GifOptions options) throws Video2GifException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
        int w = width & ~1;
        int h = height & ~1;
        if (w < 2 || h < 2 || width > 8192 || height > 8192) {
            throw new IllegalArgumentException("MP4 frame size must be in [2, 8192], was " + width + "x" + height);
        }
        FfmpegVideoWriter writer = FfmpegVideoWriter.builder(target, w, h).fps(options.fps())
                .timeBase(1, 1000).container("mp4")
                .fastStart(true).open();
        return new FfmpegAnimationWriter(writer, width, height, w, h);
    }

    @Override
    public String toString() {
        return "FfmpegMp4Encoder[H.264]";
    }
}
