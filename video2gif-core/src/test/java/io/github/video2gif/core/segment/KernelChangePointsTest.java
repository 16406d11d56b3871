package io.github.video2gif.core.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KernelChangePointsTest {
    /** Observations: segment k has the mean levels[k] (a d-dimensional vector), plus Gaussian noise. */
    static float[][] piecewise(int[] lengths, double[][] levels, double noise, long seed) {
        Random r = new Random(seed);
        int n = 0;
        for (int l : lengths) {
            n += l;
        }
        float[][] x = new float[n][];
        int t = 0;
        for (int k = 0; k < lengths.length; k++) {
            for (int i = 0; i < lengths[k]; i++, t++) {
                x[t] = new float[levels[k].length];
                for (int j = 0; j < levels[k].length; j++) {
                    x[t][j] = (float) (levels[k][j] + noise * r.nextGaussian());
                }
            }
        }
        return x;
    }

    /** The Gaussian kernel matrix of the observations. */
    static float[] gram(float[][] x, double bandwidth) {
        int n = x.length;
        float[] k = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k[i * n + j] = (float) Math.exp(-FrameSignature.squaredDistance(x[i], x[j]) / bandwidth);
            }
        }
        return k;
    }

    static int[] boundaries(int[] lengths) {
        int[] b = new int[lengths.length - 1];
        int t = 0;
        for (int k = 0; k + 1 < lengths.length; k++) {
            t += lengths[k];
            b[k] = t;
        }
        return b;
    }

    static double[][] randomLevels(int segments, int dim, Random r) {
        double[][] levels = new double[segments][dim];
        for (int k = 0; k < segments; k++) {
            for (int j = 0; j < dim; j++) {
                levels[k][j] = r.nextDouble();
            }
            if (k > 0) {
                // consecutive segments differ clearly
                levels[k][k % dim] = levels[k - 1][k % dim] + 0.8;
            }
        }
        return levels;
    }

    @Test
    void recoversEveryChangePointExactlyWithoutNoise() {
        Random r = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            int segments = 1 + r.nextInt(8);
            int[] lengths = new int[segments];
            int n = 0;
            for (int k = 0; k < segments; k++) {
                lengths[k] = 3 + r.nextInt(40);
                n += lengths[k];
            }
            float[][] x = piecewise(lengths, randomLevels(segments, 4, r), 0, trial);
            KernelChangePoints kts = new KernelChangePoints(n, Math.min(n - 1, 16), 0.5, 0);
            assertThat(kts.detect(gram(x, 0.5), n, n)).as("lengths %s", java.util.Arrays.toString(lengths))
                    .containsExactly(boundaries(lengths));
        }
    }

    @Test
    void aConstantSignalHasNoChangePoint() {
        float[][] x = piecewise(new int[] {200}, new double[][] {{0.3, 0.1, 0.9}}, 0, 1);
        KernelChangePoints kts = new KernelChangePoints(256, 32, 0.5, 0);
        assertThat(kts.detect(gram(x, 0.5), 200, 200)).isEmpty();
        assertThat(kts.detect(new float[0], 0, 0)).isEmpty();
        assertThat(kts.detect(new float[] {1f}, 1, 1)).isEmpty();
    }

    @Test
    void findsTheChangePointsWithinAFrameUnderNoise() {
        Random r = new Random(11);
        int exact = 0;
        int total = 0;
        for (int trial = 0; trial < 30; trial++) {
            int[] lengths = {20 + r.nextInt(30), 10 + r.nextInt(30), 25 + r.nextInt(40), 8 + r.nextInt(20),
                    30 + r.nextInt(30)};
            int n = 0;
            for (int l : lengths) {
                n += l;
            }
            // noise of standard deviation 0.15 per coordinate against jumps of 0.8
            float[][] x = piecewise(lengths, randomLevels(lengths.length, 4, r), 0.15, 100 + trial);
            KernelChangePoints kts = new KernelChangePoints(256, 32, 0.5, 8);
            int[] found = kts.detect(gram(x, 1.0), n, n);
            int[] truth = boundaries(lengths);
            assertThat(found).as("trial %d", trial).hasSameSizeAs(truth);
            for (int k = 0; k < truth.length; k++) {
                assertThat(found[k]).isCloseTo(truth[k], within(1));
                exact += found[k] == truth[k] ? 1 : 0;
                total++;
            }
        }
        assertThat((double) exact / total).isGreaterThan(0.9);
    }

    @Test
    void aLargerPenaltyNeverGivesMoreChangePoints() {
        Random r = new Random(3);
        float[][] x = piecewise(new int[] {30, 4, 30, 12, 40, 6, 30}, randomLevels(7, 3, r), 0.2, 5);
        float[] k = gram(x, 1.0);
        int n = x.length;
        int previous = Integer.MAX_VALUE;
        for (double beta : new double[] {0.05, 0.2, 0.5, 1, 2, 5, 20, 100}) {
            int m = new KernelChangePoints(n, 40, beta, 0).detect(k, n, n).length;
            assertThat(m).as("beta %s", beta).isLessThanOrEqualTo(previous);
            previous = m;
        }
        assertThat(previous).isZero();
    }

    @Test
    void theDynamicProgramFindsTheOptimalPenalisedSegmentation() {
        Random r = new Random(19);
        for (int trial = 0; trial < 10; trial++) {
            int n = 11;
            float[][] x = new float[n][2];
            for (float[] v : x) {
                v[0] = (float) r.nextGaussian();
                v[1] = (float) r.nextGaussian();
            }
            float[] k = gram(x, 2.0);
            KernelChangePoints kts = new KernelChangePoints(n, n - 1, 0.3, 0);
            int[] found = kts.detect(k, n, n);
            double best = Double.POSITIVE_INFINITY;
            int[] bestSet = null;
            for (int mask = 0; mask < (1 << (n - 1)); mask++) {
                List<Integer> cps = new ArrayList<>();
                for (int t = 1; t < n; t++) {
                    if ((mask & (1 << (t - 1))) != 0) {
                        cps.add(t);
                    }
                }
                double cost = kts.penalty(cps.size(), n);
                int start = 0;
                for (int s = 0; s <= cps.size(); s++) {
                    int end = s < cps.size() ? cps.get(s) : n;
                    cost += scatter(k, n, start, end);
                    start = end;
                }
                if (cost < best) {
                    best = cost;
                    bestSet = cps.stream().mapToInt(Integer::intValue).toArray();
                }
            }
            assertThat(kts.lastPenalisedCost()).isCloseTo(best, within(1e-4));
            assertThat(found).containsExactly(bestSet);
        }
    }

    private static double scatter(float[] k, int n, int a, int b) {
        double diag = 0;
        double all = 0;
        for (int i = a; i < b; i++) {
            diag += k[i * n + i];
            for (int j = a; j < b; j++) {
                all += k[i * n + j];
            }
        }
        return diag - all / (b - a);
    }

    @Test
    void readsAGramMatrixWithAWiderStride() {
        float[][] x = piecewise(new int[] {10, 15, 12}, new double[][] {{0}, {1}, {0.2}}, 0, 1);
        float[] tight = gram(x, 0.5);
        int n = x.length;
        int stride = n + 9;
        float[] wide = new float[n * stride];
        for (int i = 0; i < n; i++) {
            System.arraycopy(tight, i * n, wide, i * stride, n);
        }
        assertThat(new KernelChangePoints(64, 8, 0.5, 0).detect(wide, stride, n)).containsExactly(10, 25);
    }

    @Test
    void rejectsImpossibleSettings() {
        assertThatThrownBy(() -> new KernelChangePoints(1, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KernelChangePoints(10, 10, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KernelChangePoints(10, 2, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KernelChangePoints(10, 2, 1, -1)).isInstanceOf(IllegalArgumentException.class);
        KernelChangePoints kts = new KernelChangePoints(10, 2, 1, 0);
        assertThatThrownBy(() -> kts.detect(new float[121], 11, 11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kts.detect(new float[20], 5, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
