package io.github.video2gif.core.gif;

/**
 * Turns frame durations into GIF delays (whole centiseconds) without drift: each frame ends at its exact end time
 * rounded to the nearest centisecond, so the rounding error is carried to the next frame and never accumulates.
 * Ten frames of 1/30 s get 3, 4, 3, 3, 4, 3, 3, 4, 3, 3 cs and end at exactly 33 cs. The running sum is kept
 * with Kahan summation. Not thread-safe.
 */
public final class CentisecondClock {
    private double elapsed;
    private double compensation;
    private long emitted;

    /**
     * The delay of the next frame.
     *
     * @param durationSec how long the frame shows, in seconds, finite and not negative
     * @return the delay in centiseconds (may be 0 for very short frames)
     */
    public int next(double durationSec) {
        if (!(durationSec >= 0) || Double.isInfinite(durationSec)) {
            throw new IllegalArgumentException("duration must be finite and >= 0, was " + durationSec);
        }
        double y = durationSec - compensation;
        double t = elapsed + y;
        compensation = (t - elapsed) - y;
        elapsed = t;
        long end = Math.round(elapsed * 100.0);
        long delay = end - emitted;
        emitted = end;
        return (int) Math.max(0, delay);
    }

    /** Centiseconds handed out so far. */
    public long elapsedCentiseconds() {
        return emitted;
    }
}
