package io.github.video2gif.cuda;

import io.github.video2gif.api.RankLoss;
import io.github.video2gif.core.rank.RankNet;
import io.github.video2gif.core.train.RankNetStep;
import io.github.video2gif.core.train.SplitMixStream;

import java.util.Locale;
import java.util.Objects;

/**
 * RankNet training on an NVIDIA GPU: the same arithmetic as the CPU's {@code RankNetSgd}, in fp32, with cuBLAS
 * for the matrix products (default math, so no TF32) and the small kernels of {@link TrainingKernels} for the
 * rest. Given the same seed it trains the same network as the CPU up to float rounding: the trainer draws the
 * pairs and their order on the host, and the GPU computes the dropout masks from the trainer's dropout stream
 * by position ({@link SplitMixStream#floatAt}), so both drop the same units; the loss and its gradient with
 * respect to the {@code 2n} scores are computed on the host with the same {@link RankLoss} code, in double.
 *
 * <p>The matrices are the CPU's, row-major: layer {@code i}'s weights {@code W_i} are {@code (in x out)}, a
 * batch's activations {@code (2n x width)}. cuBLAS is column-major, so each row-major product runs as the
 * product of the transposes: {@code Z = A W} as {@code Z^T = W^T A^T}, {@code dW = A^T D} as
 * {@code dW^T = D^T A}, {@code P = D W^T} as {@code P^T = W D^T}; the bias gradient is {@code D^T 1}.
 * All parameters lie in one array (the weight matrices, then the biases), so the weight penalty is one axpy and
 * the Nesterov update one kernel over all of them.
 *
 * <p>The feature table is copied to the GPU once when it fits ({@link TableMode#AUTO}: up to half the free
 * memory) and each batch is gathered there from the pairs' row indices; otherwise each batch's rows are gathered
 * on the host and copied. One wait per batch: for the scores, whose loss the host computes. Not thread-safe;
 * {@link #close()} frees the GPU memory.
 */
public final class GpuRankNetSgd implements RankNetStep {
    /** Where the feature table is kept. */
    public enum TableMode {
        /** On the GPU when it takes at most half the free memory, else on the host. */
        AUTO,
        /** Copied to the GPU once; batches gathered there. */
        DEVICE,
        /** On the host; each batch's rows gathered there and copied. */
        HOST;

