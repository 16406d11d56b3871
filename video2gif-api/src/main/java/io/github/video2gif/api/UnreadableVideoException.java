package io.github.video2gif.api;

import java.nio.file.Path;

/**
 * The file exists but is not a video the decoder can read: not a media container, corrupt, or truncated.
 * The native error code, where there is one, is part of the message.
 */
public class UnreadableVideoException extends Video2GifException {
    private static final long serialVersionUID = 1L;

    public UnreadableVideoException(Path input, String message) {
        super(input, message);
    }

    public UnreadableVideoException(Path input, String message, Throwable cause) {
        super(input, message, cause);
    }
}
