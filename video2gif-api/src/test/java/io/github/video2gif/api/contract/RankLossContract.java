package io.github.video2gif.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.video2gif.api.RankLoss;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link RankLoss} must keep, as a reusable JUnit 5 test: extend this class in your test
 * sources (depend on {@code video2gif-api}'s {@code test-jar}) and return your loss from {@link #loss()}.
 *
 * <p>Checked: the loss is finite and non-negative; it is zero (with a zero gradient) once the margin is met;
 * raising the positive's score or lowering the negative's never increases it; {@link RankLoss#gradient} agrees
 * with central finite differences wherever the loss is smooth (points where the left and right differences
 * disagree, the kinks, are skipped).
 */
public abstract class RankLossContract {
    /** The loss under test. */
    protected abstract RankLoss loss();

    /**
     * Score pairs {@code {positive, negative}} at which the margin is met and the loss must be 0. By default pairs
     * with {@code positive - negative >= RankLoss.MARGIN}; a loss with another notion of margin (a classification
     * loss: each score on its own side) overrides this.
     */
    protected List<double[]> marginMetPairs() {
        List<double[]> pairs = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            double neg = r.nextDouble(-20, 20);
            pairs.add(new double[] {neg + RankLoss.MARGIN + r.nextDouble(0, 5), neg});
        }
        pairs.add(new double[] {1.0, 0.0});
        pairs.add(new double[] {0.0, -1.0});
        return pairs;
    }

    /** The popularities the checks use (all in [0, 1]). */
    protected double[] popularities() {
        return new double[] {0.0, 0.25, 0.5, 1.0};
    }

    /** Relative tolerance of the finite-difference check. */
    protected double gradientTolerance() {
        return 1e-5;
    }

    @Test
    void lossIsFiniteAndNonNegative() {
        RankLoss loss = loss();
        for (double p : popularities()) {
            for (double pos = -30; pos <= 30; pos += 0.37) {
                for (double neg = -30; neg <= 30; neg += 0.41) {
                    double l = loss.loss(pos, neg, p);
                    assertThat(Double.isFinite(l)).as("loss(%s, %s, %s) = %s is finite", pos, neg, p, l).isTrue();
                    assertThat(l).as("loss(%s, %s, %s)", pos, neg, p).isGreaterThanOrEqualTo(0.0);
                }
            }
        }
    }

    @Test
    void lossAndGradientAreZeroOnceTheMarginIsMet() {
        RankLoss loss = loss();
        double[] g = new double[2];
        for (double p : popularities()) {
            for (double[] pair : marginMetPairs()) {
                assertThat(loss.loss(pair[0], pair[1], p)).as("loss(%s, %s, %s)", pair[0], pair[1], p).isZero();
                g[0] = Double.NaN;
                g[1] = Double.NaN;
                loss.gradient(pair[0], pair[1], p, g);
                assertThat(g[0] == 0 && g[1] == 0).as("gradient %s, %s at (%s, %s, %s) is zero", g[0], g[1], pair[0],
                        pair[1], p).isTrue();
            }
        }
    }

    @Test
    void rankingThePositiveHigherNeverCostsMore() {
        RankLoss loss = loss();
        double[] g = new double[2];
        SplittableRandom r = new SplittableRandom(11);
        for (double p : popularities()) {
            for (int i = 0; i < 2000; i++) {
                double pos = r.nextDouble(-10, 10);
                double neg = r.nextDouble(-10, 10);
                loss.gradient(pos, neg, p, g);
                assertThat(g[0]).as("d/dpositive at (%s, %s, %s)", pos, neg, p).isLessThanOrEqualTo(0.0);
                assertThat(g[1]).as("d/dnegative at (%s, %s, %s)", pos, neg, p).isGreaterThanOrEqualTo(0.0);
            }
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        RankLoss loss = loss();
        double[] g = new double[2];
        SplittableRandom r = new SplittableRandom(13);
        double h = 1e-6;
        int checked = 0;
        for (double p : popularities()) {
            for (int i = 0; i < 3000; i++) {
                double pos = r.nextDouble(-6, 6);
                double neg = r.nextDouble(-6, 6);
                loss.gradient(pos, neg, p, g);
                for (int k = 0; k < 2; k++) {
                    double dp = k == 0 ? h : 0;
                    double dn = k == 1 ? h : 0;
                    double f0 = loss.loss(pos, neg, p);
                    double right = (loss.loss(pos + dp, neg + dn, p) - f0) / h;
                    double left = (f0 - loss.loss(pos - dp, neg - dn, p)) / h;
                    if (Math.abs(right - left) > 1e-3 * (1 + Math.abs(right))) {
                        continue; // a kink: only a sub-gradient is defined here
                    }
                    double central = (right + left) / 2;
                    assertThat(g[k]).as("d/d%s at (%s, %s, %s)", k == 0 ? "positive" : "negative", pos, neg, p)
                            .isCloseTo(central, within(gradientTolerance() * (1 + Math.abs(central))));
                    checked++;
                }
            }
        }
        assertThat(checked).as("points where the loss is smooth").isGreaterThan(1000);
    }

    @Test
    void aViolatedMarginCostsSomething() {
        RankLoss loss = loss();
        for (double p : popularities()) {
            assertThat(loss.loss(-2, 2, p)).as("loss of a badly ranked pair").isGreaterThan(0.0);
            assertThat(loss.loss(0, 0, p)).as("loss of a tie").isGreaterThan(0.0);
        }
    }
}
