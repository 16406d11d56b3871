package io.github.video2gif.api;

import java.nio.file.Path;

/** The file is empty (zero bytes) or its video stream holds no decodable frame. */
public class EmptyVideoException extends UnreadableVideoException {
    private static final long serialVersionUID = 1L;

    public EmptyVideoException(Path input, String message) {
        super(input, message);
    }
}
