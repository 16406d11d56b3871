package io.github.video2gif.core.train;

import io.github.video2gif.api.RankLoss;
import io.github.video2gif.core.rank.InputNormalisation;
import io.github.video2gif.core.rank.Nd4jRuntime;
import io.github.video2gif.core.rank.RankNet;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The training arithmetic of a RankNet MLP on ND4J matrices (the {@code cpu} {@link TrainingBackend}): forward
 * pass with inverted dropout, the pair loss, backpropagation written out with matrix products (gemm), the weight
 * penalty and the Nesterov momentum update. Not thread-safe; one instance per network being trained. A low-level
 * building block of {@link RankNetTrainer}, public for the training benchmark.
 *
 * <p>A mini-batch of {@code n} pairs is one matrix of {@code 2n} rows: the positives first, then the negatives
 * in the same order. With {@code a_0} the (dropped-out) input, {@code z_i = a_i W_i + b_i},
 * {@code a_{i+1} = relu(z_i) * mask_{i+1}} for hidden layers and the scores {@code s = z_last}:
 * <pre>
 * ds_k = dL/ds_k / n                 (mean over the batch's pairs)
 * dW_i = a_i^T delta_i + 2 lambda W_i
 * db_i = 1^T delta_i
 * delta_{i-1} = (delta_i W_i^T) * mask_i * [a_i &gt; 0]
 * </pre>
 * and Nesterov momentum as Lasagne writes it: {@code v = mu v - lr g; p = p + mu v - lr g}.
 */
public final class RankNetSgd implements RankNetStep {
    private final DataType type;
    private final float[] table;
    private final int[] layers;
    private final int depth;
    private final double[] dropout; // drop probability of each layer's input
    // all parameters in one row (the weight matrices first, then the biases) so that the penalty and the
    // momentum update are a few BLAS calls over the whole network; w, b, gw, gb are views into them
    private final long parameters;
    private final long weightCount;
    private final INDArray theta;
    private final INDArray velocity;
    private final INDArray grad;
    private final INDArray thetaWeights;
    private final INDArray gradWeights;
    private final INDArray[] w;
    private final INDArray[] b;
    private final INDArray[] gw;
    private final INDArray[] gb;
    private final Map<Integer, Buffers> buffers = new HashMap<>();

    /** Per batch size: the activations and masks of one forward/backward pass. */
    private final class Buffers {
        final int rows;
        final INDArray[] a;     // a[0] input (rows x d), a[i] input of layer i
        final INDArray[] mask;  // mask[i] for a[i], i >= 1 with dropout, else null
        final INDArray[] delta; // delta[i]: gradient w.r.t. z_i, rows x layers[i+1]
        final INDArray ones;
        final float[] input;
        final float[] maskValues;

        Buffers(int rows) {
            this.rows = rows;
            a = new INDArray[depth + 1];
            mask = new INDArray[depth];
            delta = new INDArray[depth];
            for (int i = 0; i <= depth; i++) {
                a[i] = Nd4j.create(type, rows, layers[i]);
            }
            int maxMask = 0;
            for (int i = 1; i < depth; i++) {
                if (dropout[i] > 0) {
                    mask[i] = Nd4j.create(type, rows, layers[i]);
                    maxMask = Math.max(maxMask, rows * layers[i]);
                }
            }
            for (int i = 0; i < depth; i++) {
                delta[i] = Nd4j.create(type, rows, layers[i + 1]);
            }
            ones = Nd4j.ones(type, 1, rows);
            input = new float[rows * layers[0]];
            maskValues = new float[maxMask];
        }
    }

    /**
     * @param init          the initial network (its normalisation is ignored: the trainer feeds normalised rows)
     * @param table         the normalised feature rows batches refer to, {@code init.dimension()} values each (not
     *                      copied: it must not change while training)
     * @param inputDropout  drop probability of the input
     * @param hiddenDropout drop probability after the first hidden layer
     * @param type          FLOAT for training, DOUBLE for gradient checks
     */
    public RankNetSgd(RankNet init, float[] table, double inputDropout, double hiddenDropout, DataType type) {
        Nd4jRuntime.require();
        this.type = type;
        this.layers = init.layers();
        if (table.length % layers[0] != 0) {
            throw new IllegalArgumentException("the table holds " + table.length + " values, not whole rows of "
                    + layers[0]);
        }
        this.table = table;
        this.depth = layers.length - 1;
        this.dropout = new double[depth];
        dropout[0] = inputDropout;
        if (depth > 1) {
            dropout[1] = hiddenDropout;
        }
        long pw = 0;
        long pb = 0;
        for (int i = 0; i < depth; i++) {
            pw += (long) layers[i] * layers[i + 1];
            pb += layers[i + 1];
        }
        weightCount = pw;
        parameters = pw + pb;
        theta = Nd4j.zeros(type, 1, parameters);
        velocity = Nd4j.zeros(type, 1, parameters);
        grad = Nd4j.zeros(type, 1, parameters);
        thetaWeights = range(theta, 0, pw);
        gradWeights = range(grad, 0, pw);
        w = new INDArray[depth];
        b = new INDArray[depth];
        gw = new INDArray[depth];
        gb = new INDArray[depth];
        long ow = 0;
        long ob = pw;
        for (int i = 0; i < depth; i++) {
            long nw = (long) layers[i] * layers[i + 1];
            w[i] = range(theta, ow, nw).reshape('c', layers[i], layers[i + 1]);
            gw[i] = range(grad, ow, nw).reshape('c', layers[i], layers[i + 1]);
            b[i] = range(theta, ob, layers[i + 1]).reshape('c', 1, layers[i + 1]);
            gb[i] = range(grad, ob, layers[i + 1]).reshape('c', 1, layers[i + 1]);
            put(w[i], init.weights(i));
            put(b[i], init.biases(i));
            ow += nw;
            ob += layers[i + 1];
        }
    }

    private static INDArray range(INDArray row, long from, long count) {
        return row.get(NDArrayIndex.point(0), NDArrayIndex.interval(from, from + count));
    }

    /** Writes values into a (possibly offset, contiguous) array. */
    private static void put(INDArray a, float[] values) {
        long off = a.offset();
        if (a.dataType() == DataType.FLOAT) {
            FloatBuffer fb = a.data().asNioFloat();
            fb.position((int) off);
            fb.put(values);
        } else {
            DoubleBuffer db = a.data().asNioDouble();
            for (int i = 0; i < values.length; i++) {
                db.put((int) off + i, values[i]);
            }
        }
    }

    private static void put(INDArray a, float[] values, int n) {
        if (a.dataType() == DataType.FLOAT) {
            FloatBuffer fb = a.data().asNioFloat();
            fb.put(values, 0, n);
        } else {
            DoubleBuffer db = a.data().asNioDouble();
            for (int i = 0; i < n; i++) {
                db.put(i, values[i]);
            }
        }
    }

    @Override
    public int[] layers() {
        return layers.clone();
    }

    /**
     * Computes the batch's mean pair loss and leaves its gradient (with the weight penalty) in the gradient
     * buffers. The dropout masks are drawn from {@code random} in order: the input's row by row, then the first
     * hidden layer's.
     */
    @Override
    public double lossAndGradient(int[] pos, int[] neg, float[] popularity, int n, RankLoss loss,
                                  double weightDecay, SplitMixStream random, double[] scoresOut) {
        int rows = 2 * n;
        int d = layers[0];
        Buffers buf = buffers.computeIfAbsent(rows, Buffers::new);
        // gather the batch, dropping input features (inverted dropout)
        float keep0 = (float) (1 - dropout[0]);
        float scale0 = 1f / keep0;
        float[] x = buf.input;
        for (int r = 0; r < rows; r++) {
            int src = (r < n ? pos[r] : neg[r - n]) * d;
            int dst = r * d;
            if (dropout[0] > 0) {
                for (int j = 0; j < d; j++) {
                    x[dst + j] = random.nextFloat() < keep0 ? table[src + j] * scale0 : 0f;
                }
            } else {
                System.arraycopy(table, src, x, dst, d);
            }
        }
        put(buf.a[0], x, rows * d);
        // forward
        for (int i = 0; i < depth; i++) {
            INDArray z = buf.a[i + 1];
            Nd4j.gemm(buf.a[i], w[i], z, false, false, 1.0, 0.0);
            z.addiRowVector(b[i]);
            if (i < depth - 1) {
                Transforms.relu(z, false);
                if (buf.mask[i + 1] != null) {
                    float keep = (float) (1 - dropout[i + 1]);
                    float scale = 1f / keep;
                    int count = rows * layers[i + 1];
                    float[] m = buf.maskValues;
                    for (int k = 0; k < count; k++) {
                        m[k] = random.nextFloat() < keep ? scale : 0f;
                    }
                    put(buf.mask[i + 1], m, count);
                    z.muli(buf.mask[i + 1]);
                }
            }
        }
        double[] s = buf.a[depth].toDoubleVector();
        // the loss and its gradient w.r.t. the scores
        double total = 0;
        double[] g = new double[2];
        float[] ds = new float[rows];
        for (int k = 0; k < n; k++) {
            double sp = s[k];
            double sn = s[n + k];
            if (!Double.isFinite(sp) || !Double.isFinite(sn) || Math.abs(sp) > 1e8 || Math.abs(sn) > 1e8) {
                throw new ArithmeticException("scores " + sp + " and " + sn);
            }
            total += loss.loss(sp, sn, popularity[k]);
            loss.gradient(sp, sn, popularity[k], g);
            ds[k] = (float) (g[0] / n);
            ds[n + k] = (float) (g[1] / n);
        }
        if (scoresOut != null) {
            System.arraycopy(s, 0, scoresOut, 0, rows);
        }
        if (type == DataType.DOUBLE) {
            // keep full precision for gradient checks
            DoubleBuffer db = buf.delta[depth - 1].data().asNioDouble();
            for (int k = 0; k < n; k++) {
                loss.gradient(s[k], s[n + k], popularity[k], g);
                db.put(k, g[0] / n);
                db.put(n + k, g[1] / n);
            }
        } else {
            put(buf.delta[depth - 1], ds, rows);
        }
        // backward
        for (int i = depth - 1; i >= 0; i--) {
            INDArray delta = buf.delta[i];
            Nd4j.gemm(buf.a[i], delta, gw[i], true, false, 1.0, 0.0);
            Nd4j.gemm(buf.ones, delta, gb[i], false, false, 1.0, 0.0);
            if (i > 0) {
                INDArray prev = buf.delta[i - 1];
                Nd4j.gemm(delta, w[i], prev, false, true, 1.0, 0.0);
                if (buf.mask[i] != null) {
                    prev.muli(buf.mask[i]);
                }
                prev.muli(Transforms.step(buf.a[i], true));
            }
        }
        if (weightDecay > 0) {
            Nd4j.getBlasWrapper().level1().axpy(weightCount, 2 * weightDecay, thetaWeights, gradWeights);
        }
        return total / n;
    }

    /** One Nesterov momentum step with the gradient of the last {@link #lossAndGradient} call. */
    @Override
    public void nesterovStep(double learningRate, double momentum) {
        var l1 = Nd4j.getBlasWrapper().level1();
        // v = mu v - lr g;  theta = theta + mu v - lr g
        velocity.muli(momentum);
        l1.axpy(parameters, -learningRate, grad, velocity);
        l1.axpy(parameters, momentum, velocity, theta);
        l1.axpy(parameters, -learningRate, grad, theta);
    }

    /** Scores normalised rows without dropout. */
    @Override
    public double[] score(float[] table, int rows) {
        int d = layers[0];
        double[] out = new double[rows];
        int batch = 1024;
        for (int start = 0; start < rows; start += batch) {
            int m = Math.min(batch, rows - start);
            INDArray a = Nd4j.create(type, m, d);
            float[] chunk = new float[m * d];
            System.arraycopy(table, start * d, chunk, 0, m * d);
            put(a, chunk, m * d);
            for (int i = 0; i < depth; i++) {
                a = a.mmul(w[i]).addiRowVector(b[i]);
                if (i < depth - 1) {
                    Transforms.relu(a, false);
                }
            }
            double[] s = a.toDoubleVector();
            System.arraycopy(s, 0, out, start, m);
        }
        return out;
    }

    /** Whether every parameter is finite. */
    @Override
    public boolean finite() {
        return isFinite(theta);
    }

    private static boolean isFinite(INDArray a) {
        double s = a.sumNumber().doubleValue();
        return Double.isFinite(s) && Double.isFinite(a.amaxNumber().doubleValue());
    }

    /** The current parameters as a plain-Java network with the given input normalisation. */
    @Override
    public RankNet toRankNet(InputNormalisation normalisation) {
        float[][] ws = new float[depth][];
        float[][] bs = new float[depth][];
        for (int i = 0; i < depth; i++) {
            ws[i] = w[i].dup().data().asFloat();
            bs[i] = b[i].dup().data().asFloat();
        }
        return new RankNet(layers, ws, bs, normalisation);
    }

    /** Copies the parameters (for keeping the best epoch). */
    @Override
    public float[][] snapshot() {
        float[][] s = new float[2 * depth][];
        for (int i = 0; i < depth; i++) {
            s[2 * i] = w[i].dup().data().asFloat();
            s[2 * i + 1] = b[i].dup().data().asFloat();
        }
        return s;
    }

    // --------------------------------------------------------------------------------- access for gradient checks

    /** Parameter {@code k} of layer {@code i}'s weights ({@code bias} false) or biases. */
    double parameter(int i, boolean bias, long k) {
        return (bias ? b[i] : w[i]).getDouble(k);
    }

    void setParameter(int i, boolean bias, long k, double v) {
        (bias ? b[i] : w[i]).putScalar(k, v);
    }

    double gradient(int i, boolean bias, long k) {
        return (bias ? gb[i] : gw[i]).getDouble(k);
    }

    /** {@code ||W||_F^2} over the weight matrices. */
    double squaredWeights() {
        return thetaWeights.mul(thetaWeights).sumNumber().doubleValue();
    }
}
