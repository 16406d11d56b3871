package io.github.video2gif.core.rank;

import io.github.video2gif.api.RankLoss;

/**
 * A rank loss that is a function of the margin violation {@code u = MARGIN - positive + negative} alone (and
 * possibly of the popularity): subclasses give the value {@code phi(u)} and its slope {@code phi'(u)}; the
 * gradient follows from {@code du/dpositive = -1}, {@code du/dnegative = +1}.
 */
public abstract class MarginRankLoss implements RankLoss {

    /** The loss for a margin violation {@code u}; 0 for {@code u <= 0}. */
    protected abstract double value(double u, double popularity);

    /** The derivative of {@link #value} with respect to {@code u} (a sub-gradient at kinks; 0 at {@code u = 0}). */
    protected abstract double slope(double u, double popularity);

    @Override
    public final double loss(double positive, double negative, double popularity) {
        return value(MARGIN - positive + negative, checkPopularity(popularity));
    }

    @Override
    public final void gradient(double positive, double negative, double popularity, double[] out) {
        double s = slope(MARGIN - positive + negative, checkPopularity(popularity));
        out[0] = 0.0 - s; // never -0.0
        out[1] = s;
    }

    static double checkPopularity(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("popularity must be in [0, 1], was " + p);
        }
        return p;
    }
}
