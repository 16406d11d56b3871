package io.github.video2gif.api;

import java.nio.file.Path;

/** The video path does not exist, is a directory, or cannot be read by this process. */
public class VideoNotFoundException extends Video2GifException {
    private static final long serialVersionUID = 1L;

    public VideoNotFoundException(Path input, String message) {
        super(input, message);
    }
}
