package io.github.video2gif.core.rank;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The parameters of one RankNet MLP, in plain Java arrays (no ND4J): an optional
 * {@link InputNormalisation}, then dense layers {@code layers[0] -> layers[1] -> ... -> 1}, ReLU after every
 * layer but the last, which is linear. The paper's network is {@code d -> 512 -> 128 -> 1}.
 *
 * <p>Layer {@code i}'s weights are a row-major {@code layers[i] x layers[i+1]} matrix (inputs by outputs, the
 * layout of the authors' Lasagne weights), its biases a vector of {@code layers[i+1]} values. Immutable.
 */
public final class RankNet {
    /** The paper's hidden layers. */
    public static final int[] PAPER_HIDDEN = {512, 128};

    private final int[] layers;
    private final float[][] weights;
    private final float[][] biases;
    private final InputNormalisation normalisation;

    /**
     * @param layers        sizes, input first, output ({@code 1}) last; at least two
     * @param weights       per layer, {@code layers[i] * layers[i+1]} finite values (copied)
     * @param biases        per layer, {@code layers[i+1]} finite values (copied)
     * @param normalisation of the input, or {@code null} for none
     */
    public RankNet(int[] layers, float[][] weights, float[][] biases, InputNormalisation normalisation) {
        this(checkLayers(layers).clone(), deepCopy(weights), deepCopy(biases), normalisation, true);
    }

    private RankNet(int[] layers, float[][] weights, float[][] biases, InputNormalisation normalisation,
                    boolean validate) {
        this.layers = layers;
        this.weights = weights;
        this.biases = biases;
        this.normalisation = normalisation;
        if (validate) {
            if (weights.length != layers.length - 1 || biases.length != layers.length - 1) {
                throw new IllegalArgumentException("need " + (layers.length - 1) + " weight matrices and bias vectors, had "
                        + weights.length + " and " + biases.length);
            }
            for (int i = 0; i < weights.length; i++) {
                if (weights[i].length != (long) layers[i] * layers[i + 1]) {
                    throw new IllegalArgumentException("layer " + i + " needs " + (long) layers[i] * layers[i + 1]
                            + " weights, had " + weights[i].length);
                }
                if (biases[i].length != layers[i + 1]) {
                    throw new IllegalArgumentException("layer " + i + " needs " + layers[i + 1] + " biases, had "
                            + biases[i].length);
                }
                checkFinite(weights[i], "layer " + i + " weights");
                checkFinite(biases[i], "layer " + i + " biases");
            }
            if (normalisation != null && normalisation.dimension() != layers[0]) {
                throw new IllegalArgumentException("normalisation has dimension " + normalisation.dimension()
                        + ", the network's input " + layers[0]);
            }
        }
    }

    /** The paper's architecture for input dimension {@code d}: {@code d, 512, 128, 1}. */
    public static int[] paperLayers(int d) {
        return layers(d, PAPER_HIDDEN);
    }

    /** {@code d}, the hidden sizes, then 1. */
    public static int[] layers(int d, int... hidden) {
        int[] l = new int[hidden.length + 2];
        l[0] = d;
        System.arraycopy(hidden, 0, l, 1, hidden.length);
        l[l.length - 1] = 1;
        return checkLayers(l);
    }

    /**
     * A freshly initialised network: weights drawn from Glorot (Xavier) uniform
     * {@code U(-sqrt(6 / (in + out)), +sqrt(6 / (in + out)))}, biases zero (Lasagne's defaults for dense layers),
     * from a generator seeded with {@code seed}: the same seed gives the same network.
     */
    public static RankNet initialise(int[] layers, InputNormalisation normalisation, long seed) {
        int[] l = checkLayers(layers).clone();
        SplittableRandom random = new SplittableRandom(seed);
        float[][] w = new float[l.length - 1][];
        float[][] b = new float[l.length - 1][];
        for (int i = 0; i < w.length; i++) {
            double limit = Math.sqrt(6.0 / (l[i] + l[i + 1]));
            w[i] = new float[l[i] * l[i + 1]];
            for (int k = 0; k < w[i].length; k++) {
                w[i][k] = (float) random.nextDouble(-limit, limit);
            }
            b[i] = new float[l[i + 1]];
        }
        return new RankNet(l, w, b, normalisation, true);
    }