        /** {@code auto}, {@code device} or {@code host}. */
        public static TableMode parse(String s) {
            for (TableMode m : values()) {
                if (m.name().toLowerCase(Locale.ROOT).equals(s)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("cuda.train-table must be auto, device or host, was \"" + s + "\"");
        }
    }

    /** Rows of the buffers at first; a batch or a scoring chunk is at most this many rows unless it grows. */
    static final int INITIAL_ROWS = 1024;

    private final TrainingDevice device;
    private final int[] layers;
    private final int depth;
    private final double[] dropout;
    private final float[] hostTable;
    private final int tableRows;
    private final boolean resident;
    private final TrainingDevice.Array table;
    private final long weightCount;
    private final long parameters;
    private final long[] weightOffset;
    private final long[] biasOffset;
    private final TrainingDevice.Array theta;
    private final TrainingDevice.Array velocity;
    private final TrainingDevice.Array grad;
    private int capacity;
    private TrainingDevice.Array[] act;   // act[i]: input of layer i (act[0] the batch), rows x layers[i]
    private TrainingDevice.Array[] delta; // delta[i]: gradient w.r.t. layer i's output before ReLU, rows x layers[i+1]
    private TrainingDevice.Array[] mask;  // mask[i] for act[i], i >= 1 with dropout, else null
    private TrainingDevice.Array ones;
    private TrainingDevice.Array rowIndex;
    private int[] indices = new int[0];
    private float[] scores = new float[0];
    private float[] scoreGradient = new float[0];
    private float[] gathered = new float[0];
    private boolean closed;

    /**
     * A network to train on a GPU.
     *
     * @param init          the initial network (its normalisation is ignored: the table is normalised)
     * @param table         the normalised feature rows batches refer to, {@code init.dimension()} values each
     *                      (read, never changed; kept by reference when it stays on the host)
     * @param inputDropout  drop probability of the input, in [0, 1)
     * @param hiddenDropout drop probability after the first hidden layer, in [0, 1)
     * @param deviceIndex   the CUDA device
     * @param mode          where the table is kept
     * @throws io.github.video2gif.api.spi.ProviderUnavailableException when no usable GPU has this index
     * @throws CudaException when a CUDA call fails (for one, out of memory)
     */
    public GpuRankNetSgd(RankNet init, float[] table, double inputDropout, double hiddenDropout, int deviceIndex,
                         TableMode mode) {
        this(init, table, inputDropout, hiddenDropout, check(init, table, inputDropout, hiddenDropout, mode)
                ? new CudaTrainingDevice(deviceIndex) : null, mode);
    }

    private static boolean check(RankNet init, float[] table, double inputDropout, double hiddenDropout,
                                 TableMode mode) {
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(mode, "mode");
        if (table.length % init.dimension() != 0) {
            throw new IllegalArgumentException("the table holds " + table.length + " values, not whole rows of "
                    + init.dimension());
        }
        for (double p : new double[] {inputDropout, hiddenDropout}) {
            if (!(p >= 0 && p < 1)) {
                throw new IllegalArgumentException("dropout probabilities must be in [0, 1), got " + p);
            }
        }
        return true;
    }

    /** On a given device (which this instance then owns and closes). */
    GpuRankNetSgd(RankNet init, float[] table, double inputDropout, double hiddenDropout, TrainingDevice device,
                  TableMode mode) {
        check(init, table, inputDropout, hiddenDropout, mode);
        this.device = Objects.requireNonNull(device, "device");
        boolean ok = false;
        try {
            device.makeCurrent();
            layers = init.layers();
            depth = layers.length - 1;
            dropout = new double[depth];
            dropout[0] = inputDropout;
            if (depth > 1) {
                dropout[1] = hiddenDropout;
            }
            int d = layers[0];
            hostTable = table;
            tableRows = table.length / d;
            weightOffset = new long[depth];
            biasOffset = new long[depth];
            long pw = 0;
            long pb = 0;
            for (int i = 0; i < depth; i++) {
                weightOffset[i] = pw;
                pw += (long) layers[i] * layers[i + 1];
                pb += layers[i + 1];
            }
            weightCount = pw;
            parameters = pw + pb;
            long ob = pw;
            for (int i = 0; i < depth; i++) {
                biasOffset[i] = ob;
                ob += layers[i + 1];
            }
            theta = device.floats(parameters, "RankNet parameters");
            velocity = device.floats(parameters, "RankNet momentum");
            grad = device.floats(parameters, "RankNet gradient");
            for (int i = 0; i < depth; i++) {
                float[] w = init.weights(i);
                float[] b = init.biases(i);
                device.upload(w, 0, theta, weightOffset[i], w.length);
                device.upload(b, 0, theta, biasOffset[i], b.length);
            }
            long tableBytes = 4L * table.length;
            resident = tableRows > 0 && (mode == TableMode.DEVICE
                    || (mode == TableMode.AUTO && tableBytes <= device.freeBytes() / 2));
            if (resident) {
                this.table = device.floats(table.length, "training features (" + tableRows + " x " + d + ")");
                device.upload(table, 0, this.table, 0, table.length);
            } else {
                this.table = null;
            }
            allocate(INITIAL_ROWS);
            ok = true;
        } finally {
            if (!ok) {
                device.close();
            }
        }
    }

    /** (Re)allocates the per-batch buffers for {@code rows} rows. */
    private void allocate(int rows) {
        if (act != null) {
            for (TrainingDevice.Array a : act) {
                device.free(a);
            }
            for (TrainingDevice.Array a : delta) {
                device.free(a);
            }
            for (TrainingDevice.Array a : mask) {
                if (a != null) {
                    device.free(a);
                }
            }
            device.free(ones);
            device.free(rowIndex);
        }
        act = new TrainingDevice.Array[depth + 1];
        delta = new TrainingDevice.Array[depth];
        mask = new TrainingDevice.Array[depth];
        for (int i = 0; i <= depth; i++) {
            act[i] = device.floats((long) rows * layers[i], "activations " + i + " (" + rows + " rows)");
        }
        for (int i = 0; i < depth; i++) {
            delta[i] = device.floats((long) rows * layers[i + 1], "gradient of layer " + i);
        }
        for (int i = 1; i < depth; i++) {
            if (dropout[i] > 0) {
                mask[i] = device.floats((long) rows * layers[i], "dropout mask " + i);
            }
        }
        ones = device.floats(rows, "ones");
        float[] one = new float[rows];
        java.util.Arrays.fill(one, 1f);
        device.upload(one, 0, ones, 0, rows);
        rowIndex = device.ints(rows, "batch rows");
        indices = new int[rows];
        scores = new float[rows];
        scoreGradient = new float[rows];
        capacity = rows;
    }

    private void ensureRows(int rows) {
        if (rows > capacity) {
            allocate(Math.max(rows, Math.min(2 * capacity, 1 << 20)));
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the GPU network is closed");
        }
        device.makeCurrent();
    }

    /**
     * Values {@code position .. position + n - 1} of the dropout stream of {@code seed}, computed on the GPU by the
     * kernels' code: for checking that the GPU draws Java's numbers ({@link SplitMixStream#floatAt}).
     */
    public static float[] dropoutValues(int deviceIndex, int n, long seed, long position) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, was " + n);
        }
        try (CudaTrainingDevice device = new CudaTrainingDevice(deviceIndex)) {
            return device.splitMixFloats(n, seed, position);
        }
    }

