package io.github.video2gif.core.train;

import io.github.video2gif.api.RankLoss;
import io.github.video2gif.core.rank.RankNet;

/**
 * A second implementation of the {@link RankNetStep} contract in plain Java and double precision, without ND4J,
 * that reads its dropout masks by position ({@link SplitMixStream#floatAt}) the way a GPU does rather than in
 * order: training with it and with ND4J must agree to float rounding, which checks the contract a GPU backend
 * follows on machines without a GPU.
 */
final class PlainJavaTrainingBackend implements TrainingBackend {
    int networks;
    int closed;

    @Override
    public String name() {
        return "plain-java";
    }

    @Override
    public String description() {
        return "plain Java in double precision (tests)";
    }

    @Override
    public RankNetStep network(RankNet init, float[] table, double inputDropout, double hiddenDropout) {
        networks++;
        return new Step(init, table, inputDropout, hiddenDropout);
    }

    private final class Step implements RankNetStep {
        private final int[] layers;
        private final int depth;
        private final float[] table;
        private final double[] dropout;
        private final double[][] w;
        private final double[][] b;
        private final double[][] gw;
        private final double[][] gb;
        private final double[][] vw;
        private final double[][] vb;

        Step(RankNet init, float[] table, double inputDropout, double hiddenDropout) {
            layers = init.layers();
            depth = layers.length - 1;
            this.table = table;
            dropout = new double[depth];
            dropout[0] = inputDropout;
            if (depth > 1) {
                dropout[1] = hiddenDropout;
            }
            w = new double[depth][];
            b = new double[depth][];
            gw = new double[depth][];
            gb = new double[depth][];
            vw = new double[depth][];
            vb = new double[depth][];
            for (int i = 0; i < depth; i++) {
                w[i] = toDouble(init.weights(i));
                b[i] = toDouble(init.biases(i));
                gw[i] = new double[w[i].length];
                gb[i] = new double[b[i].length];
                vw[i] = new double[w[i].length];
                vb[i] = new double[b[i].length];
            }
        }

        private static double[] toDouble(float[] f) {
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        }

        @Override
        public int[] layers() {
            return layers.clone();
        }

        @Override
        public double lossAndGradient(int[] pos, int[] neg, float[] popularity, int n, RankLoss loss,
                                      double weightDecay, SplitMixStream random, double[] scoresOut) {
            int rows = 2 * n;
            int d = layers[0];
            long start = random.position();
            long used = 0;
            double[][] a = new double[depth + 1][];
            double[][] mask = new double[depth][];
            a[0] = new double[rows * d];
            float keep0 = (float) (1 - dropout[0]);
            float scale0 = 1f / keep0;
            for (int r = 0; r < rows; r++) {
                int src = (r < n ? pos[r] : neg[r - n]) * d;
                for (int j = 0; j < d; j++) {
                    float v = table[src + j];
                    if (dropout[0] > 0) {
                        v = SplitMixStream.floatAt(random.seed(), start + (long) r * d + j) < keep0 ? v * scale0 : 0f;
                    }
                    a[0][r * d + j] = v;
                }
            }
            if (dropout[0] > 0) {
                used += (long) rows * d;
            }
            for (int i = 0; i < depth; i++) {
                int in = layers[i];
                int out = layers[i + 1];
                double[] z = new double[rows * out];
                for (int r = 0; r < rows; r++) {
                    for (int o = 0; o < out; o++) {
                        double s = b[i][o];
                        for (int k = 0; k < in; k++) {
                            s += a[i][r * in + k] * w[i][k * out + o];
                        }
                        z[r * out + o] = s;
                    }
                }
                if (i < depth - 1) {
                    for (int k = 0; k < z.length; k++) {
                        z[k] = Math.max(0, z[k]);
                    }
                    if (dropout[i + 1] > 0) {
                        float keep = (float) (1 - dropout[i + 1]);
                        float scale = 1f / keep;
                        mask[i + 1] = new double[z.length];
                        for (int k = 0; k < z.length; k++) {
                            mask[i + 1][k] = SplitMixStream.floatAt(random.seed(), start + used + k) < keep ? scale : 0;
                            z[k] *= mask[i + 1][k];
                        }
                        used += z.length;
                    }
                }
                a[i + 1] = z;
            }
            random.skip(used);
            double[] s = a[depth];
            double total = 0;
            double[] g = new double[2];
            double[] delta = new double[rows];
            for (int k = 0; k < n; k++) {
                if (!Double.isFinite(s[k]) || !Double.isFinite(s[n + k])) {
                    throw new ArithmeticException("scores " + s[k] + " and " + s[n + k]);
                }
                total += loss.loss(s[k], s[n + k], popularity[k]);
                loss.gradient(s[k], s[n + k], popularity[k], g);
                delta[k] = g[0] / n;
                delta[n + k] = g[1] / n;
            }
            if (scoresOut != null) {
                System.arraycopy(s, 0, scoresOut, 0, rows);
            }
            for (int i = depth - 1; i >= 0; i--) {
                int in = layers[i];
                int out = layers[i + 1];
                java.util.Arrays.fill(gw[i], 0);
                java.util.Arrays.fill(gb[i], 0);
                for (int r = 0; r < rows; r++) {
                    for (int o = 0; o < out; o++) {
                        double dv = delta[r * out + o];
                        gb[i][o] += dv;
                        for (int k = 0; k < in; k++) {
                            gw[i][k * out + o] += a[i][r * in + k] * dv;
                        }
                    }
                }
                for (int k = 0; k < gw[i].length; k++) {
                    gw[i][k] += 2 * weightDecay * w[i][k];
                }
                if (i > 0) {
                    double[] prev = new double[rows * in];
                    for (int r = 0; r < rows; r++) {
                        for (int k = 0; k < in; k++) {
                            double sum = 0;
                            for (int o = 0; o < out; o++) {
                                sum += delta[r * out + o] * w[i][k * out + o];
                            }
                            if (mask[i] != null) {
                                sum *= mask[i][r * in + k];
                            }
                            prev[r * in + k] = a[i][r * in + k] > 0 ? sum : 0;
                        }
                    }
                    delta = prev;
                }
            }
            return total / n;
        }

        @Override
        public void nesterovStep(double learningRate, double momentum) {
            for (int i = 0; i < depth; i++) {
                update(w[i], vw[i], gw[i], learningRate, momentum);
                update(b[i], vb[i], gb[i], learningRate, momentum);
            }
        }

        private void update(double[] p, double[] v, double[] g, double lr, double mu) {
            for (int k = 0; k < p.length; k++) {
                v[k] = mu * v[k] - lr * g[k];
                p[k] += mu * v[k] - lr * g[k];
            }
        }

        @Override
        public double[] score(float[] rows, int count) {
            RankNet net = toRankNet(null);
            int d = layers[0];
            double[] out = new double[count];
            for (int r = 0; r < count; r++) {
                out[r] = net.score(java.util.Arrays.copyOfRange(rows, r * d, (r + 1) * d));
            }
            return out;
        }

        @Override
        public boolean finite() {
            for (int i = 0; i < depth; i++) {
                for (double v : w[i]) {
                    if (!Double.isFinite(v)) {
                        return false;
                    }
                }
            }
            return true;
        }

        @Override
        public float[][] snapshot() {
            float[][] s = new float[2 * depth][];
            for (int i = 0; i < depth; i++) {
                s[2 * i] = toFloat(w[i]);
                s[2 * i + 1] = toFloat(b[i]);
            }
            return s;
        }

        private static float[] toFloat(double[] d) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }

        @Override
        public void close() {
            closed++;
        }
    }
}
