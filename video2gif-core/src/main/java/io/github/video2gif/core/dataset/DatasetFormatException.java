package io.github.video2gif.core.dataset;

import io.github.video2gif.api.Video2GifException;
import java.nio.file.Path;

/** A dataset or annotation file is malformed; the message names the file, the line and the problem. */
public class DatasetFormatException extends Video2GifException {
    private static final long serialVersionUID = 1L;

    public DatasetFormatException(Path file, String message) {
        super(file, message);
    }

    public DatasetFormatException(Path file, String message, Throwable cause) {
        super(file, message, cause);
    }
}
