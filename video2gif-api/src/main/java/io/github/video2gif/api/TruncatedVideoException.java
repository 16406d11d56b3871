package io.github.video2gif.api;

import java.nio.file.Path;

/** The file ends before its container says it should (an interrupted download or copy). */
public class TruncatedVideoException extends UnreadableVideoException {
    private static final long serialVersionUID = 1L;

    public TruncatedVideoException(Path input, String message) {
        super(input, message);
    }

    public TruncatedVideoException(Path input, String message, Throwable cause) {
        super(input, message, cause);
    }
}
