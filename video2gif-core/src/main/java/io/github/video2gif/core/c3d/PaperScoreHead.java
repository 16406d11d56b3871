package io.github.video2gif.core.c3d;

import io.github.video2gif.api.WeightFileException;
import io.github.video2gif.core.io.NdArray;
import io.github.video2gif.core.io.NpzReader;
import io.github.video2gif.core.io.ObjectArray;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Video2GIF scoring MLP as released in {@code video2gif_weights.npz}: fc6 (4096) -> h1 (512, ReLU) -> h2
 * (128, ReLU) -> score (1, linear), with dense weights stored (inputs, outputs). Sizes are taken from the file,
 * so a small model of the same family works too. Forward pass on ND4J.
 */
public final class PaperScoreHead {
    private final INDArray[] weights = new INDArray[3];
    private final INDArray[] biases = new INDArray[3];
    private final int inputDimension;

    private PaperScoreHead(List<NdArray> arrays) {
        for (int i = 0; i < 3; i++) {
            weights[i] = C3dNetwork.toNd4j(arrays.get(2 * i));
            biases[i] = C3dNetwork.toNd4j(arrays.get(2 * i + 1)).reshape(1, arrays.get(2 * i + 1).size());
        }
        inputDimension = arrays.get(0).dim(0);
    }

    /**
     * Reads {@code video2gif_weights.npz}: entry {@code arr_0}, an object array holding
     * [h1.W, h1.b, h2.W, h2.b, score.W, score.b].
     *
     * @param inputDimension the feature size it must take (fc6's size), or -1 to accept any
     */
    public static PaperScoreHead readNpz(Path file, int inputDimension) throws WeightFileException {
        return new PaperScoreHead(checkedArrays(file, inputDimension));
    }

    /**
     * Reads and checks {@code video2gif_weights.npz} without touching ND4J: the six arrays [h1.W, h1.b, h2.W, h2.b,
     * score.W, score.b], dense weights (inputs, outputs), for other backends (the GPU) to build the MLP from.
     *
     * @param inputDimension the feature size it must take, or -1 to accept any
     */
    public static List<NdArray> readArrays(Path file, int inputDimension) throws WeightFileException {
        return List.copyOf(checkedArrays(file, inputDimension));
    }

    /** Reads and checks the six arrays without touching ND4J. */
    static List<NdArray> checkedArrays(Path file, int inputDimension) throws WeightFileException {
        Objects.requireNonNull(file, "file");
        Map<String, Object> entries = NpzReader.read(file);
        Object arr = entries.get("arr_0");
        String where = "Video2GIF weights \"" + file + "\"";
        if (!(arr instanceof ObjectArray oa)) {
            throw new WeightFileException(file, where + " has no object array arr_0 (entries: " + entries.keySet()
                    + "); expected the authors' video2gif_weights.npz");
        }
        List<Object> items = oa.elements();
        if (items.size() != 6 || !items.stream().allMatch(o -> o instanceof NdArray)) {
            throw new WeightFileException(file, where + ": arr_0 holds " + items.size()
                    + " items; expected 6 arrays [h1.W, h1.b, h2.W, h2.b, score.W, score.b]");
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<NdArray> a = (List) items;
        String[] names = {"h1", "h2", "score"};
        int in = a.get(0).rank() == 2 ? a.get(0).dim(0) : -1;
        if (inputDimension > 0 && in != inputDimension) {
            throw new WeightFileException(file, where + ": h1.W has shape " + a.get(0).shapeString() + ", expected ("
                    + inputDimension + ", units): the C3D model gives " + inputDimension + " features");
        }
        for (int i = 0; i < 3; i++) {
            NdArray w = a.get(2 * i);
            NdArray b = a.get(2 * i + 1);
            if (w.rank() != 2 || w.dim(0) != in || w.dim(1) < 1) {
                throw new WeightFileException(file, where + ": " + names[i] + ".W has shape " + w.shapeString()
                        + ", expected (" + in + ", units)");
            }
            if (!b.hasShape(w.dim(1))) {
                throw new WeightFileException(file, where + ": " + names[i] + ".b has shape " + b.shapeString()
                        + ", expected (" + w.dim(1) + ",)");
            }
            in = w.dim(1);
        }
        if (in != 1) {
            throw new WeightFileException(file, where + ": score.W has " + in + " outputs, expected 1");
        }
        return a;
    }

    /** Builds the head from checked arrays. */
    static PaperScoreHead of(List<NdArray> arrays) {
        return new PaperScoreHead(arrays);
    }

    /** The feature size it takes. */
    public int inputDimension() {
        return inputDimension;
    }

    /** Scores feature vectors (one row each). */
    public double[] score(float[][] features) {
        Objects.requireNonNull(features, "features");
        if (features.length == 0) {
            return new double[0];
        }
        for (float[] f : features) {
            if (f.length != inputDimension) {
                throw new IllegalArgumentException("feature vector of " + f.length + " values, expected "
                        + inputDimension);
            }
        }
        INDArray x = Nd4j.create(features);
        for (int i = 0; i < 3; i++) {
            x = x.mmul(weights[i]).addiRowVector(biases[i]);
            if (i < 2) {
                Transforms.relu(x, false);
            }
        }
        double[] out = new double[features.length];
        for (int n = 0; n < out.length; n++) {
            out[n] = x.getDouble(n, 0);
        }
        return out;
    }
}
