package io.github.video2gif.core.c3d;

import io.github.video2gif.core.io.NdArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.FloatBuffer;
import java.util.Objects;

/**
 * C3D from its input snippet to fc6 on the CPU with ND4J (libnd4j's {@code conv3dnew} and {@code maxpool3dnew},
 * which run on oneDNN): conv1a, pool1 (1x2x2), conv2a, pool2, conv3a, conv3b, pool3, conv4a, conv4b, pool4,
 * conv5a, conv5b (all 3x3x3, stride 1, zero padding 1, ReLU, cross-correlation), one zero row and column added
 * at the end of height and width, pool5 (2x2x2), flatten in C order over (channel, depth, height, width), fc6 and
 * ReLU.
 *
 * <p>Layout, chosen by measurement on a 2-core AVX-512 machine (see {@code video2gif-bench/README.md}):
 * activations are channels-last (N, D, H, W, C), which is oneDNN's native layout here, so ND4J passes them
 * through without the reorders it performs for channels-first data; weights stay in the released
 * (out, in, kD, kH, kW) order (libnd4j's weight format 1). All activations live in two buffers allocated once per
 * batch size and reused, because allocating fresh native arrays of tens of megabytes per layer cost more than
 * the convolutions themselves. Input and output are plain float arrays.
 *
 * <p>One forward pass at a time ({@link #fc6} is synchronized); create one network per model and share it.
 */
public final class C3dNetwork implements SnippetNetwork {
    private static final int D = SnippetMean.FRAMES;
    private static final int S = SnippetMean.CROP;
    /** Values in one input snippet: 16 x 112 x 112 x 3. */
    public static final int SNIPPET_VALUES = SnippetNetwork.SNIPPET_VALUES;

    private final INDArray[] convW = new INDArray[C3dWeights.CONV_LAYERS];
    private final INDArray[] convB = new INDArray[C3dWeights.CONV_LAYERS];
    private final INDArray fc6W;
    private final INDArray fc6B;
    private final int[] channels = new int[C3dWeights.CONV_LAYERS];
    private final int featureDimension;

    private int bufferBatch = -1;
    private INDArray input;
    private INDArray bufA;
    private INDArray bufB;

    /** Copies the weights into ND4J arrays (this is where ND4J's natives load). */
    public C3dNetwork(C3dWeights weights) {
        Objects.requireNonNull(weights, "weights");
        for (int i = 0; i < C3dWeights.CONV_LAYERS; i++) {
            convW[i] = toNd4j(weights.convWeights(i));
            convB[i] = toNd4j(weights.convBias(i));
            channels[i] = weights.channels(i);
        }
        fc6W = toNd4j(weights.fc6Weights());
        fc6B = toNd4j(weights.fc6Bias()).reshape(1, weights.featureDimension());
        featureDimension = weights.featureDimension();
    }

    static INDArray toNd4j(NdArray a) {
        long[] shape = new long[a.rank()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = a.dim(i);
        }
        return Nd4j.create(a.data(), shape, 'c');
    }

    @Override
    public int featureDimension() {
        return featureDimension;
    }

