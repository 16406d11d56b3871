package io.github.video2gif.core.train;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The normalised popularity {@code p} of a GIF that the adaptive Huber loss adds to its delta. Following the
 * normalised view count of Khosla et al. (WWW 2014) that the paper cites, a GIF's raw popularity is
 * {@code log2(1 + views / days)}, its views per day online ({@code days} at least 1; when the age is unknown,
 * {@code log2(1 + views)}). The raw values are then scaled to [0, 1] over the training set's GIFs by min-max:
 * {@code p = (raw - min) / (max - min)}, clamped to [0, 1] for GIFs outside the training range. A GIF without a
 * view count gets {@code p = 0}; when all known values are equal, every GIF gets 0.
 */
public final class Popularity {
    private final double min;
    private final double max;

    private Popularity(double min, double max) {
        this.min = min;
        this.max = max;
    }

    /**
     * The raw popularity, {@code log2(1 + views / max(1, ageDays))}.
     *
     * @param views   view count, {@code >= 0}
     * @param ageDays days online, or empty when unknown
     */
    public static double raw(double views, OptionalDouble ageDays) {
        if (!(views >= 0) || Double.isInfinite(views)) {
            throw new IllegalArgumentException("views must be finite and >= 0, was " + views);
        }
        double perDay = ageDays.isPresent() ? views / Math.max(1, ageDays.getAsDouble()) : views;
        return Math.log1p(perDay) / Math.log(2);
    }

    /** Fits the scaling to the raw popularities of the training GIFs (unknown ones left out). */
    public static Popularity fit(List<Double> raw) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Double r : raw) {
            if (r != null && Double.isFinite(r)) {
                lo = Math.min(lo, r);
                hi = Math.max(hi, r);
            }
        }
        return new Popularity(lo, hi);
    }

    /** The normalised popularity in [0, 1] of a raw value ({@code null} or NaN for unknown gives 0). */
    public double normalise(Double raw) {
        if (raw == null || !Double.isFinite(raw) || !(max > min)) {
            return 0;
        }
        return Math.max(0, Math.min(1, (raw - min) / (max - min)));
    }

    @Override
    public String toString() {
        return "log2(1 + views/day) scaled from [" + min + ", " + max + "] to [0, 1]";
    }
}
