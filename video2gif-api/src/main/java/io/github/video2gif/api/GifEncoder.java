package io.github.video2gif.api;

import java.nio.file.Path;

/** Writes animated GIFs. Thread-safe factory of {@link GifWriter}s. */
public interface GifEncoder {
    /**
     * Opens a writer for {@code target}. Nothing appears at {@code target} until {@link GifWriter#finish()}
     * succeeds; an existing file there is replaced only then, atomically where the file system allows.
     *
     * @param width  frame width of every frame to come
     * @param height frame height of every frame to come
     */
    GifWriter open(Path target, int width, int height, GifOptions options) throws Video2GifException;
}