    /**
     * Runs {@code count} snippets.
     *
     * @param snippets {@code count * SNIPPET_VALUES} values: per snippet (frame, row, column, BGR channel), mean
     *                 already subtracted
     * @return fc6 after ReLU, one row per snippet
     */
    @Override
    public synchronized float[][] fc6(float[] snippets, int count) {
        Objects.requireNonNull(snippets, "snippets");
        if (count < 1 || (long) count * SNIPPET_VALUES > snippets.length) {
            throw new IllegalArgumentException("need " + count + " snippets of " + SNIPPET_VALUES + " values, got "
                    + snippets.length + " values");
        }
        ensureBuffers(count);
        INDArray x = input.get(NDArrayIndex.interval(0, (long) count * SNIPPET_VALUES)).reshape('c', count, D, S, S, 3);
        FloatBuffer fb = input.data().asNioFloat();
        fb.position(0);
        fb.put(snippets, 0, count * SNIPPET_VALUES);

        boolean inA = false; // where the current activation lives: input, then alternately A and B
        long d = D;
        long h = S;
        long w = S;
        for (int i = 0; i < C3dWeights.CONV_LAYERS; i++) {
            INDArray out = view(inA ? bufB : bufA, count, d, h, w, channels[i]);
            conv(x, convW[i], convB[i], out);
            x = out;
            inA = !inA;
            int poolDepth = switch (i) {
                case 0 -> 1;
                case 1, 3, 5 -> 2;
                default -> 0;
            };
            if (poolDepth > 0) {
                // max-pooling and ReLU commute (both monotone): ReLU on the pooled, smaller tensor
                d /= poolDepth;
                h /= 2;
                w /= 2;
                INDArray pooled = view(inA ? bufB : bufA, count, d, h, w, channels[i]);
                maxPool(x, poolDepth, pooled);
                x = pooled;
                inA = !inA;
            }
            if (i < C3dWeights.CONV_LAYERS - 1) {
                Transforms.relu(x, false);
            }
        }
        // C3D pads height and width by one zero at the end only, then pools 2x2x2
        INDArray padded = view(inA ? bufB : bufA, count, d, h + 1, w + 1, channels[7]);
        padded.assign(0);
        padded.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, h), NDArrayIndex.interval(0, w),
                NDArrayIndex.all()).assign(x);
        inA = !inA;
        d /= 2;
        h = (h + 1) / 2;
        w = (w + 1) / 2;
        INDArray pool5 = view(inA ? bufB : bufA, count, d, h, w, channels[7]);
        maxPool(padded, 2, pool5);
        Transforms.relu(pool5, false); // conv5b's ReLU: max(relu(v), 0 padding) = relu(max(v, 0 padding))
        // flatten in the released order: (channel, depth, height, width)
        INDArray flat = pool5.permute(0, 4, 1, 2, 3).dup('c').reshape('c', count, channels[7] * d * h * w);
        INDArray fc6 = flat.mmul(fc6W).addiRowVector(fc6B);
        Transforms.relu(fc6, false);
        float[][] rows = new float[count][];
        for (int n = 0; n < count; n++) {
            rows[n] = fc6.getRow(n).dup().toFloatVector();
        }
        return rows;
    }

    /** Allocates the input and the two activation buffers for a batch size (once; kept for later calls). */
    private void ensureBuffers(int count) {
        if (count <= bufferBatch) {
            return;
        }
        // A holds conv outputs at full resolution (the largest: conv1a), B the pooled ones (the largest: pool1)
        long a = 0;
        long b = 0;
        long d = D;
        long h = S;
        long w = S;
        boolean inA = false;
        for (int i = 0; i < C3dWeights.CONV_LAYERS; i++) {
            long v = d * h * w * channels[i];
            if (!inA) {
                a = Math.max(a, v);
            } else {
                b = Math.max(b, v);
            }
            inA = !inA;
            int pd = i == 0 ? 1 : (i == 1 || i == 3 || i == 5) ? 2 : 0;
            if (pd > 0) {
                d /= pd;
                h /= 2;
                w /= 2;
                v = d * h * w * channels[i];
                if (!inA) {
                    a = Math.max(a, v);
                } else {
                    b = Math.max(b, v);
                }
                inA = !inA;
            }
        }
        long padded = d * (h + 1) * (w + 1) * channels[7];
        long pooled = (d / 2) * ((h + 1) / 2) * ((w + 1) / 2) * channels[7];
        if (!inA) {
            a = Math.max(a, padded);
            b = Math.max(b, pooled);
        } else {
            b = Math.max(b, padded);
            a = Math.max(a, pooled);
        }
        input = Nd4j.createUninitialized(DataType.FLOAT, (long) count * SNIPPET_VALUES);
        bufA = Nd4j.createUninitialized(DataType.FLOAT, count * a);
        bufB = Nd4j.createUninitialized(DataType.FLOAT, count * b);
        bufferBatch = count;
    }

    private static INDArray view(INDArray buffer, long n, long d, long h, long w, long c) {
        long size = n * d * h * w * c;
        return buffer.get(NDArrayIndex.interval(0, size)).reshape('c', n, d, h, w, c);
    }

    private static void conv(INDArray x, INDArray w, INDArray b, INDArray out) {
        Nd4j.exec(DynamicCustomOp.builder("conv3dnew").addInputs(x, w, b).addOutputs(out)
                // kD,kH,kW, sD,sH,sW, pD,pH,pW, dD,dH,dW, padding mode (0: explicit), 1: NDHWC, weights (oC,iC,kD,kH,kW)
                .addIntegerArguments(3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1).build());
    }

    private static void maxPool(INDArray x, int kd, INDArray out) {
        Nd4j.exec(DynamicCustomOp.builder("maxpool3dnew").addInputs(x).addOutputs(out)
                // kD,kH,kW, sD,sH,sW, pD,pH,pW, dD,dH,dW, same mode 0, unused, 1: NDHWC
                .addIntegerArguments(kd, 2, 2, kd, 2, 2, 0, 0, 0, 1, 1, 1, 0, 0, 1).build());
    }
}
