package io.github.video2gif.core.rank;

/**
 * The paper's Huber rank loss (eq. 2): with {@code u = 1 - h(s+) + h(s-)}, {@code 0.5 * max(0,u)^2} while
 * {@code u <= delta}, {@code delta * u - 0.5 * delta^2} beyond: quadratic for small margin violations, linear
 * (robust to outliers) for large ones. The paper chose {@code delta = 1.5} on its validation set.
 */
public final class HuberRankLoss extends MarginRankLoss {
    /** The paper's delta. */
    public static final double PAPER_DELTA = 1.5;

    private final double delta;

    /** The paper's loss, delta = 1.5. */
    public HuberRankLoss() {
        this(PAPER_DELTA);
    }

    /** @param delta where the loss turns linear, {@code > 0} */
    public HuberRankLoss(double delta) {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("delta must be finite and > 0, was " + delta);
        }
        this.delta = delta;
    }

    public double delta() {
        return delta;
    }

    @Override
    protected double value(double u, double popularity) {
        return huber(u, delta);
    }

    @Override
    protected double slope(double u, double popularity) {
        return huberSlope(u, delta);
    }

    static double huber(double u, double delta) {
        if (u <= 0) {
            return 0;
        }
        return u <= delta ? 0.5 * u * u : delta * u - 0.5 * delta * delta;
    }

    static double huberSlope(double u, double delta) {
        if (u <= 0) {
            return 0;
        }
        return u <= delta ? u : delta;
    }

    @Override
    public String toString() {
        return "huber(delta=" + delta + ")";
    }
}
