package io.github.video2gif.core.gif;

import io.github.video2gif.api.GifEncoder;
import io.github.video2gif.api.GifOptions;
import io.github.video2gif.api.GifWriter;
import io.github.video2gif.api.OutputException;
import io.github.video2gif.api.ProgressListener;
import io.github.video2gif.api.Video2GifException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A GIF encoder in pure Java, the project's default ({@code gif-encoder=java}).
 *
 * <ul>
 *   <li>palette: one for the whole clip, chosen in Oklab by box splitting and k-means
 *       ({@link OklabKMeansQuantizer}) from a histogram counted as frames arrive; exact when the clip has few
 *       colours; a scene (between cuts) that the clip's palette serves badly gets its own, as local colour
 *       tables;</li>
 *   <li>dither: none by default, or blue noise, Bayer or Sierra Lite error diffusion ({@link DitherMethod}), none of
 *       which flickers on still areas;</li>
 *   <li>inter-frame optimisation: pixels that would show what already shows become transparent, frames are
 *       cropped to what changed, frames with no change merge into the frame before (disposal 1 throughout);</li>
 *   <li>LZW: exact, or lossy, searching the string table for the longest string of close enough colours
 *       ({@link JavaGifSettings#lossy()}, and by default {@link JavaGifSettings#lossyMse()} on noisy scenes, where
 *       exact LZW compresses least); large noisy frames are coded in two row strips at once;</li>
 *   <li>timing: delays in centiseconds with the rounding carried ({@link CentisecondClock}); loop count in a
 *       NETSCAPE2.0 extension.</li>
 * </ul>
 * Of {@link GifOptions} the writer honours {@code maxColors} (at most 255 visible colours when the limit is 256:
 * one index is the transparent one) and {@code loopCount}; {@code width} and {@code fps} are for whoever scales
 * and times the frames (each {@link GifWriter#add} carries its own duration). Thread-safe: each {@link #open}
 * returns an independent writer.
 *
 * <p>For a file-size budget see {@link GifSizeBudget}; for loops and bounces see {@link LoopSeamFinder} and
 * {@link Bounce}.
 */
public final class JavaGifEncoder implements GifEncoder {
    private final JavaGifSettings settings;
    private final ProgressListener progress;

    /** An encoder with {@link JavaGifSettings#DEFAULT}. */
    public JavaGifEncoder() {
        this(JavaGifSettings.DEFAULT, ProgressListener.NONE);
    }

    public JavaGifEncoder(JavaGifSettings settings) {
        this(settings, ProgressListener.NONE);
    }

    /** @param progress told of each frame encoded during {@link GifWriter#finish()} (task {@code "gif"}) */
    public JavaGifEncoder(JavaGifSettings settings, ProgressListener progress) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    public JavaGifSettings settings() {
        return settings;
    }

    /** The same encoder with other settings. */
    public JavaGifEncoder with(JavaGifSettings newSettings) {
        return new JavaGifEncoder(newSettings, progress);
    }

    @Override
    public GifWriter open(Path target, int width, int height, GifOptions options) throws Video2GifException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
        if (width < 1 || height < 1 || width > 65535 || height > 65535) {
            throw new IllegalArgumentException("GIF size must be 1 to 65535 pixels a side, was " + width + "x" + height);
        }
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new OutputException(target, "Cannot write GIF \"" + target + "\": its directory " + dir
                    + " does not exist; create it first", null);
        }
        if (Files.isDirectory(target)) {
            throw new OutputException(target, "Cannot write GIF \"" + target + "\": it is a directory", null);
        }
        if (!Files.isWritable(dir)) {
            throw new OutputException(target, "Cannot write GIF \"" + target + "\": directory " + dir
                    + " is not writable", null);
        }
        return new JavaGifWriter(target, width, height, options, settings, progress);
    }

    @Override
    public String toString() {
        return "JavaGifEncoder" + settings;
    }
}
