package io.github.video2gif.cuda;

import org.bytedeco.cuda.cudnn.cudnnActivationStruct;
import org.bytedeco.cuda.cudnn.cudnnTensorStruct;
import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.cudnn;
import org.bytedeco.javacpp.FloatPointer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A fully connected network on the GPU in fp32: each layer {@code y = x W + b}, ReLU after every layer but the
 * last (the Video2GIF scoring MLP: d -> 512 -> 128 -> 1). Weights are plain row-major float arrays of shape
 * (inputs, outputs), as the authors' files and {@code C3dWeights} hold them. Products run in cuBLAS without
 * TF32, so scores match the CPU's to float rounding. Rows are scored in chunks of at most {@link #maxRows()}.
 *
 * <p>Thread-safe (one batch at a time); GPU memory is held until {@link #close()}.
 */
@SuppressWarnings("deprecation") // cuDNN 9 marks its v7-style API deprecated; it is in every 9.x
public final class GpuMlp implements AutoCloseable {
    /**
     * One dense layer.
     *
     * @param weights row-major (inputs, outputs)
     * @param bias    outputs values
     */
    public record Layer(int inputs, int outputs, float[] weights, float[] bias) {
        public Layer {
            Objects.requireNonNull(weights, "weights");
            Objects.requireNonNull(bias, "bias");
            if (inputs < 1 || outputs < 1) {
                throw new IllegalArgumentException("a layer needs inputs and outputs >= 1, got " + inputs + " x "
                        + outputs);
            }
            if (weights.length != (long) inputs * outputs) {
                throw new IllegalArgumentException("weights of a " + inputs + " x " + outputs + " layer need "
                        + (long) inputs * outputs + " values, got " + weights.length);
            }
            if (bias.length != outputs) {
                throw new IllegalArgumentException("bias of a layer with " + outputs + " outputs has " + bias.length
                        + " values");
            }
        }
    }

    private final GpuContext ctx;
    private final int[] widths; // inputs, then each layer's outputs
    private final DeviceMemory[] weights;
    private final DeviceMemory[] biases;
    private final cudnnTensorStruct[] biasDescs;
    private final cudnnActivationStruct relu;
    private final int maxRows;
    private final DeviceMemory[] act = new DeviceMemory[2];
    private final DeviceMemory pinnedIn;
    private final DeviceMemory pinnedOut;
    private boolean closed;

    /**
     * Uploads the layers.
     *
     * @param device  CUDA device index
     * @param maxRows most rows per chunk on the GPU
     */
    public GpuMlp(List<Layer> layers, int device, int maxRows) {
        Objects.requireNonNull(layers, "layers");
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("an MLP needs at least one layer");
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be >= 1, was " + maxRows);
        }
        widths = new int[layers.size() + 1];
        widths[0] = layers.get(0).inputs();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (l.inputs() != widths[i]) {
                throw new IllegalArgumentException("layer " + i + " takes " + l.inputs() + " inputs but the layer"
                        + " before gives " + widths[i]);
            }
            widths[i + 1] = l.outputs();
        }
        GpuDevice gpu = CudaProbe.require(device);
        this.maxRows = maxRows;
        this.ctx = new GpuContext(gpu, this);
        boolean ok = false;
        try {
            int n = layers.size();
            weights = new DeviceMemory[n];
            biases = new DeviceMemory[n];
            biasDescs = new cudnnTensorStruct[n];
            int widest = 0;
            for (int w : widths) {
                widest = Math.max(widest, w);
            }
            for (int i = 0; i < n; i++) {
                weights[i] = upload(layers.get(i).weights(), "MLP weights " + i);
                biases[i] = upload(layers.get(i).bias(), "MLP bias " + i);
                cudnnTensorStruct b = tensor4d(1, widths[i + 1]);
                ctx.release(() -> cudnn.cudnnDestroyTensorDescriptor(b));
                biasDescs[i] = b;
            }
            cudnnActivationStruct a = new cudnnActivationStruct();
            CudaStatus.cudnn("cudnnCreateActivationDescriptor", cudnn.cudnnCreateActivationDescriptor(a));
            ctx.release(() -> cudnn.cudnnDestroyActivationDescriptor(a));
            CudaStatus.cudnn("cudnnSetActivationDescriptor(ReLU)", cudnn.cudnnSetActivationDescriptor(a,
                    cudnn.CUDNN_ACTIVATION_RELU, cudnn.CUDNN_PROPAGATE_NAN, 0.0));
            relu = a;
            for (int s = 0; s < 2; s++) {
                act[s] = ctx.device((long) maxRows * widest * Float.BYTES, "MLP activations " + s);
            }
            pinnedIn = ctx.pinned((long) maxRows * widths[0] * Float.BYTES, "MLP pinned input");
            pinnedOut = ctx.pinned((long) maxRows * widths[n] * Float.BYTES, "MLP pinned output");
            ctx.synchronize();
            ok = true;
        } finally {
            if (!ok) {
                ctx.close();
            }
        }
    }

    /** The input width. */
    public int inputDimension() {
        return widths[0];
    }

    /** The output width (1 for a scorer). */
    public int outputDimension() {
        return widths[widths.length - 1];
    }

    /** Most rows per chunk. */
    public int maxRows() {
        return maxRows;
    }

    /** Multiply-adds per row. */
    public long multiplyAddsPerRow() {
        long m = 0;
        for (int i = 0; i + 1 < widths.length; i++) {
            m += (long) widths[i] * widths[i + 1];
        }
        return m;
    }

    /** The network's outputs for each row. */
    public synchronized float[][] forward(float[][] rows) {
        Objects.requireNonNull(rows, "rows");
        for (float[] r : rows) {
            if (r == null || r.length != widths[0]) {
                throw new IllegalArgumentException("every row needs " + widths[0] + " values, got "
                        + (r == null ? "null" : r.length));
            }
        }
        if (closed) {
            throw new IllegalStateException("the GPU MLP is closed");
        }
        int outW = outputDimension();
        float[][] out = new float[rows.length][outW];
        if (rows.length == 0) {
            return out;
        }
        ctx.makeCurrent();
        for (int start = 0; start < rows.length; start += maxRows) {
            int n = Math.min(maxRows, rows.length - start);
            for (int i = 0; i < n; i++) {
                pinnedIn.putFloats((long) i * widths[0] * Float.BYTES, rows[start + i], 0, widths[0]);
            }
            CudaStatus.cuda("cudaMemcpyAsync(MLP input)", cudart.cudaMemcpyAsync(act[0].pointer(), pinnedIn.pointer(),
                    (long) n * widths[0] * Float.BYTES, cudart.cudaMemcpyHostToDevice, ctx.compute));
            int last = forwardOnDevice(n);
            CudaStatus.cuda("cudaMemcpyAsync(MLP output)", cudart.cudaMemcpyAsync(pinnedOut.pointer(),
                    act[last].pointer(), (long) n * outW * Float.BYTES, cudart.cudaMemcpyDeviceToHost, ctx.compute));
            ctx.synchronize();
            for (int i = 0; i < n; i++) {
                pinnedOut.getFloats((long) i * outW * Float.BYTES, out[start + i], 0, outW);
            }
        }
        return out;
    }

    /** The first output of each row, as scores. */
    public double[] score(float[][] rows) {
        float[][] out = forward(rows);
        double[] s = new double[out.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = out[i][0];
        }
        return s;
    }

    /**
     * GPU time of the forward pass alone for {@code rows} rows already on the card (whatever the input buffer
     * holds), after one warm-up pass, timed with CUDA events.
     *
     * @return seconds per pass
     */
    public synchronized double timeForward(int rows, int passes) {
        if (rows < 1 || rows > maxRows || passes < 1) {
            throw new IllegalArgumentException("rows must be in [1, " + maxRows + "] and passes >= 1");
        }
        ctx.makeCurrent();
        forwardOnDevice(rows);
        var start = new org.bytedeco.cuda.cudart.CUevent_st();
        var stop = new org.bytedeco.cuda.cudart.CUevent_st();
        CudaStatus.cuda("cudaEventCreate", cudart.cudaEventCreate(start));
        CudaStatus.cuda("cudaEventCreate", cudart.cudaEventCreate(stop));
        try {
            CudaStatus.cuda("cudaEventRecord", cudart.cudaEventRecord(start, ctx.compute));
            for (int p = 0; p < passes; p++) {
                forwardOnDevice(rows);
            }
            CudaStatus.cuda("cudaEventRecord", cudart.cudaEventRecord(stop, ctx.compute));
            CudaStatus.cuda("cudaEventSynchronize", cudart.cudaEventSynchronize(stop));
            float[] ms = new float[1];
            CudaStatus.cuda("cudaEventElapsedTime", cudart.cudaEventElapsedTime(ms, start, stop));
            return ms[0] / 1000.0 / passes;
        } finally {
            cudart.cudaEventDestroy(start);
            cudart.cudaEventDestroy(stop);
        }
    }

    /** Queues the layers on rows in act[0]; returns which buffer holds the output. */
    private int forwardOnDevice(int n) {
        int cur = 0;
        List<cudnnTensorStruct> temp = new ArrayList<>();
        try {
            for (int i = 0; i + 1 < widths.length; i++) {
                int in = widths[i];
                int out = widths[i + 1];
                int next = 1 - cur;
                // row-major y (n x out) = x (n x in) W (in x out); column-major: y^T = W^T x^T
                CudaStatus.cublas("cublasSgemm(MLP layer " + i + ", " + n + " rows)", cublas.cublasSgemm_v2(
                        ctx.cublasHandle, cublas.CUBLAS_OP_N, cublas.CUBLAS_OP_N, out, n, in, GpuContext.ONE,
                        new FloatPointer(weights[i].pointer()), out, new FloatPointer(act[cur].pointer()), in,
                        GpuContext.ZERO, new FloatPointer(act[next].pointer()), out));
                cudnnTensorStruct y = tensor4d(n, out);
                temp.add(y);
                CudaStatus.cudnn("cudnnAddTensor(MLP bias " + i + ")", cudnn.cudnnAddTensor(ctx.cudnnHandle,
                        GpuContext.ONE, biasDescs[i], biases[i].pointer(), GpuContext.ONE, y, act[next].pointer()));
                if (i + 2 < widths.length) {
                    CudaStatus.cudnn("cudnnActivationForward(MLP ReLU " + i + ")", cudnn.cudnnActivationForward(
                            ctx.cudnnHandle, relu, GpuContext.ONE, y, act[next].pointer(), GpuContext.ZERO, y,
                            act[next].pointer()));
                }
                cur = next;
            }
            return cur;
        } finally {
            for (cudnnTensorStruct t : temp) {
                cudnn.cudnnDestroyTensorDescriptor(t);
            }
        }
    }

    private cudnnTensorStruct tensor4d(int n, int c) {
        cudnnTensorStruct t = new cudnnTensorStruct();
        CudaStatus.cudnn("cudnnCreateTensorDescriptor", cudnn.cudnnCreateTensorDescriptor(t));
        int code = cudnn.cudnnSetTensor4dDescriptor(t, cudnn.CUDNN_TENSOR_NCHW, cudnn.CUDNN_DATA_FLOAT, n, c, 1, 1);
        if (code != 0) {
            cudnn.cudnnDestroyTensorDescriptor(t);
            CudaStatus.cudnn("cudnnSetTensor4dDescriptor(" + n + ", " + c + ", 1, 1)", code);
        }
        return t;
    }

    private DeviceMemory upload(float[] values, String what) {
        DeviceMemory m = ctx.device((long) values.length * Float.BYTES, what);
        FloatPointer host = new FloatPointer(values);
        try {
            CudaStatus.cuda("cudaMemcpyAsync(" + what + ")", cudart.cudaMemcpyAsync(m.pointer(), host,
                    (long) values.length * Float.BYTES, cudart.cudaMemcpyHostToDevice, ctx.compute));
            ctx.synchronize();
        } finally {
            host.close();
        }
        return m;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            ctx.close();
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int w : widths) {
            b.append(b.length() == 0 ? "" : "-").append(w);
        }
        return String.format(Locale.ROOT, "GpuMlp[%s on %s]", b, ctx.device().name());
    }
}
