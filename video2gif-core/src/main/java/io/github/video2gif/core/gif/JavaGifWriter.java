package io.github.video2gif.core.gif;

import io.github.video2gif.api.GifOptions;
import io.github.video2gif.api.GifWriter;
import io.github.video2gif.api.OutputException;
import io.github.video2gif.api.ProgressListener;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.core.io.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One GIF being written by {@link JavaGifEncoder}. Frames are collected (their colours counted as they come) and
 * the file is encoded on {@link #finish()}: into a temporary file in the target's directory, which then replaces
 * the target in one atomic move. {@link #close()} without {@code finish()} deletes the temporary data and leaves
 * the target as it was.
 *
 * <p>Memory: the frames wait, at the size they are given, until {@code finish()}, because the palette is chosen
 * for the whole clip. A 5 s clip at 360 px and 10 fps is about 11 MB; past {@link JavaGifSettings#memoryBudgetBytes()}
 * frames go to a temporary file next to the target instead. Not thread-safe.
 */
final class JavaGifWriter implements GifWriter {
    private enum State { OPEN, FINISHED, CLOSED }

    private final Path target;
    private final int width;
    private final int height;
    private final GifOptions options;
    private final JavaGifSettings settings;
    private final ProgressListener progress;
    private final ClipBuffer clip;
    private State state = State.OPEN;
    private AnimationEncoder.Stats stats;

    JavaGifWriter(Path target, int width, int height, GifOptions options, JavaGifSettings settings,
                  ProgressListener progress) {
        this.target = target;
        this.width = width;
        this.height = height;
        this.options = options;
        this.settings = settings;
        this.progress = progress;
        Path dir = target.toAbsolutePath().getParent();
        this.clip = new ClipBuffer(width, height, dir, settings.memoryBudgetBytes());
    }

    @Override
    public void add(VideoFrame frame, double durationSec) throws Video2GifException {
        if (state != State.OPEN) {
            throw new IllegalStateException("the writer for " + target + " is " + state.name().toLowerCase());
        }
        if (frame.width() != width || frame.height() != height) {
            throw new IllegalArgumentException("frame " + frame.index() + " is " + frame.width() + "x"
                    + frame.height() + ", the GIF is " + width + "x" + height);
        }
        if (!(durationSec > 0) || durationSec > 655.35) {
            throw new IllegalArgumentException("duration must be in (0, 655.35] s, was " + durationSec);
        }
        try {
            clip.add(frame.rgb(), durationSec);
        } catch (IOException e) {
            throw new OutputException(target, "Cannot write GIF \"" + target + "\": could not hold frame "
                    + frame.index() + " in a temporary file next to it: " + e.getMessage(), e);
        }
    }

    @Override
    public void finish() throws Video2GifException {
        if (state != State.OPEN) {
            throw new IllegalStateException("the writer for " + target + " is " + state.name().toLowerCase());
        }
        if (clip.frames() == 0) {
            throw new IllegalStateException("no frames were added to " + target);
        }
        Path tmp = null;
        try {
            tmp = AtomicFiles.createSibling(target, ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                stats = clip.encode(out, options.maxColors(), options.loopCount(), settings, progress);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            state = State.FINISHED;
        } catch (IOException | UncheckedIOException e) {
            String why = e instanceof UncheckedIOException u ? u.getCause().toString() : e.toString();
            throw new OutputException(target, "Cannot write GIF \"" + target + "\": " + why
                    + "; any earlier file there is unchanged", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
            clip.close();
            if (state != State.FINISHED) {
                state = State.CLOSED;
            }
        }
    }

    /** What the finished file holds; {@code null} before {@link #finish()}. */
    AnimationEncoder.Stats stats() {
        return stats;
    }

    @Override
    public void close() {
        if (state == State.OPEN) {
            state = State.CLOSED;
        }
        clip.close();
    }
}