    @Override
    public int[] layers() {
        return layers.clone();
    }

    /** Whether the feature table was copied to the GPU. */
    public boolean tableOnDevice() {
        return resident;
    }

    /** The device, for logs. */
    public String deviceDescription() {
        return device.description();
    }

    @Override
    public double lossAndGradient(int[] pos, int[] neg, float[] popularity, int n, RankLoss loss, double weightDecay,
                                  SplitMixStream random, double[] scoresOut) {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(random, "random");
        if (n < 1 || n > pos.length || n > neg.length || n > popularity.length) {
            throw new IllegalArgumentException("a batch of " + n + " pairs needs that many positives, negatives and"
                    + " popularities, got " + pos.length + ", " + neg.length + " and " + popularity.length);
        }
        if (scoresOut != null && scoresOut.length < 2 * n) {
            throw new IllegalArgumentException("scoresOut holds " + scoresOut.length + " values, the batch has "
                    + 2 * n + " scores");
        }
        for (int k = 0; k < n; k++) {
            if (pos[k] < 0 || pos[k] >= tableRows || neg[k] < 0 || neg[k] >= tableRows) {
                throw new IllegalArgumentException("pair " + k + " refers to rows " + pos[k] + " and " + neg[k]
                        + " of a table of " + tableRows);
            }
        }
        checkOpen();
        int rows = 2 * n;
        int d = layers[0];
        for (int width : layers) {
            if ((long) rows * width > Integer.MAX_VALUE / 2) {
                throw new IllegalArgumentException("a batch of " + n + " pairs is too large for layers of " + width);
            }
        }
        ensureRows(rows);
        long seed = random.seed();
        long position = random.position();
        long used = 0;
        // the batch: positives, then negatives, with inverted input dropout
        boolean drop0 = dropout[0] > 0;
        float keep0 = (float) (1 - dropout[0]);
        float scale0 = 1f / keep0;
        if (resident) {
            System.arraycopy(pos, 0, indices, 0, n);
            System.arraycopy(neg, 0, indices, n, n);
            device.upload(indices, rows, rowIndex);
            device.gatherDropout(table, rowIndex, act[0], rows, d, drop0, keep0, scale0, seed, position);
        } else {
            if (gathered.length < rows * d) {
                gathered = new float[capacity * d];
            }
            for (int r = 0; r < rows; r++) {
                System.arraycopy(hostTable, (r < n ? pos[r] : neg[r - n]) * d, gathered, r * d, d);
            }
            device.upload(gathered, 0, act[0], 0, rows * d);
            if (drop0) {
                device.gatherDropout(act[0], null, act[0], rows, d, true, keep0, scale0, seed, position);
            }
        }
        if (drop0) {
            used += (long) rows * d;
        }
        // forward
        for (int i = 0; i < depth; i++) {
            int in = layers[i];
            int out = layers[i + 1];
            device.gemm("layer " + i + " forward", false, false, out, rows, in, theta, weightOffset[i], out, act[i], 0,
                    in, act[i + 1], 0, out);
            boolean hidden = i < depth - 1;
            boolean drop = hidden && mask[i + 1] != null;
            float keep = (float) (1 - (drop ? dropout[i + 1] : 0));
            device.biasReluDropout(act[i + 1], theta, biasOffset[i], drop ? mask[i + 1] : null, rows, out, hidden,
                    drop, keep, 1f / keep, seed, position + used);
            if (drop) {
                used += (long) rows * out;
            }
        }
        device.download(act[depth], 0, scores, 0, rows);
        random.skip(used);
        // the loss and its gradient w.r.t. the scores, on the host with the CPU's code
        double total = 0;
        double[] g = new double[2];
        for (int k = 0; k < n; k++) {
            double sp = scores[k];
            double sn = scores[n + k];
            if (!Double.isFinite(sp) || !Double.isFinite(sn) || Math.abs(sp) > 1e8 || Math.abs(sn) > 1e8) {
                throw new ArithmeticException("scores " + sp + " and " + sn);
            }
            total += loss.loss(sp, sn, popularity[k]);
            loss.gradient(sp, sn, popularity[k], g);
            scoreGradient[k] = (float) (g[0] / n);
            scoreGradient[n + k] = (float) (g[1] / n);
        }
        if (scoresOut != null) {
            for (int r = 0; r < rows; r++) {
                scoresOut[r] = scores[r];
            }
        }
        device.upload(scoreGradient, 0, delta[depth - 1], 0, rows);
        // backward
        for (int i = depth - 1; i >= 0; i--) {
            int in = layers[i];
            int out = layers[i + 1];
            device.gemm("layer " + i + " weight gradient", false, true, out, in, rows, delta[i], 0, out, act[i], 0, in,
                    grad, weightOffset[i], out);
            device.gemv("layer " + i + " bias gradient", out, rows, delta[i], 0, out, ones, grad, biasOffset[i]);
            if (i > 0) {
                device.gemm("layer " + i + " input gradient", true, false, in, rows, out, theta, weightOffset[i], out,
                        delta[i], 0, out, delta[i - 1], 0, in);
                device.reluDropoutBackward(delta[i - 1], mask[i], act[i], (long) rows * in);
            }
        }
        if (weightDecay > 0) {
            device.axpy(weightCount, (float) (2 * weightDecay), theta, 0, grad, 0);
        }
        return total / n;
    }

