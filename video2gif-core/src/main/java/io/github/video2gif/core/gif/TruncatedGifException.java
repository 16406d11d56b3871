package io.github.video2gif.core.gif;

import io.github.video2gif.api.UnreadableGifException;

import java.nio.file.Path;

/**
 * A GIF file ends in the middle of a block (an interrupted download or copy). The frames before the damaged one
 * were delivered normally; the message names the byte offset and the frame that was cut.
 */
public class TruncatedGifException extends UnreadableGifException {
    private static final long serialVersionUID = 1L;

    public TruncatedGifException(Path input, String message) {
        super(input, message);
    }
}
