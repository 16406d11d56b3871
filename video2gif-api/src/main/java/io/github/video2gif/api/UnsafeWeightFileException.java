package io.github.video2gif.api;

import java.nio.file.Path;

/**
 * A weight file asks for something a data file must never do (a pickle naming a global other than numpy's
 * array reconstruction, an absurd allocation). Nothing from it was executed or instantiated.
 */
public class UnsafeWeightFileException extends WeightFileException {
    private static final long serialVersionUID = 1L;

    public UnsafeWeightFileException(Path input, String message) {
        super(input, message);
    }
}