    @Override
    public void nesterovStep(double learningRate, double momentum) {
        checkOpen();
        device.nesterov(theta, velocity, grad, parameters, (float) momentum, (float) learningRate);
    }

    @Override
    public double[] score(float[] rows, int count) {
        Objects.requireNonNull(rows, "rows");
        int d = layers[0];
        if (count < 0 || (long) count * d > rows.length) {
            throw new IllegalArgumentException(count + " rows of " + d + " values need " + (long) count * d
                    + " values, the table has " + rows.length);
        }
        checkOpen();
        double[] out = new double[count];
        for (int start = 0; start < count; start += capacity) {
            int m = Math.min(capacity, count - start);
            device.upload(rows, start * d, act[0], 0, m * d);
            for (int i = 0; i < depth; i++) {
                int in = layers[i];
                int width = layers[i + 1];
                device.gemm("layer " + i + " scoring", false, false, width, m, in, theta, weightOffset[i], width,
                        act[i], 0, in, act[i + 1], 0, width);
                device.biasReluDropout(act[i + 1], theta, biasOffset[i], null, m, width, i < depth - 1, false, 1f, 1f,
                        0, 0);
            }
            device.download(act[depth], 0, scores, 0, m);
            for (int r = 0; r < m; r++) {
                out[start + r] = scores[r];
            }
        }
        return out;
    }

    private float[] parameters() {
        if (parameters > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a network of " + parameters + " parameters does not fit a Java array");
        }
        float[] p = new float[(int) parameters];
        device.download(theta, 0, p, 0, p.length);
        return p;
    }

    @Override
    public boolean finite() {
        checkOpen();
        for (float v : parameters()) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public float[][] snapshot() {
        checkOpen();
        float[] p = parameters();
        float[][] s = new float[2 * depth][];
        for (int i = 0; i < depth; i++) {
            s[2 * i] = java.util.Arrays.copyOfRange(p, (int) weightOffset[i],
                    (int) (weightOffset[i] + (long) layers[i] * layers[i + 1]));
            s[2 * i + 1] = java.util.Arrays.copyOfRange(p, (int) biasOffset[i], (int) biasOffset[i] + layers[i + 1]);
        }
        return s;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            device.close();
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int w : layers) {
            b.append(b.length() == 0 ? "" : "-").append(w);
        }
        return "GpuRankNetSgd[" + b + ", table " + (resident ? "on the GPU" : "on the host") + ", "
                + device.description() + "]";
    }
}
