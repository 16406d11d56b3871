package io.github.video2gif.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.video2gif.api.RankLoss;
import io.github.video2gif.core.rank.AdaptiveHuberRankLoss;
import io.github.video2gif.core.rank.ClassificationLoss;
import io.github.video2gif.core.rank.L2RankLoss;
import io.github.video2gif.core.rank.RankNet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The hand-written backpropagation against finite differences of the objective, in double precision. */
class RankNetSgdTest {
    private static final int D = 4;
    private static final int N = 4;

    private final float[] table = new float[2 * N * D];
    private final int[] pos = new int[N];
    private final int[] neg = new int[N];
    private final float[] pop = {0.1f, 0.9f, 0.5f, 0f};

    RankNetSgdTest() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < table.length; i++) {
            table[i] = (float) r.nextDouble(-2, 2);
        }
        for (int k = 0; k < N; k++) {
            pos[k] = k;
            neg[k] = N + k;
        }
    }

    /** The objective: mean pair loss + lambda ||W||^2, with the dropout masks of a fixed seed. */
    private double objective(RankNetSgd net, RankLoss loss, double lambda) {
        double l = net.lossAndGradient(pos, neg, pop, N, loss, lambda, new SplitMixStream(77), null);
        return l + lambda * net.squaredWeights();
    }

    /**
     * A network with non-zero random biases: with zero biases a row whose hidden units are all off puts the next
     * layer exactly on the ReLU kink, where only one-sided derivatives exist.
     */
    private static RankNet randomNet() {
        RankNet init = RankNet.initialise(RankNet.layers(D, 3, 2), null, 3);
        SplittableRandom r = new SplittableRandom(5);
        float[][] w = new float[3][];
        float[][] b = new float[3][];
        for (int i = 0; i < 3; i++) {
            w[i] = init.weights(i);
            b[i] = init.biases(i);
            for (int k = 0; k < b[i].length; k++) {
                b[i][k] = (float) r.nextDouble(-0.5, 0.5);
            }
        }
        return new RankNet(init.layers(), w, b, null);
    }

    private void check(RankLoss loss, double inputDropout, double hiddenDropout, double lambda) {
        RankNet init = randomNet();
        RankNetSgd net = new RankNetSgd(init, table, inputDropout, hiddenDropout, DataType.DOUBLE);
        objective(net, loss, lambda); // leaves the analytic gradient
        int[] l = net.layers();
        double h = 1e-6;
        int checked = 0;
        for (int i = 0; i < l.length - 1; i++) {
            for (boolean bias : new boolean[] {false, true}) {
                long count = bias ? l[i + 1] : (long) l[i] * l[i + 1];
                for (long k = 0; k < count; k++) {
                    double analytic = net.gradient(i, bias, k);
                    double p = net.parameter(i, bias, k);
                    net.setParameter(i, bias, k, p + h);
                    double up = objective(net, loss, lambda);
                    net.setParameter(i, bias, k, p - h);
                    double down = objective(net, loss, lambda);
                    net.setParameter(i, bias, k, p);
                    double numeric = (up - down) / (2 * h);
                    assertThat(analytic).as("d/d %s[%d] of layer %d", bias ? "b" : "W", k, i)
                            .isCloseTo(numeric, within(1e-6 + 1e-5 * Math.abs(numeric)));
                    checked++;
                }
            }
        }
        objective(net, loss, lambda);
        assertThat(checked).isEqualTo(4 * 3 + 3 + 3 * 2 + 2 + 2 + 1);
    }

    @Test
    void gradientsMatchFiniteDifferencesWithoutDropout() {
        check(new L2RankLoss(), 0, 0, 0);
        check(new AdaptiveHuberRankLoss(), 0, 0, 0.01);
    }

    @Test
    void gradientsMatchFiniteDifferencesWithDropoutAndWeightDecay() {
        check(new AdaptiveHuberRankLoss(), 0.5, 0.25, 0.001);
        check(new ClassificationLoss(), 0.3, 0.25, 0.01);
    }

    @Test
    void nesterovStepFollowsLasagnesUpdate() {
        RankNet init = RankNet.initialise(RankNet.layers(D, 3, 2), null, 3);
        RankNetSgd net = new RankNetSgd(init, table, 0, 0, DataType.DOUBLE);
        double lr = 0.1;
        double mu = 0.9;
        objective(net, new L2RankLoss(), 0);
        double p0 = net.parameter(0, false, 5);
        double g0 = net.gradient(0, false, 5);
        net.nesterovStep(lr, mu);
        // v1 = -lr g0; p1 = p0 + mu v1 - lr g0
        double v1 = -lr * g0;
        double p1 = p0 + mu * v1 - lr * g0;
        assertThat(net.parameter(0, false, 5)).isCloseTo(p1, within(1e-12));
        objective(net, new L2RankLoss(), 0);
        double g1 = net.gradient(0, false, 5);
        net.nesterovStep(lr, mu);
        double v2 = mu * v1 - lr * g1;
        assertThat(net.parameter(0, false, 5)).isCloseTo(p1 + mu * v2 - lr * g1, within(1e-12));
    }

    @Test
    void trainingScoresWithoutDropoutEqualThePlainJavaNetwork() {
        RankNet init = RankNet.initialise(RankNet.layers(D, 3, 2), null, 3);
        RankNetSgd net = new RankNetSgd(init, table, 0.8, 0.25, DataType.FLOAT);
        double[] s = net.score(table, 2 * N);
        for (int r = 0; r < 2 * N; r++) {
            float[] row = java.util.Arrays.copyOfRange(table, r * D, (r + 1) * D);
            assertThat(s[r]).isCloseTo(init.score(row), within(1e-5));
        }
        assertThat(net.toRankNet(null)).isEqualTo(init);
    }
}
