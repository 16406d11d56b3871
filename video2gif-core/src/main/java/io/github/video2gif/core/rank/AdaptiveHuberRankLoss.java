package io.github.video2gif.core.rank;

/**
 * The paper's adaptive Huber rank loss: the {@link HuberRankLoss Huber rank loss} with a per-GIF
 * {@code delta = base + p}, {@code p} the GIF's normalised popularity in [0, 1] (paper: base 1.5). Popular GIFs
 * are less likely to be outliers, so their loss stays quadratic longer.
 *
 * <p>The popularity is normalised by {@link io.github.video2gif.core.train.Popularity}: Khosla et al.'s
 * log-normalised view count {@code log2(1 + views / days)}, scaled to [0, 1] over the training GIFs. A GIF
 * without a view count has {@code p = 0} (plain Huber with delta = base).
 */
public final class AdaptiveHuberRankLoss extends MarginRankLoss {
    private final double base;

    /** The paper's loss: delta = 1.5 + p. */
    public AdaptiveHuberRankLoss() {
        this(HuberRankLoss.PAPER_DELTA);
    }

    /** @param base delta at popularity 0, {@code > 0} */
    public AdaptiveHuberRankLoss(double base) {
        if (!(base > 0) || Double.isInfinite(base)) {
            throw new IllegalArgumentException("base delta must be finite and > 0, was " + base);
        }
        this.base = base;
    }

    public double base() {
        return base;
    }

    @Override
    protected double value(double u, double popularity) {
        return HuberRankLoss.huber(u, base + popularity);
    }

    @Override
    protected double slope(double u, double popularity) {
        return HuberRankLoss.huberSlope(u, base + popularity);
    }

    @Override
    public String toString() {
        return "adaptive-huber(delta=" + base + "+p)";
    }
}
