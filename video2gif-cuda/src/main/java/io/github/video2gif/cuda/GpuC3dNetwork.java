package io.github.video2gif.cuda;

import io.github.video2gif.core.c3d.C3dWeights;
import io.github.video2gif.core.c3d.SnippetMean;
import io.github.video2gif.core.c3d.SnippetNetwork;
import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.cuda.cudnn.cudnnActivationStruct;
import org.bytedeco.cuda.cudnn.cudnnConvolutionFwdAlgoPerf_t;
import org.bytedeco.cuda.cudnn.cudnnConvolutionStruct;
import org.bytedeco.cuda.cudnn.cudnnFilterStruct;
import org.bytedeco.cuda.cudnn.cudnnPoolingStruct;
import org.bytedeco.cuda.cudnn.cudnnTensorStruct;
import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.cudnn;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * C3D from input snippets to fc6 on an NVIDIA GPU: the same network as the CPU's
 * {@link io.github.video2gif.core.c3d.C3dNetwork} (eight 3x3x3 convolutions, stride 1, zero padding 1, cross
 * correlation; max pooling 1x2x2 after conv1a and 2x2x2 after conv2a, conv3b, conv4b; one zero row and column
 * added at the end of height and width; pool5 2x2x2; fc6 and ReLU), with cuDNN's 3-D convolutions and pooling
 * and cuBLAS for fc6.
 *
 * <ul>
 *   <li>Numbers: fp32 (TF32 kept off, to match the CPU), or fp16/bf16 with fp32 accumulation on the tensor
 *       cores ({@link Precision}); fc6's output is fp32 in every mode.</li>
 *   <li>Layout: channels first or channels last ({@link Layout}); snippets arrive channels last, and are
 *       converted (and reordered) on the GPU by a small NVRTC kernel.</li>
 *   <li>Bias and ReLU follow the pooling where one follows (both commute with max pooling, bit for bit), on a
 *       tensor four to eight times smaller.</li>
 *   <li>Batching: a call's snippets run in chunks of at most {@link #maxChunk()}, chosen from the card's free
 *       memory, cuDNN's 2^31-element tensor limit and {@link Options#maxBatch()}. Chunk k + 1 is copied into
 *       page-locked memory by the CPU and to the GPU on a copy stream while chunk k computes.</li>
 *   <li>Convolution algorithms come from cuDNN's heuristics, under a workspace limit, once per batch size.</li>
 * </ul>
 *
 * <p>One forward pass at a time ({@link #fc6} is synchronized); GPU memory is held until {@link #close()} (or
 * until the network is unreachable).
 */
@SuppressWarnings("deprecation") // cuDNN 9 marks its v7-style API deprecated; it is in every 9.x
public final class GpuC3dNetwork implements SnippetNetwork, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GpuC3dNetwork.class);
    private static final int CONV = C3dWeights.CONV_LAYERS;
    /** Depth of the pooling window after each convolution: 1 (1x2x2), 2 (2x2x2), or 0 (none; conv5b: pool5). */
    private static final int[] POOL_AFTER = {1, 2, 0, 2, 0, 2, 0, 0};
    /** Most plans (descriptor sets for one batch size) kept. */
    private static final int MAX_PLANS = 8;

    /**
     * Settings of the GPU network.
     *
     * @param device         CUDA device index
     * @param precision      number format
     * @param layout         memory layout of the activations
     * @param maxBatch       most snippets per chunk (the card's memory may allow fewer)
     * @param memoryFraction share of the card's free memory (after the weights) the activations may take
     * @param workspaceBytes most cuDNN workspace for one convolution
     */
    public record Options(int device, Precision precision, Layout layout, int maxBatch, double memoryFraction,
                          long workspaceBytes) {
        public Options {
            Objects.requireNonNull(precision, "precision");
            Objects.requireNonNull(layout, "layout");
            if (device < 0) {
                throw new IllegalArgumentException("device must be >= 0, was " + device);
            }
            if (maxBatch < 1 || maxBatch > 4096) {
                throw new IllegalArgumentException("maxBatch must be in [1, 4096], was " + maxBatch);
            }
            if (!(memoryFraction > 0 && memoryFraction <= 0.95)) {
                throw new IllegalArgumentException("memoryFraction must be in (0, 0.95], was " + memoryFraction);
            }
            if (workspaceBytes < 0) {
                throw new IllegalArgumentException("workspaceBytes must be >= 0, was " + workspaceBytes);
            }
        }

        /** Device 0, the given precision with its default layout, chunks of at most 32, 80 % of free memory. */
        public static Options of(Precision precision) {
            return new Options(0, precision, Layout.defaultFor(precision), 32, 0.8, 1L << 30);
        }

        public Options withMaxBatch(int n) {
            return new Options(device, precision, layout, n, memoryFraction, workspaceBytes);
        }

        public Options withLayout(Layout l) {
            return new Options(device, precision, l, maxBatch, memoryFraction, workspaceBytes);
        }

        public Options withDevice(int d) {
            return new Options(d, precision, layout, maxBatch, memoryFraction, workspaceBytes);
        }
    }

    /** Shape (channels, depth, height, width) of one snippet's tensor. */
    private record Shape(int c, int d, int h, int w) {
        long volume() {
            return (long) c * d * h * w;
        }

        long spatial() {
            return (long) d * h * w;
        }
    }

    private final GpuContext ctx;
    private final Options options;
    private final Precision precision;
    private final Layout layout;
    private final int featureDimension;
    private final int fc6Inputs;

    // geometry, per snippet
    private final Shape[] convIn = new Shape[CONV];
    private final Shape[] convOut = new Shape[CONV];
    private final Shape[] pooled = new Shape[CONV];
    private final Shape padded;
    private final Shape pool5;
    /** Which buffer (0 = A, 1 = B, -1 = the staging input) holds each stage's output; see {@link #route}. */
    private final int inputBuffer;
    private final int[] convBuffer = new int[CONV];
    private final int[] poolBuffer = new int[CONV];
    private final int padBuffer;
    private final int pool5Buffer;

    // weights and network-wide descriptors
    private final DeviceMemory[] weights = new DeviceMemory[CONV];
    private final DeviceMemory[] biases = new DeviceMemory[CONV];
    private final DeviceMemory fc6Weights;
    private final DeviceMemory fc6Bias;
    private final cudnnFilterStruct[] filters = new cudnnFilterStruct[CONV];
    private final cudnnTensorStruct[] biasDescs = new cudnnTensorStruct[CONV];
    private final cudnnConvolutionStruct convDesc;
    private final cudnnPoolingStruct pool122;
    private final cudnnPoolingStruct pool222;
    private final cudnnActivationStruct relu;
    private final cudnnTensorStruct fc6BiasDesc;
    private final ConversionKernels kernels;

    // activations and transfer buffers, for chunks of up to maxChunk snippets
    private final int maxChunk;
    private final long workspaceLimit;
    private final DeviceMemory bufA;
    private final DeviceMemory bufB;
    private final DeviceMemory[] staging = new DeviceMemory[2];
    private final DeviceMemory[] pinnedIn = new DeviceMemory[2];
    private final CUevent_st[] copied = new CUevent_st[2];
    private final CUevent_st[] consumed = new CUevent_st[2];
    private final DeviceMemory fc6Out;
    private final Scratch scratch = new Scratch();
    private boolean closed;

    /**
     * Uploads the weights and sizes the buffers to the card.
     *
     * @throws io.github.video2gif.api.spi.ProviderUnavailableException when the device cannot run the backend
     *                                                                  (with the probe's reason)
     * @throws CudaException                                            when a CUDA call fails (for example, out
     *                                                                  of memory)
     */
    public GpuC3dNetwork(C3dWeights w, Options options) {
        Objects.requireNonNull(w, "weights");
        this.options = Objects.requireNonNull(options, "options");
        this.precision = options.precision();
        this.layout = options.layout();
        GpuDevice device = CudaProbe.require(options.device());
        if (precision == Precision.BF16 && device.computeCapability() < 80) {
            throw new IllegalArgumentException("cuda.precision=bf16 needs compute capability 8.0 or newer; "
                    + device.name() + " has " + device.major() + "." + device.minor() + " (use fp16 or fp32)");
        }
        this.featureDimension = w.featureDimension();
        this.fc6Inputs = w.fc6Weights().dim(0);

        // geometry of one snippet, and where each stage's output lives (A/B ping-pong)
        Shape cur = new Shape(3, SnippetMean.FRAMES, SnippetMean.CROP, SnippetMean.CROP);
        boolean directInput = precision == Precision.FP32 && layout == Layout.NDHWC;
        inputBuffer = directInput ? -1 : 1;
        int at = inputBuffer;
        long[] need = new long[2];
        if (at >= 0) {
            need[at] = cur.volume();
        }
        for (int i = 0; i < CONV; i++) {
            convIn[i] = cur;
            convOut[i] = new Shape(w.channels(i), cur.d(), cur.h(), cur.w());
            at = at == 0 ? 1 : 0;
            convBuffer[i] = at;
            need[at] = Math.max(need[at], convOut[i].volume());
            cur = convOut[i];
            if (POOL_AFTER[i] > 0) {
                pooled[i] = new Shape(cur.c(), cur.d() / POOL_AFTER[i], cur.h() / 2, cur.w() / 2);
                at = 1 - at;
                poolBuffer[i] = at;
                need[at] = Math.max(need[at], pooled[i].volume());
                cur = pooled[i];
            } else {
                poolBuffer[i] = -2;
            }
        }
        padded = new Shape(cur.c(), cur.d(), cur.h() + 1, cur.w() + 1);
        at = 1 - at;
        padBuffer = at;
        need[at] = Math.max(need[at], padded.volume());
        pool5 = new Shape(cur.c(), cur.d() / 2, padded.h() / 2, padded.w() / 2);
        at = 1 - at;
        pool5Buffer = at;
        need[at] = Math.max(need[at], pool5.volume());
        if (pool5.volume() != fc6Inputs) {
            throw new IllegalArgumentException("pool5 gives " + pool5.volume() + " values but fc6 takes " + fc6Inputs);
        }

        this.ctx = new GpuContext(device, this);
        boolean ok = false;
        try {
            kernels = ConversionKernels.forDevice(device);
            convDesc = convolutionDescriptor();
            pool122 = poolingDescriptor(1);
            pool222 = poolingDescriptor(2);
            relu = activationDescriptor();
            cudnnTensorStruct fc6b = tensor4d(1, featureDimension);
            ctx.release(() -> cudnn.cudnnDestroyTensorDescriptor(fc6b));
            fc6BiasDesc = fc6b;
            for (int i = 0; i < CONV; i++) {
                filters[i] = filterDescriptor(convOut[i].c(), convIn[i].c());
                cudnnTensorStruct b = tensor(1, new Shape(convOut[i].c(), 1, 1, 1), layout);
                ctx.release(() -> cudnn.cudnnDestroyTensorDescriptor(b));
                biasDescs[i] = b;
                weights[i] = upload(convWeightsInLayout(w, i), precision, "conv weights " + i);
                biases[i] = upload(w.convBias(i).data(), precision, "conv bias " + i);
            }
            fc6Weights = upload(fc6WeightsInLayout(w), precision, "fc6 weights");
            fc6Bias = upload(w.fc6Bias().data(), Precision.FP32, "fc6 bias");
            ctx.synchronize();

            // size the chunk to the card
            long maxTensor = 0;
            for (int i = 0; i < CONV; i++) {
                maxTensor = Math.max(maxTensor, Math.max(convIn[i].volume(), convOut[i].volume()));
            }
            maxTensor = Math.max(maxTensor, padded.volume());
            int byIndexLimit = (int) Math.min(4096, Integer.MAX_VALUE / maxTensor);
            long perSnippet = (need[0] + need[1]) * precision.bytes() + 2L * 2 * SNIPPET_VALUES * Float.BYTES
                    + (long) featureDimension * Float.BYTES;
            long[] mem = ctx.memoryInfo();
            long budget = (long) (mem[0] * options.memoryFraction());
            long ws = Math.min(options.workspaceBytes(), budget / 4);
            int byMemory = (int) Math.min(4096, Math.max(0, (budget - ws) / perSnippet));
            maxChunk = Math.min(options.maxBatch(), Math.min(byIndexLimit, byMemory));
            if (maxChunk < 1) {
                throw new CudaException(CudaLibrary.CUDART, "sizing C3D's buffers (" + (mem[0] >> 20) + " MiB free of "
                        + (mem[1] >> 20) + " MiB; one snippet needs " + (perSnippet >> 20) + " MiB)",
                        cudart.cudaErrorMemoryAllocation, null);
            }
            workspaceLimit = ws;
            long elem = precision.bytes();
            bufA = ctx.device(maxChunk * need[0] * elem, "C3D activations A");
            bufB = ctx.device(Math.max(1, maxChunk * need[1] * elem), "C3D activations B");
            for (int s = 0; s < 2; s++) {
                staging[s] = ctx.device((long) maxChunk * SNIPPET_VALUES * Float.BYTES, "input snippets " + s);
                CudaStatus.cuda("cudaMemsetAsync(input snippets)", cudart.cudaMemsetAsync(staging[s].pointer(), 0,
                        staging[s].bytes(), ctx.compute));
                pinnedIn[s] = ctx.pinned((long) maxChunk * SNIPPET_VALUES * Float.BYTES, "pinned input " + s);
                copied[s] = ctx.event("copied " + s);
                consumed[s] = ctx.event("consumed " + s);
            }
            fc6Out = ctx.device((long) maxChunk * featureDimension * Float.BYTES, "fc6 output");
            Scratch sc = scratch;
            ctx.release(sc::release);
            sc.pinnedOut = DeviceMemory.pinned((long) maxChunk * featureDimension * Float.BYTES, "pinned fc6 output");
            ctx.synchronize(); // the zeroed staging buffers must be zero before the copy stream writes them
            LOG.info("video2gif: C3D on {}: {} {}, chunks of up to {} snippets ({} MiB of activations and transfer"
                            + " buffers; {} MiB free before)", device.name(), precision.key(), layout.key(), maxChunk,
                    (maxChunk * perSnippet) >> 20, mem[0] >> 20);
            ok = true;
        } finally {
            if (!ok) {
                ctx.close();
            }
        }
    }

    /** The device it runs on. */
    public GpuDevice device() {
        return ctx.device();
    }

    public Options options() {
        return options;
    }

    /** Most snippets one chunk of work holds on this card. */
    public int maxChunk() {
        return maxChunk;
    }

    @Override
    public int featureDimension() {
        return featureDimension;
    }

    /** Floating-point operations of one snippet's forward pass (two per multiply-add). */
    public double flopsPerSnippet() {
        double macs = 0;
        for (int i = 0; i < CONV; i++) {
            macs += (double) convOut[i].volume() * convIn[i].c() * 27;
        }
        macs += (double) fc6Inputs * featureDimension;
        return 2 * macs;
    }

    @Override
    public synchronized float[][] fc6(float[] snippets, int count) {
        Objects.requireNonNull(snippets, "snippets");
        if (count < 1 || (long) count * SNIPPET_VALUES > snippets.length) {
            throw new IllegalArgumentException("need " + count + " snippets of " + SNIPPET_VALUES + " values, got "
                    + snippets.length + " values");
        }
        ensureOpen();
        ctx.makeCurrent();
        long outBytes = (long) count * featureDimension * Float.BYTES;
        if (scratch.pinnedOut.bytes() < outBytes) {
            DeviceMemory old = scratch.pinnedOut;
            scratch.pinnedOut = DeviceMemory.pinned(outBytes, "pinned fc6 output");
            old.close();
        }
        DeviceMemory pinnedOut = scratch.pinnedOut;
        int k = 0;
        for (int start = 0; start < count; start += maxChunk, k++) {
            int n = Math.min(maxChunk, count - start);
            int slot = k & 1;
            // the CPU refills this pinned slot only after its previous copy to the GPU is done ...
            CudaStatus.cuda("cudaEventSynchronize(copied)", cudart.cudaEventSynchronize(copied[slot]));
            pinnedIn[slot].putFloats(0, snippets, start * SNIPPET_VALUES, n * SNIPPET_VALUES);
            // ... and the copy stream overwrites the GPU slot only after the chunk before last has read it
            CudaStatus.cuda("cudaStreamWaitEvent(copy, consumed)",
                    cudart.cudaStreamWaitEvent(ctx.copy, consumed[slot], 0));
            CudaStatus.cuda("cudaMemcpyAsync(snippets to GPU)", cudart.cudaMemcpyAsync(staging[slot].pointer(),
                    pinnedIn[slot].pointer(), (long) n * SNIPPET_VALUES * Float.BYTES, cudart.cudaMemcpyHostToDevice,
                    ctx.copy));
            CudaStatus.cuda("cudaEventRecord(copied)", cudart.cudaEventRecord(copied[slot], ctx.copy));
            CudaStatus.cuda("cudaStreamWaitEvent(compute, copied)",
                    cudart.cudaStreamWaitEvent(ctx.compute, copied[slot], 0));
            forward(plan(n), staging[slot], consumed[slot]);
            CudaStatus.cuda("cudaMemcpyAsync(fc6 to host)", cudart.cudaMemcpyAsync(
                    pinnedOut.at((long) start * featureDimension * Float.BYTES), fc6Out.pointer(),
                    (long) n * featureDimension * Float.BYTES, cudart.cudaMemcpyDeviceToHost, ctx.compute));
        }
        ctx.synchronize();
        float[][] rows = new float[count][featureDimension];
        for (int i = 0; i < count; i++) {
            pinnedOut.getFloats((long) i * featureDimension * Float.BYTES, rows[i], 0, featureDimension);
        }
        return rows;
    }

    /**
     * GPU time of the forward pass alone, data already on the card: {@code passes} passes of {@code batch}
     * snippets (at most {@link #maxChunk()}) after one warm-up pass, timed with CUDA events. The input is whatever
     * the first staging buffer holds (snippets of an earlier call, or zeros).
     *
     * @return seconds per pass
     */
    public synchronized double timeForward(int batch, int passes) {
        if (batch < 1 || batch > maxChunk) {
            throw new IllegalArgumentException("batch must be in [1, " + maxChunk + "], was " + batch);
        }
        if (passes < 1) {
            throw new IllegalArgumentException("passes must be >= 1, was " + passes);
        }
        ensureOpen();
        ctx.makeCurrent();
        Plan plan = plan(batch);
        forward(plan, staging[0], consumed[0]);
        CUevent_st start = new CUevent_st();
        CUevent_st stop = new CUevent_st();
        CudaStatus.cuda("cudaEventCreate", cudart.cudaEventCreate(start));
        CudaStatus.cuda("cudaEventCreate", cudart.cudaEventCreate(stop));
        try {
            CudaStatus.cuda("cudaEventRecord", cudart.cudaEventRecord(start, ctx.compute));
            for (int p = 0; p < passes; p++) {
                forward(plan, staging[0], consumed[0]);
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

    /** The convolution algorithms cuDNN's heuristics chose for a batch size, for reports. */
    public synchronized String algorithms(int batch) {
        ensureOpen();
        ctx.makeCurrent();
        Plan p = plan(Math.min(batch, maxChunk));
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < CONV; i++) {
            parts.add(C3dWeights.CONV_NAMES.get(i) + "=" + ALGORITHM_NAMES[p.algos[i]] + "/"
                    + (p.workspace[i] >> 20) + "MiB");
        }
        return String.join(" ", parts);
    }

    private static final String[] ALGORITHM_NAMES = {"implicit-gemm", "implicit-precomp-gemm", "gemm", "direct",
        "fft", "fft-tiling", "winograd", "winograd-nonfused"};

    /** Queues one chunk's forward pass on the compute stream: input conversion, C3D, fc6 into {@link #fc6Out}. */
    private void forward(Plan p, DeviceMemory input, CUevent_st inputConsumed) {
        DeviceMemory[] buf = {bufA, bufB};
        Pointer x;
        if (inputBuffer < 0) {
            x = input.pointer();
        } else if (layout == Layout.NDHWC) {
            kernels.convert(input.pointer(), bufB.pointer(), precision, (long) p.n * SNIPPET_VALUES, ctx.compute);
            CudaStatus.cuda("cudaEventRecord(consumed)", cudart.cudaEventRecord(inputConsumed, ctx.compute));
            x = bufB.pointer();
        } else {
            kernels.channelsFirst(input.pointer(), bufB.pointer(), precision, p.n, 3, convIn[0].spatial(),
                    ctx.compute);
            CudaStatus.cuda("cudaEventRecord(consumed)", cudart.cudaEventRecord(inputConsumed, ctx.compute));
            x = bufB.pointer();
        }
        for (int i = 0; i < CONV; i++) {
            Pointer y = buf[convBuffer[i]].pointer();
            CudaStatus.cudnn("cudnnConvolutionForward(" + C3dWeights.CONV_NAMES.get(i) + ", batch " + p.n + ")",
                    cudnn.cudnnConvolutionForward(ctx.cudnnHandle, GpuContext.ONE, p.in[i], x, filters[i],
                            weights[i].pointer(), convDesc, p.algos[i], workspacePointer(), workspaceBytes(),
                            GpuContext.ZERO, p.out[i], y));
            if (i == 0 && inputBuffer < 0) {
                CudaStatus.cuda("cudaEventRecord(consumed)", cudart.cudaEventRecord(inputConsumed, ctx.compute));
            }
            cudnnTensorStruct yDesc = p.out[i];
            if (POOL_AFTER[i] > 0) {
                Pointer z = buf[poolBuffer[i]].pointer();
                CudaStatus.cudnn("cudnnPoolingForward(after " + C3dWeights.CONV_NAMES.get(i) + ")",
                        cudnn.cudnnPoolingForward(ctx.cudnnHandle, POOL_AFTER[i] == 1 ? pool122 : pool222,
                                GpuContext.ONE, yDesc, y, GpuContext.ZERO, p.pooled[i], z));
                y = z;
                yDesc = p.pooled[i];
            }
            // bias, then ReLU (except conv5b, whose ReLU follows pool5): both commute with max pooling
            CudaStatus.cudnn("cudnnAddTensor(bias of " + C3dWeights.CONV_NAMES.get(i) + ")",
                    cudnn.cudnnAddTensor(ctx.cudnnHandle, GpuContext.ONE, biasDescs[i], biases[i].pointer(),
                            GpuContext.ONE, yDesc, y));
            if (i < CONV - 1) {
                CudaStatus.cudnn("cudnnActivationForward(ReLU of " + C3dWeights.CONV_NAMES.get(i) + ")",
                        cudnn.cudnnActivationForward(ctx.cudnnHandle, relu, GpuContext.ONE, yDesc, y,
                                GpuContext.ZERO, yDesc, y));
            }
            x = y;
        }
        // one zero row and column at the end of height and width, then pool5 and ReLU
        DeviceMemory pad = buf[padBuffer];
        CudaStatus.cuda("cudaMemsetAsync(pool5 padding)", cudart.cudaMemsetAsync(pad.pointer(), 0,
                (long) p.n * padded.volume() * precision.bytes(), ctx.compute));
        CudaStatus.cudnn("cudnnTransformTensor(pad before pool5)", cudnn.cudnnTransformTensor(ctx.cudnnHandle,
                GpuContext.ONE, p.out[CONV - 1], x, GpuContext.ZERO, p.padTarget, pad.pointer()));
        Pointer p5 = buf[pool5Buffer].pointer();
        CudaStatus.cudnn("cudnnPoolingForward(pool5)", cudnn.cudnnPoolingForward(ctx.cudnnHandle, pool222,
                GpuContext.ONE, p.padded, pad.pointer(), GpuContext.ZERO, p.pool5, p5));
        CudaStatus.cudnn("cudnnActivationForward(ReLU of pool5)", cudnn.cudnnActivationForward(ctx.cudnnHandle, relu,
                GpuContext.ONE, p.pool5, p5, GpuContext.ZERO, p.pool5, p5));
        // fc6 (row-major): out (n x dim) = pool5 (n x inputs) * W (inputs x dim); column-major: out^T = W^T pool5^T
        if (precision == Precision.FP32) {
            CudaStatus.cublas("cublasSgemm(fc6, batch " + p.n + ")", cublas.cublasSgemm_v2(ctx.cublasHandle,
                    cublas.CUBLAS_OP_N, cublas.CUBLAS_OP_N, featureDimension, p.n, fc6Inputs, GpuContext.ONE,
                    new FloatPointer(fc6Weights.pointer()), featureDimension, new FloatPointer(p5), fc6Inputs,
                    GpuContext.ZERO, new FloatPointer(fc6Out.pointer()), featureDimension));
        } else {
            CudaStatus.cublas("cublasGemmEx(fc6, " + precision.key() + ", batch " + p.n + ")",
                    cublas.cublasGemmEx(ctx.cublasHandle, cublas.CUBLAS_OP_N, cublas.CUBLAS_OP_N, featureDimension,
                            p.n, fc6Inputs, GpuContext.ONE, fc6Weights.pointer(), precision.cudaType(),
                            featureDimension, p5, precision.cudaType(), fc6Inputs, GpuContext.ZERO, fc6Out.pointer(),
                            cudart.CUDA_R_32F, featureDimension, cublas.CUBLAS_COMPUTE_32F,
                            cublas.CUBLAS_GEMM_DEFAULT));
        }
        CudaStatus.cudnn("cudnnAddTensor(fc6 bias)", cudnn.cudnnAddTensor(ctx.cudnnHandle, GpuContext.ONE,
                fc6BiasDesc, fc6Bias.pointer(), GpuContext.ONE, p.fc6, fc6Out.pointer()));
        CudaStatus.cudnn("cudnnActivationForward(ReLU of fc6)", cudnn.cudnnActivationForward(ctx.cudnnHandle, relu,
                GpuContext.ONE, p.fc6, fc6Out.pointer(), GpuContext.ZERO, p.fc6, fc6Out.pointer()));
    }

    private Pointer workspacePointer() {
        return scratch.workspace == null ? null : scratch.workspace.pointer();
    }

    private long workspaceBytes() {
        return scratch.workspace == null ? 0 : scratch.workspace.bytes();
    }

    /** The descriptors and algorithms for one batch size (cached; the least recently used are dropped). */
    private Plan plan(int n) {
        Plan p = scratch.plans.get(n);
        if (p != null) {
            return p;
        }
        if (scratch.plans.size() >= MAX_PLANS) {
            var eldest = scratch.plans.entrySet().iterator().next();
            scratch.plans.remove(eldest.getKey());
            eldest.getValue().destroy();
        }
        p = new Plan(n);
        boolean ok = false;
        try {
            for (int i = 0; i < CONV; i++) {
                p.in[i] = p.keep(tensor(n, convIn[i], layout));
                p.out[i] = p.keep(tensor(n, convOut[i], layout));
                if (POOL_AFTER[i] > 0) {
                    p.pooled[i] = p.keep(tensor(n, pooled[i], layout));
                }
                choose(p, i);
            }
            p.padTarget = p.keep(tensor(n, convOut[CONV - 1], layout.strides(n, padded.c(), padded.d(), padded.h(),
                    padded.w())));
            p.padded = p.keep(tensor(n, padded, layout));
            p.pool5 = p.keep(tensor(n, pool5, layout));
            p.fc6 = p.keep(tensor4d(n, featureDimension));
            ok = true;
        } finally {
            if (!ok) {
                p.destroy();
            }
        }
        scratch.plans.put(n, p);
        long needed = 0;
        for (long b : p.workspace) {
            needed = Math.max(needed, b);
        }
        if (needed > workspaceBytes()) {
            ctx.synchronize(); // the old workspace may still be in use
            DeviceMemory old = scratch.workspace;
            scratch.workspace = null;
            if (old != null) {
                old.close();
            }
            scratch.workspace = DeviceMemory.device(needed, "cuDNN workspace");
        }
        return p;
    }

    /** cuDNN's ranked heuristics: the best algorithm that fits the workspace limit (and, for fp32, uses no TF32). */
    private void choose(Plan p, int i) {
        int requested = 8;
        cudnnConvolutionFwdAlgoPerf_t perf = new cudnnConvolutionFwdAlgoPerf_t(requested);
        IntPointer returned = new IntPointer(1);
        CudaStatus.cudnn("cudnnGetConvolutionForwardAlgorithm_v7(" + C3dWeights.CONV_NAMES.get(i) + ")",
                cudnn.cudnnGetConvolutionForwardAlgorithm_v7(ctx.cudnnHandle, p.in[i], filters[i], convDesc, p.out[i],
                        requested, returned, perf));
        for (int r = 0; r < returned.get(); r++) {
            cudnnConvolutionFwdAlgoPerf_t c = perf.getPointer(r);
            if (c.status() != cudnn.CUDNN_STATUS_SUCCESS || c.memory() > workspaceLimit) {
                continue;
            }
            if (precision == Precision.FP32 && (c.mathType() == cudnn.CUDNN_TENSOR_OP_MATH
                    || c.mathType() == cudnn.CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION)) {
                continue;
            }
            SizeTPointer bytes = new SizeTPointer(1);
            CudaStatus.cudnn("cudnnGetConvolutionForwardWorkspaceSize(" + C3dWeights.CONV_NAMES.get(i) + ")",
                    cudnn.cudnnGetConvolutionForwardWorkspaceSize(ctx.cudnnHandle, p.in[i], filters[i], convDesc,
                            p.out[i], c.algo(), bytes));
            if (bytes.get() > workspaceLimit) {
                continue;
            }
            p.algos[i] = c.algo();
            p.workspace[i] = bytes.get();
            return;
        }
        throw new CudaException(CudaLibrary.CUDNN, "cudnnGetConvolutionForwardAlgorithm_v7 found no "
                + precision.key() + " " + layout.key() + " algorithm for " + C3dWeights.CONV_NAMES.get(i)
                + " at batch " + p.n + " within " + (workspaceLimit >> 20) + " MiB of workspace",
                cudnn.CUDNN_STATUS_NOT_SUPPORTED, null);
    }

    /** Tensor descriptors and chosen algorithms for a batch of {@code n} snippets. */
    private static final class Plan {
        final int n;
        final cudnnTensorStruct[] in = new cudnnTensorStruct[CONV];
        final cudnnTensorStruct[] out = new cudnnTensorStruct[CONV];
        final cudnnTensorStruct[] pooled = new cudnnTensorStruct[CONV];
        cudnnTensorStruct padTarget;
        cudnnTensorStruct padded;
        cudnnTensorStruct pool5;
        cudnnTensorStruct fc6;
        final int[] algos = new int[CONV];
        final long[] workspace = new long[CONV];
        private final List<cudnnTensorStruct> all = new ArrayList<>();

        Plan(int n) {
            this.n = n;
        }

        cudnnTensorStruct keep(cudnnTensorStruct t) {
            all.add(t);
            return t;
        }

        void destroy() {
            for (cudnnTensorStruct t : all) {
                cudnn.cudnnDestroyTensorDescriptor(t);
            }
            all.clear();
        }
    }

    /**
     * What changes size after construction (plans, the workspace, the pinned output); kept apart from the network
     * so that the context's cleaner can release it without holding the network.
     */
    private static final class Scratch {
        final Map<Integer, Plan> plans = new LinkedHashMap<>(16, 0.75f, true);
        DeviceMemory workspace;
        DeviceMemory pinnedOut;

        synchronized void release() {
            for (Plan p : plans.values()) {
                p.destroy();
            }
            plans.clear();
            if (workspace != null) {
                workspace.close();
                workspace = null;
            }
            if (pinnedOut != null) {
                pinnedOut.close();
                pinnedOut = null;
            }
        }
    }

    // ---- descriptors and uploads ----

    private cudnnTensorStruct tensor(int n, Shape s, Layout l) {
        return tensor(n, s, l.strides(n, s.c(), s.d(), s.h(), s.w()));
    }

    private cudnnTensorStruct tensor(int n, Shape s, int[] strides) {
        cudnnTensorStruct t = new cudnnTensorStruct();
        CudaStatus.cudnn("cudnnCreateTensorDescriptor", cudnn.cudnnCreateTensorDescriptor(t));
        int[] dims = {n, s.c(), s.d(), s.h(), s.w()};
        int code = cudnn.cudnnSetTensorNdDescriptor(t, precision.cudnnType(), 5, new IntPointer(dims),
                new IntPointer(strides));
        if (code != 0) {
            cudnn.cudnnDestroyTensorDescriptor(t);
            CudaStatus.cudnn("cudnnSetTensorNdDescriptor(" + java.util.Arrays.toString(dims) + ", strides "
                    + java.util.Arrays.toString(strides) + ")", code);
        }
        return t;
    }

    /** A 4-D fp32 tensor (n, c, 1, 1): fc6's output (n rows of c) and its bias. */
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

    private cudnnFilterStruct filterDescriptor(int out, int in) {
        cudnnFilterStruct f = new cudnnFilterStruct();
        CudaStatus.cudnn("cudnnCreateFilterDescriptor", cudnn.cudnnCreateFilterDescriptor(f));
        ctx.release(() -> cudnn.cudnnDestroyFilterDescriptor(f));
        int format = layout == Layout.NDHWC ? cudnn.CUDNN_TENSOR_NHWC : cudnn.CUDNN_TENSOR_NCHW;
        CudaStatus.cudnn("cudnnSetFilterNdDescriptor(" + out + ", " + in + ", 3, 3, 3)",
                cudnn.cudnnSetFilterNdDescriptor(f, precision.cudnnType(), format, 5,
                        new IntPointer(new int[] {out, in, 3, 3, 3})));
        return f;
    }

    private cudnnConvolutionStruct convolutionDescriptor() {
        cudnnConvolutionStruct c = new cudnnConvolutionStruct();
        CudaStatus.cudnn("cudnnCreateConvolutionDescriptor", cudnn.cudnnCreateConvolutionDescriptor(c));
        ctx.release(() -> cudnn.cudnnDestroyConvolutionDescriptor(c));
        IntPointer ones = new IntPointer(new int[] {1, 1, 1});
        // fp32 accumulation in every mode; C3D's convolutions are cross-correlations
        CudaStatus.cudnn("cudnnSetConvolutionNdDescriptor", cudnn.cudnnSetConvolutionNdDescriptor(c, 3, ones, ones,
                ones, cudnn.CUDNN_CROSS_CORRELATION, cudnn.CUDNN_DATA_FLOAT));
        int math = precision == Precision.FP32 ? cudnn.CUDNN_FMA_MATH : cudnn.CUDNN_TENSOR_OP_MATH;
        CudaStatus.cudnn("cudnnSetConvolutionMathType", cudnn.cudnnSetConvolutionMathType(c, math));
        return c;
    }

    private cudnnPoolingStruct poolingDescriptor(int depth) {
        cudnnPoolingStruct p = new cudnnPoolingStruct();
        CudaStatus.cudnn("cudnnCreatePoolingDescriptor", cudnn.cudnnCreatePoolingDescriptor(p));
        ctx.release(() -> cudnn.cudnnDestroyPoolingDescriptor(p));
        int[] window = {depth, 2, 2};
        CudaStatus.cudnn("cudnnSetPoolingNdDescriptor(" + depth + "x2x2)", cudnn.cudnnSetPoolingNdDescriptor(p,
                cudnn.CUDNN_POOLING_MAX, cudnn.CUDNN_PROPAGATE_NAN, 3, new IntPointer(window),
                new IntPointer(new int[] {0, 0, 0}), new IntPointer(window)));
        return p;
    }

    private cudnnActivationStruct activationDescriptor() {
        cudnnActivationStruct a = new cudnnActivationStruct();
        CudaStatus.cudnn("cudnnCreateActivationDescriptor", cudnn.cudnnCreateActivationDescriptor(a));
        ctx.release(() -> cudnn.cudnnDestroyActivationDescriptor(a));
        CudaStatus.cudnn("cudnnSetActivationDescriptor(ReLU)", cudnn.cudnnSetActivationDescriptor(a,
                cudnn.CUDNN_ACTIVATION_RELU, cudnn.CUDNN_PROPAGATE_NAN, 0.0));
        return a;
    }

    /** Convolution weights (out, in, 3, 3, 3) as the layout wants them: unchanged, or (out, 3, 3, 3, in). */
    private float[] convWeightsInLayout(C3dWeights w, int i) {
        float[] src = w.convWeights(i).data();
        if (layout == Layout.NCDHW) {
            return src;
        }
        int out = w.convWeights(i).dim(0);
        int in = w.convWeights(i).dim(1);
        float[] dst = new float[src.length];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < in; c++) {
                for (int t = 0; t < 27; t++) {
                    dst[(o * 27 + t) * in + c] = src[(o * in + c) * 27 + t];
                }
            }
        }
        return dst;
    }

    /**
     * fc6's weights (inputs, outputs) with their rows in the order pool5's output lies: the released order
     * (channel, depth, height, width) for channels first; (depth, height, width, channel) for channels last.
     */
    private float[] fc6WeightsInLayout(C3dWeights w) {
        float[] src = w.fc6Weights().data();
        if (layout == Layout.NCDHW) {
            return src;
        }
        int c = pool5.c();
        int s = (int) pool5.spatial();
        int dim = featureDimension;
        float[] dst = new float[src.length];
        for (int ch = 0; ch < c; ch++) {
            for (int sp = 0; sp < s; sp++) {
                System.arraycopy(src, (ch * s + sp) * dim, dst, (sp * c + ch) * dim, dim);
            }
        }
        return dst;
    }

    /** Copies values to new GPU memory in the given format (converted on the GPU); queued on the compute stream. */
    private DeviceMemory upload(float[] values, Precision format, String what) {
        DeviceMemory target = ctx.device((long) values.length * format.bytes(), what);
        FloatPointer host = new FloatPointer(values);
        try {
            if (format == Precision.FP32) {
                CudaStatus.cuda("cudaMemcpyAsync(" + what + ")", cudart.cudaMemcpyAsync(target.pointer(), host,
                        (long) values.length * Float.BYTES, cudart.cudaMemcpyHostToDevice, ctx.compute));
                ctx.synchronize();
            } else {
                try (DeviceMemory tmp = DeviceMemory.device((long) values.length * Float.BYTES, what + " (fp32)")) {
                    CudaStatus.cuda("cudaMemcpyAsync(" + what + ")", cudart.cudaMemcpyAsync(tmp.pointer(), host,
                            (long) values.length * Float.BYTES, cudart.cudaMemcpyHostToDevice, ctx.compute));
                    kernels.convert(tmp.pointer(), target.pointer(), format, values.length, ctx.compute);
                    ctx.synchronize();
                }
            }
        } finally {
            host.close();
        }
        return target;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the GPU network is closed");
        }
    }

    /** Frees the GPU memory, descriptors, handles and streams; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            ctx.makeCurrent();
            ctx.synchronize();
        } catch (CudaException e) {
            LOG.warn("video2gif: {}", e.getMessage());
        }
        ctx.close();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "GpuC3dNetwork[%s, %s %s, chunk %d, fc6 %d]", ctx.device().name(),
                precision.key(), layout.key(), maxChunk, featureDimension);
    }
}
