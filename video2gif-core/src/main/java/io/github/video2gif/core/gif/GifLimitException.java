package io.github.video2gif.core.gif;

import io.github.video2gif.api.UnreadableGifException;

import java.nio.file.Path;

/**
 * A GIF file asks for more than {@link GifReader.Limits} allow: a huge canvas or frame, too many frames, or more
 * decoded pixels in all than the budget (the signature of decompression bombs). Nothing that large was
 * allocated. Raise the limits only for files you trust.
 */
public class GifLimitException extends UnreadableGifException {
    private static final long serialVersionUID = 1L;

    public GifLimitException(Path input, String message) {
        super(input, message);
    }
}
