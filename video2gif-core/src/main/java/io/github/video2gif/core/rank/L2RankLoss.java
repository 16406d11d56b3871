package io.github.video2gif.core.rank;

/** The squared hinge rank loss {@code l2 = max(0, u)^2}, {@code u = 1 - h(s+) + h(s-)} (paper, eq. 1, p = 2). */
public final class L2RankLoss extends MarginRankLoss {
    @Override
    protected double value(double u, double popularity) {
        return u > 0 ? u * u : 0;
    }

    @Override
    protected double slope(double u, double popularity) {
        return u > 0 ? 2 * u : 0;
    }

    @Override
    public String toString() {
        return "l2";
    }
}
