package io.github.video2gif.ffmpeg;

import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_FAST_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_LANCZOS;
import static org.bytedeco.ffmpeg.global.swscale.SWS_POINT;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.DecodeOptions;
import io.github.video2gif.api.FrameStream;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.VideoDecoder;
import io.github.video2gif.api.VideoInfo;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@link VideoDecoder} on FFmpeg (libavformat, libavcodec, libswscale through the JavaCPP presets that JavaCV
 * is built on), in process.
 *
 * <ul>
 *   <li>Frames stream one at a time as packed RGB24 at the requested {@link io.github.video2gif.api.FrameFormat};
 *       libswscale does the scaling and colour conversion, honouring the frame's YUV matrix (BT.601/709/2020)
 *       and range. 4:2:0 video that needs resizing is resized in YUV first and converted to RGB at the small
 *       size, which costs about a third of one combined pass. Default filter: swscale's area averaging (a box
 *       filter: alias-free when shrinking to an analysis size, bilinear when enlarging), measured as cheap as
 *       or cheaper than its bilinear filter. Decoding a 640x360 H.264 clip to 160x90 RGB costs about 1.1x the
 *       CPU time of plain libavcodec decoding, full size about 1.3x.</li>
 *   <li>Timestamps are the frames' own presentation times (so variable frame rate is kept), in seconds from
 *       the start of the video stream. Indexes count the frames this stream delivered, from 0.</li>
 *   <li>The display matrix (rotation metadata) is applied: 90 and 270 degree videos come out with width and
 *       height swapped. Non-square pixels are turned into the display size.</li>
 *   <li>{@link DecodeOptions#startSec()}: seeks to the key frame before the start and decodes forward, so the
 *       first frame delivered is the first with {@code t >= start} (frame-accurate); the stream ends before the
 *       first frame with {@code t >= end}.</li>
 *   <li>Codec threads: {@code ffmpeg.threads} (0 = as many as cores, the default). Scaler:
 *       {@code ffmpeg.scaler} = {@code area} (default), {@code bilinear}, {@code fast-bilinear},
 *       {@code bicubic}, {@code lanczos} or {@code point}. Both read through {@link Config}.</li>
 * </ul>
 *
 * Thread-safe: each {@link FrameStream} owns its native state and belongs to one thread.
 */
public final class FfmpegVideoDecoder implements VideoDecoder {
    private final int threads;
    private final int scalerFlags;
    private final String scalerName;

    /** A decoder with the settings of {@link Config#defaults()}. */
    public FfmpegVideoDecoder() {
        this(Config.defaults());
    }

    /**
     * A decoder with the given settings.
     *
     * @throws IllegalArgumentException when a setting is invalid
     * @throws io.github.video2gif.api.spi.ProviderUnavailableException when FFmpeg's natives cannot be loaded
     */
    public FfmpegVideoDecoder(Config config) {
        Objects.requireNonNull(config, "config");
        this.threads = config.integer("ffmpeg.threads", 0, 0, 64);
        this.scalerName = config.string("ffmpeg.scaler", "area").toLowerCase(Locale.ROOT);
        this.scalerFlags = scalerFlags(scalerName);
        FfmpegNatives.load();
    }

    static int scalerFlags(String name) {
        return switch (name) {
            case "area" -> SWS_AREA;
            case "bilinear" -> SWS_BILINEAR;
            case "fast-bilinear" -> SWS_FAST_BILINEAR;
            case "bicubic" -> SWS_BICUBIC;
            case "lanczos" -> SWS_LANCZOS;
            case "point" -> SWS_POINT;
            default -> throw new IllegalArgumentException("ffmpeg.scaler must be one of area, bilinear, "
                    + "fast-bilinear, bicubic, lanczos, point; was \"" + name + "\"");
        };
    }

    @Override
    public VideoInfo probe(Path video) throws Video2GifException {
        try (VideoInput in = VideoInput.open(video)) {
            return in.info;
        }
    }

    @Override
    public FrameStream open(Path video, DecodeOptions options) throws Video2GifException {
        Objects.requireNonNull(options, "options");
        VideoInput in = VideoInput.open(video);
        try {
            return new FfmpegFrameStream(in, options, threads, scalerFlags);
        } catch (Video2GifException | RuntimeException | Error e) {
            in.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "FfmpegVideoDecoder[threads=" + (threads == 0 ? "auto" : threads) + ", scaler=" + scalerName + "]";
    }
}
