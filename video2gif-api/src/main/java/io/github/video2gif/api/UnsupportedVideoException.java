package io.github.video2gif.api;

import java.nio.file.Path;

/** The video stream uses a codec or pixel format the decoder cannot handle. */
public class UnsupportedVideoException extends UnreadableVideoException {
    private static final long serialVersionUID = 1L;

    public UnsupportedVideoException(Path input, String message) {
        super(input, message);
    }

    public UnsupportedVideoException(Path input, String message, Throwable cause) {
        super(input, message, cause);
    }
}
