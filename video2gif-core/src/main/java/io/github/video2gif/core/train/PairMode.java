package io.github.video2gif.core.train;

/** Which segments are compared in training pairs. */
public enum PairMode {
    /** A GIF segment against non-GIF segments of the same video (the paper's method). */
    VIDEO_SPECIFIC,
    /**
     * A GIF segment against non-GIF segments drawn from the whole training set (the paper's "video agnostic"
     * baseline), with as many negatives per video as {@link #VIDEO_SPECIFIC}.
     */
    VIDEO_AGNOSTIC
}
