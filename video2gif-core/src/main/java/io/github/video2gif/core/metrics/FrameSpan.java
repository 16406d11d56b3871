package io.github.video2gif.core.metrics;

/**
 * Frames {@code [start, end)} of a video (end exclusive), the ground truth of one GIF in the evaluation.
 *
 * @param start first frame, {@code >= 0}
 * @param end   one past the last frame, {@code > start}
 */
public record FrameSpan(int start, int end) {
    public FrameSpan {
        if (start < 0) {
            throw new IllegalArgumentException("a GIF's start frame must be >= 0, was " + start);
        }
        if (end <= start) {
            throw new IllegalArgumentException("a GIF's end frame must be > its start frame, was " + start + ".." + end);
        }
    }

    /** Number of frames. */
    public int length() {
        return end - start;
    }
}
