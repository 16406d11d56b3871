package io.github.video2gif.core.train;

import io.github.video2gif.api.Video2GifException;

/**
 * Training went numerically wrong: a loss or score became NaN, infinite or absurdly large. No model is written.
 * Lower the learning rate, standardise the features, or check them for extreme values.
 */
public class TrainingDivergedException extends Video2GifException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(null, message);
    }
}
