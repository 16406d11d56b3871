package io.github.video2gif.core.rank;

import io.github.video2gif.api.Scorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Scores feature vectors with a {@link RankNetModel} on ND4J: rows are scored in batches by matrix products,
 * and the scores of the model's networks are averaged. Thread-safe (the weights are only read).
 */
final class RankNetScorer implements Scorer {
    /** Rows per matrix product. */
    static final int BATCH = 1024;

    private final RankNetModel model;
    private final List<Net> nets = new ArrayList<>();

    RankNetScorer(RankNetModel model) {
        Nd4jRuntime.require();
        this.model = model;
        for (RankNet m : model.members()) {
            nets.add(new Net(m));
        }
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public Optional<String> featureExtractor() {
        return Optional.of(model.featureExtractor());
    }

    @Override
    public double[] score(float[][] features) {
        int d = model.dimension();
        for (int i = 0; i < features.length; i++) {
            float[] row = features[i];
            if (row == null || row.length != d) {
                throw new IllegalArgumentException("feature vector " + i + " has " + (row == null ? "no" : row.length)
                        + " values; the RankNet model takes " + d + " (\"" + model.featureExtractor() + "\" features)");
            }
            for (int j = 0; j < d; j++) {
                if (!Float.isFinite(row[j])) {
                    throw new IllegalArgumentException("feature vector " + i + " holds " + row[j] + " at " + j);
                }
            }
        }
        double[] out = new double[features.length];
        for (int start = 0; start < features.length; start += BATCH) {
            int n = Math.min(BATCH, features.length - start);
            float[] flat = new float[n * d];
            for (int r = 0; r < n; r++) {
                System.arraycopy(features[start + r], 0, flat, r * d, d);
            }
            INDArray x = Nd4j.create(flat, new long[] {n, d}, 'c');
            double[] sum = new double[n];
            for (Net net : nets) {
                float[] s = net.forward(x).toFloatVector();
                for (int r = 0; r < n; r++) {
                    sum[r] += s[r];
                }
            }
            for (int r = 0; r < n; r++) {
                double v = sum[r] / nets.size();
                if (!Double.isFinite(v)) {
                    throw new ArithmeticException("the RankNet model produced " + v + " for feature vector "
                            + (start + r) + "; its weights are too large for these features");
                }
                out[start + r] = v;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "ranknet " + model;
    }

    /** One network's parameters as ND4J arrays. */
    private static final class Net {
        private final INDArray mean;
        private final INDArray scale;
        private final INDArray[] w;
        private final INDArray[] b;

        Net(RankNet m) {
            int[] l = m.layers();
            if (m.normalisation().isPresent()) {
                mean = Nd4j.create(m.normalisation().get().meanView(), new long[] {1, l[0]}, 'c');
                scale = Nd4j.create(m.normalisation().get().scaleView(), new long[] {1, l[0]}, 'c');
            } else {
                mean = null;
                scale = null;
            }
            w = new INDArray[m.depth()];
            b = new INDArray[m.depth()];
            for (int i = 0; i < m.depth(); i++) {
                w[i] = Nd4j.create(m.weightsView(i), new long[] {l[i], l[i + 1]}, 'c');
                b[i] = Nd4j.create(m.biasesView(i), new long[] {1, l[i + 1]}, 'c');
            }
        }

        INDArray forward(INDArray x) {
            INDArray a = x;
            if (mean != null) {
                a = a.subRowVector(mean).diviRowVector(scale);
            }
            for (int i = 0; i < w.length; i++) {
                a = a.mmul(w[i]).addiRowVector(b[i]);
                if (i < w.length - 1) {
                    a = Transforms.relu(a, false);
                }
            }
            return a.castTo(DataType.FLOAT);
        }
    }
}
