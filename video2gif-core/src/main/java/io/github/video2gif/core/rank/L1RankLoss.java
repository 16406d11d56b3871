package io.github.video2gif.core.rank;

/** The hinge rank loss {@code l1 = max(0, u)}, {@code u = 1 - h(s+) + h(s-)} (paper, eq. 1 with p = 1). */
public final class L1RankLoss extends MarginRankLoss {
    @Override
    protected double value(double u, double popularity) {
        return Math.max(0, u);
    }

    @Override
    protected double slope(double u, double popularity) {
        return u > 0 ? 1 : 0;
    }

    @Override
    public String toString() {
        return "l1";
    }
}
