package io.github.video2gif.api;

/**
 * A piece of a video: frames {@code [startFrame, endFrame)} (end exclusive, 0-based decode order) and the same
 * span in seconds {@code [startSec, endSec)}.
 */
public record Segment(long startFrame, long endFrame, double startSec, double endSec) {
    public Segment {
        if (startFrame < 0) {
            throw new IllegalArgumentException("startFrame must be >= 0, was " + startFrame);
        }
        if (endFrame <= startFrame) {
            throw new IllegalArgumentException("endFrame must be > startFrame, was " + startFrame + ".." + endFrame);
        }
        if (!(startSec >= 0) || Double.isInfinite(startSec)) {
            throw new IllegalArgumentException("startSec must be finite and >= 0, was " + startSec);
        }
        if (!(endSec > startSec) || Double.isInfinite(endSec)) {
            throw new IllegalArgumentException("endSec must be finite and > startSec, was " + startSec + ".." + endSec);
        }
    }

    public long frames() {
        return endFrame - startFrame;
    }

    public double durationSec() {
        return endSec - startSec;
    }

    /** Number of frames this segment shares with {@code [start, end)}. */
    public long overlapFrames(long start, long end) {
        return Math.max(0, Math.min(endFrame, end) - Math.max(startFrame, start));
    }

    /** Whether frame index {@code frame} lies inside. */
    public boolean contains(long frame) {
        return frame >= startFrame && frame < endFrame;
    }
}
