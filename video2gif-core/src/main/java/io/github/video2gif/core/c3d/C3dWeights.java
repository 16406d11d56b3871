package io.github.video2gif.core.c3d;

import io.github.video2gif.api.WeightFileException;
import io.github.video2gif.core.io.NdArray;
import io.github.video2gif.core.io.PickleReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The C3D weights up to fc6, checked for shape: eight 3x3x3 convolutions (conv1a, conv2a, conv3a, conv3b, conv4a,
 * conv4b, conv5a, conv5b) with weights {@code (out, in, 3, 3, 3)} and biases {@code (out)}, and the dense fc6 with
 * weights {@code (inputs, outputs)} and bias {@code (outputs)}. Channel counts are taken from the shapes, so a
 * small model of the same shape family works like the released one (64, 128, 256, 256, 512, 512, 512, 512; fc6
 * 8192 to 4096).
 *
 * <p>Plain Java arrays only: reading weights never loads ND4J.
 */
public final class C3dWeights {
    /** Number of convolution layers in C3D. */
    public static final int CONV_LAYERS = 8;
    /** Names of the convolution layers, in order. */
    public static final List<String> CONV_NAMES = List.of("conv1a", "conv2a", "conv3a", "conv3b", "conv4a", "conv4b",
            "conv5a", "conv5b");
    /** Spatial size of pool5's output for a 16 x 112 x 112 snippet: depth 1, height 4, width 4. */
    public static final int POOL5_VOLUME = 16;

    private final List<NdArray> convWeights;
    private final List<NdArray> convBiases;
    private final NdArray fc6Weights;
    private final NdArray fc6Bias;

    private C3dWeights(List<NdArray> convWeights, List<NdArray> convBiases, NdArray fc6Weights, NdArray fc6Bias) {
        this.convWeights = List.copyOf(convWeights);
        this.convBiases = List.copyOf(convBiases);
        this.fc6Weights = fc6Weights;
        this.fc6Bias = fc6Bias;
    }

