package io.github.video2gif.ffmpeg;

import io.github.video2gif.api.GifEncoder;
import io.github.video2gif.api.GifOptions;
import io.github.video2gif.api.GifWriter;
import io.github.video2gif.api.Video2GifException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@link GifEncoder} on FFmpeg's two-pass palette route, in process through libavfilter and libavcodec:
 * {@code split[a][b];[a]palettegen[p];[b][p]paletteuse} with FFmpeg's default settings (a palette from the
 * statistics of all frames; Sierra-2-4A error diffusion), then FFmpeg's {@code gif} encoder (frame
 * differencing with transparency) and muxer. This is the quality reference other GIF encoders are compared with.
 *
 * <p>{@link GifOptions}: {@code width} (frames of another width are scaled by libswscale's default bicubic
 * filter, height from the aspect ratio rounded to even), {@code fps} (frames are placed on that frame-rate grid
 * by their durations; delays are whole centiseconds with rounding carried, see {@link GifTimeline}),
 * {@code loopCount} (NETSCAPE2.0 extension: 0 loops forever, -1 writes none) and {@code maxColors}
 * (palettegen's {@code max_colors}).
 *
 * <p>Memory: palettegen needs every frame before the first can be mapped, so the frames of one GIF are held
 * by the filter graph until {@link GifWriter#finish()} (a 6 s, 10 fps, 360x202 GIF: about 13 MB).
 */
public final class FfmpegGifEncoder implements GifEncoder {
    /** Creates the encoder; loads FFmpeg's natives. */
    public FfmpegGifEncoder() {
        FfmpegNatives.load();
    }

    @Override
    public GifWriter open(Path target, int width, int height, GifOptions options) throws Video2GifException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
        if (width < 1 || height < 1 || width > 16384 || height > 16384) {
            throw new IllegalArgumentException("frame size must be in [1, 16384], was " + width + "x" + height);
        }
        return new FfmpegGifWriter(target, width, height, options);
    }

    @Override
    public String toString() {
        return "FfmpegGifEncoder[palettegen+paletteuse]";
    }
}
