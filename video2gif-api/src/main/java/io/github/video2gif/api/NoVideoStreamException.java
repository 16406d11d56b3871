package io.github.video2gif.api;

import java.nio.file.Path;

/** The container opened but has no video stream (for example an audio-only file). */
public class NoVideoStreamException extends UnreadableVideoException {
    private static final long serialVersionUID = 1L;

    public NoVideoStreamException(Path input, String message) {
        super(input, message);
    }
}