    /**
     * Reads {@code c3d_model.pkl} as the authors released it: a pickled list of numpy float32 arrays
     * [conv1a.W, conv1a.b, ..., conv5b.W, conv5b.b, fc6.W, fc6.b, fc7.W, fc7.b, fc8.W, fc8.b]; fc7 and fc8 are
     * dropped (Video2GIF stops at fc6). A list of only the first 18 arrays is accepted too.
     */
    public static C3dWeights readPickle(Path file) throws WeightFileException {
        Objects.requireNonNull(file, "file");
        Object o = PickleReader.read(file);
        if (!(o instanceof List<?> list)) {
            throw new WeightFileException(file, "C3D weights \"" + file + "\" hold a " + describe(o)
                    + "; expected a list of numpy arrays as in the authors' c3d_model.pkl");
        }
        List<NdArray> arrays = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof NdArray a)) {
                throw new WeightFileException(file, "C3D weights \"" + file + "\": item " + i + " is a "
                        + describe(list.get(i)) + ", expected a numpy array");
            }
            arrays.add(a);
        }
        if (arrays.size() != 22 && arrays.size() != 18) {
            throw new WeightFileException(file, "C3D weights \"" + file + "\" hold " + arrays.size()
                    + " arrays; expected 22 (conv1a..conv5b, fc6, fc7, fc8: weights and biases) as in c3d_model.pkl");
        }
        return of(arrays.subList(0, 18), file);
    }

    /**
     * Checks and wraps the first 18 arrays of a C3D model (8 convolutions and fc6, weights and biases).
     *
     * @param source the file they come from, for messages (may be null)
     */
    public static C3dWeights of(List<NdArray> arrays, Path source) throws WeightFileException {
        if (arrays.size() != 18) {
            throw new WeightFileException(source, "C3D needs 18 arrays (8 convolutions and fc6), got "
                    + arrays.size());
        }
        String where = source == null ? "C3D weights" : "C3D weights \"" + source + "\"";
        List<NdArray> w = new ArrayList<>();
        List<NdArray> b = new ArrayList<>();
        int in = 3;
        for (int i = 0; i < CONV_LAYERS; i++) {
            NdArray wi = arrays.get(2 * i);
            NdArray bi = arrays.get(2 * i + 1);
            String name = CONV_NAMES.get(i);
            if (wi.rank() != 5 || wi.dim(1) != in || wi.dim(2) != 3 || wi.dim(3) != 3 || wi.dim(4) != 3
                    || wi.dim(0) < 1) {
                throw new WeightFileException(source, where + ": " + name + ".W has shape " + wi.shapeString()
                        + ", expected (out, " + in + ", 3, 3, 3)");
            }
            int out = wi.dim(0);
            if (!bi.hasShape(out)) {
                throw new WeightFileException(source, where + ": " + name + ".b has shape " + bi.shapeString()
                        + ", expected (" + out + ",)");
            }
            w.add(wi);
            b.add(bi);
            in = out;
        }
        NdArray fw = arrays.get(16);
        NdArray fb = arrays.get(17);
        int flat = in * POOL5_VOLUME;
        if (fw.rank() != 2 || fw.dim(0) != flat || fw.dim(1) < 1) {
            throw new WeightFileException(source, where + ": fc6.W has shape " + fw.shapeString() + ", expected ("
                    + flat + ", outputs): pool5 gives " + in + " channels x 1 x 4 x 4 = " + flat + " inputs");
        }
        if (!fb.hasShape(fw.dim(1))) {
            throw new WeightFileException(source, where + ": fc6.b has shape " + fb.shapeString() + ", expected ("
                    + fw.dim(1) + ",)");
        }
        return new C3dWeights(w, b, fw, fb);
    }

    private static String describe(Object o) {
        return o == null ? "None" : o instanceof Object[] ? "tuple" : o.getClass().getSimpleName();
    }

    /** Weights of convolution {@code i} (0 = conv1a), shape (out, in, 3, 3, 3). */
    public NdArray convWeights(int i) {
        return convWeights.get(i);
    }

    /** Bias of convolution {@code i}. */
    public NdArray convBias(int i) {
        return convBiases.get(i);
    }

    /** Output channels of convolution {@code i}. */
    public int channels(int i) {
        return convWeights.get(i).dim(0);
    }

    /** fc6 weights, shape (inputs, outputs), inputs in C order over (channel, depth, height, width). */
    public NdArray fc6Weights() {
        return fc6Weights;
    }

    public NdArray fc6Bias() {
        return fc6Bias;
    }

    /** The feature dimension (fc6 outputs; 4096 for the released model). */
    public int featureDimension() {
        return fc6Weights.dim(1);
    }

    /** Number of parameters. */
    public long parameterCount() {
        long n = fc6Weights.size() + fc6Bias.size();
        for (int i = 0; i < CONV_LAYERS; i++) {
            n += convWeights.get(i).size() + convBiases.get(i).size();
        }
        return n;
    }

    /** Multiply-adds per snippet (16 x 112 x 112 input): about 38.5 G for the released model. */
    public double multiplyAddsPerSnippet() {
        int[][] volumes = {{16, 112, 112}, {16, 56, 56}, {8, 28, 28}, {8, 28, 28}, {4, 14, 14}, {4, 14, 14},
            {2, 7, 7}, {2, 7, 7}};
        double macs = 0;
        for (int i = 0; i < CONV_LAYERS; i++) {
            NdArray w = convWeights.get(i);
            macs += (double) w.size() * volumes[i][0] * volumes[i][1] * volumes[i][2];
        }
        return macs + fc6Weights.size();
    }

    @Override
    public String toString() {
        int[] ch = new int[CONV_LAYERS];
        for (int i = 0; i < CONV_LAYERS; i++) {
            ch[i] = channels(i);
        }
        return "C3dWeights[channels=" + Arrays.toString(ch) + ", fc6=" + fc6Weights.shapeString() + "]";
    }
}
