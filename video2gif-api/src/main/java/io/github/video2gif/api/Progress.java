package io.github.video2gif.api;

import java.util.Objects;

/**
 * A progress report.
 *
 * @param task   what is running ("analyze", "score", "export", "train", ...)
 * @param done   units done so far
 * @param total  units in all, or -1 when unknown
 * @param detail a short human-readable detail (may be empty)
 */
public record Progress(String task, long done, long total, String detail) {
    public Progress {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(detail, "detail");
        if (done < 0) {
            throw new IllegalArgumentException("done must be >= 0, was " + done);
        }
    }

    /** Fraction done in [0, 1], or -1 when the total is unknown. */
    public double fraction() {
        if (total <= 0) {
            return total == 0 ? 1.0 : -1.0;
        }
        return Math.min(1.0, (double) done / total);
    }
}
