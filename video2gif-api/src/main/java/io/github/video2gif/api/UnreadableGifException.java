package io.github.video2gif.api;

import java.nio.file.Path;

/**
 * A GIF file cannot be read: it is missing, not a GIF, corrupt, truncated, or it asks for more than the
 * reader's safety limits allow (an absurd canvas, too many frames, too much decoded data). The message names the
 * file, what was found and where (byte offset or frame number), and what was expected.
 */
public class UnreadableGifException extends Video2GifException {
    private static final long serialVersionUID = 1L;

    public UnreadableGifException(Path input, String message) {
        super(input, message);
    }

    public UnreadableGifException(Path input, String message, Throwable cause) {
        super(input, message, cause);
    }
}
