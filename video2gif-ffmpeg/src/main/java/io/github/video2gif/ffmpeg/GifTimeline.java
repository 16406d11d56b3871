package io.github.video2gif.ffmpeg;

/**
 * Places frames that come with durations on a GIF's fixed frame-rate grid, in whole centiseconds.
 *
 * <p>Grid slot {@code k} starts at {@code k / fps} seconds and shows the frame visible at that instant (as
 * FFmpeg's {@code fps} filter does). A frame that covers no slot is dropped; one that covers several slots
 * becomes one GIF frame shown for all of them. GIF frame start times are {@code round(k * 100 / fps)}
 * centiseconds, so each delay is the difference of two rounded grid times: rounding is carried and the total
 * never drifts from {@code slots / fps}.
 */
final class GifTimeline {
    private static final double EPS = 1e-9;

    private final double fps;
    private double elapsedSec;
    private long nextSlot;

    GifTimeline(double fps) {
        if (!(fps > 0 && fps <= 100)) {
            throw new IllegalArgumentException("fps must be in (0, 100], was " + fps);
        }
        this.fps = fps;
    }

    /**
     * Adds a frame shown for {@code durationSec}; returns the GIF start time in centiseconds of the frame to
     * emit for it, or -1 when it covers no grid slot and is dropped.
     */
    long add(double durationSec) {
        if (!(durationSec > 0) || Double.isInfinite(durationSec)) {
            throw new IllegalArgumentException("durationSec must be finite and > 0, was " + durationSec);
        }
        double start = elapsedSec;
        elapsedSec += durationSec;
        long first = Math.max(nextSlot, (long) Math.ceil(start * fps - EPS));
        long end = (long) Math.ceil(elapsedSec * fps - EPS);
        if (end <= first) {
            return -1;
        }
        nextSlot = end;
        return centis(first);
    }

    /** The end of the last emitted frame in centiseconds (the GIF's total length). */
    long endCentis() {
        return centis(nextSlot);
    }

    /** Grid slots covered so far. */
    long slots() {
        return nextSlot;
    }

    long centis(long slot) {
        return Math.round(slot * 100.0 / fps);
    }
}
