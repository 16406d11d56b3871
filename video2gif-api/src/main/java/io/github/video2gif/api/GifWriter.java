package io.github.video2gif.api;

/**
 * One GIF being written. Add frames, then {@link #finish()}; {@link #close()} without {@code finish()} discards
 * everything and leaves the target as it was.
 */
public interface GifWriter extends AutoCloseable {
    /**
     * Adds a frame shown for {@code durationSec} seconds.
     *
     * @throws IllegalArgumentException when the frame's size differs from the writer's
     */
    void add(VideoFrame frame, double durationSec) throws Video2GifException;

    /** Completes the file and moves it into place. */
    void finish() throws Video2GifException;

    /** Discards an unfinished file; idempotent, never throws. */
    @Override
    void close();
}
