package io.github.video2gif.api;

import java.nio.file.Path;

/** An output file could not be written. Any earlier file at that path is left as it was. */
public class OutputException extends Video2GifException {
    private static final long serialVersionUID = 1L;

    public OutputException(Path output, String message, Throwable cause) {
        super(output, message, cause);
    }
}
