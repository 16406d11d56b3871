package io.github.video2gif.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A checked failure tied to one input (a video, a weight file, an output path). Subclasses say precisely what
 * went wrong; the message names the input, what was seen, what was expected and, where possible, what to do.
 *
 * <p>Caller mistakes (null arguments, impossible options) are not reported with this exception but with
 * {@link IllegalArgumentException} or {@link NullPointerException}, thrown eagerly.
 */
public class Video2GifException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path input;

    public Video2GifException(Path input, String message) {
        this(input, message, null);
    }

    public Video2GifException(Path input, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.input = input;
    }

    /** The file this failure is about, when there is one. */
    public Optional<Path> input() {
        return Optional.ofNullable(input);
    }
}
