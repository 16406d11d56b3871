package io.github.video2gif.api;

import java.nio.file.Path;

/** A model or weight file is missing, damaged, of the wrong format, or of the wrong shape. */
public class WeightFileException extends Video2GifException {
    private static final long serialVersionUID = 1L;

    public WeightFileException(Path input, String message) {
        super(input, message);
    }

    public WeightFileException(Path input, String message, Throwable cause) {
        super(input, message, cause);
    }
}