    /** Wraps arrays this package owns, without copying. */
    static RankNet wrap(int[] layers, float[][] weights, float[][] biases, InputNormalisation normalisation) {
        return new RankNet(checkLayers(layers), weights, biases, normalisation, true);
    }

    static int[] checkLayers(int[] layers) {
        Objects.requireNonNull(layers, "layers");
        if (layers.length < 2) {
            throw new IllegalArgumentException("a network needs at least an input and an output size");
        }
        for (int s : layers) {
            if (s <= 0) {
                throw new IllegalArgumentException("layer sizes must be > 0: " + Arrays.toString(layers));
            }
        }
        if (layers[layers.length - 1] != 1) {
            throw new IllegalArgumentException("the output layer must have one unit: " + Arrays.toString(layers));
        }
        return layers;
    }

    /** The input dimension. */
    public int dimension() {
        return layers[0];
    }

    /** A copy of the layer sizes, input first. */
    public int[] layers() {
        return layers.clone();
    }

    /** Number of dense layers. */
    public int depth() {
        return weights.length;
    }

    /** A copy of layer {@code i}'s weights (row-major, inputs by outputs). */
    public float[] weights(int i) {
        return weights[i].clone();
    }

    /** A copy of layer {@code i}'s biases. */
    public float[] biases(int i) {
        return biases[i].clone();
    }

    float[] weightsView(int i) {
        return weights[i];
    }

    float[] biasesView(int i) {
        return biases[i];
    }

    public Optional<InputNormalisation> normalisation() {
        return Optional.ofNullable(normalisation);
    }

    /** Number of weights and biases (the paper's network for d = 4096 has 2,163,457). */
    public long parameterCount() {
        long n = 0;
        for (int i = 0; i < weights.length; i++) {
            n += (long) weights[i].length + biases[i].length;
        }
        return n;
    }

    /**
     * The score of one vector computed directly in Java, in double precision: a reference for tests and for
     * tiny inputs. Scorers use the batched ND4J path ({@link RankNetModel#scorer()}).
     */
    public double score(float[] x) {
        if (x.length != layers[0]) {
            throw new IllegalArgumentException("vector has " + x.length + " values, the network expects " + layers[0]);
        }
        double[] a = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            a[j] = normalisation == null ? x[j] : (x[j] - normalisation.meanView()[j]) / normalisation.scaleView()[j];
        }
        for (int i = 0; i < weights.length; i++) {
            int in = layers[i];
            int out = layers[i + 1];
            double[] z = new double[out];
            for (int o = 0; o < out; o++) {
                z[o] = biases[i][o];
            }
            float[] w = weights[i];
            for (int k = 0; k < in; k++) {
                double ak = a[k];
                if (ak == 0) {
                    continue;
                }
                int row = k * out;
                for (int o = 0; o < out; o++) {
                    z[o] += ak * w[row + o];
                }
            }
            if (i < weights.length - 1) {
                for (int o = 0; o < out; o++) {
                    z[o] = Math.max(0, z[o]);
                }
            }
            a = z;
        }
        return a[0];
    }

    private static float[][] deepCopy(float[][] a) {
        Objects.requireNonNull(a, "arrays");
        float[][] c = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = Objects.requireNonNull(a[i], "array").clone();
        }
        return c;
    }

    private static void checkFinite(float[] a, String what) {
        for (int k = 0; k < a.length; k++) {
            if (!Float.isFinite(a[k])) {
                throw new IllegalArgumentException(what + " hold a non-finite value at " + k + ": " + a[k]);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RankNet n && Arrays.equals(layers, n.layers) && Arrays.deepEquals(weights, n.weights)
                && Arrays.deepEquals(biases, n.biases) && Objects.equals(normalisation, n.normalisation);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(layers) * 31 + Arrays.deepHashCode(weights);
    }

    @Override
    public String toString() {
        return "RankNet" + Arrays.toString(layers) + (normalisation == null ? "" : " (standardised input)");
    }
}
