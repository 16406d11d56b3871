package io.github.video2gif.cuda;

import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.Pointer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.github.video2gif.cuda.NvrtcModule.f32;
import static io.github.video2gif.cuda.NvrtcModule.i32;
import static io.github.video2gif.cuda.NvrtcModule.i64;
import static io.github.video2gif.cuda.NvrtcModule.ptr;

/**
 * The elementwise kernels of RankNet training that cuBLAS does not offer ({@link GpuRankNetSgd}): the batch
 * gathered from the feature table with inverted input dropout, bias + ReLU + dropout of a layer's output, the
 * backward pass through the dropout mask and the ReLU, and the Nesterov update. Dropout masks come from the
 * trainer's {@code SplitMixStream}: value {@code k} of the stream of {@code seed} is computed here exactly as in
 * Java ({@code java.util.SplittableRandom(seed).nextFloat()}, SplitMix64), so the GPU and the CPU drop the same
 * units. Written in plain single-precision arithmetic in the same order as the CPU's, compiled once per device by
 * {@link NvrtcModule}.
 */
final class TrainingKernels {
    static final String SOURCE = """
            typedef unsigned long long v2g_u64;

            // value `position` of java.util.SplittableRandom(seed).nextFloat(), bit for bit
            __device__ __forceinline__ float v2g_split_mix_float(v2g_u64 seed, v2g_u64 position) {
                v2g_u64 z = seed + (position + 1ull) * 0x9e3779b97f4a7c15ull;
                z = (z ^ (z >> 33)) * 0x62a9d9ed799705f5ull;
                unsigned int r = (unsigned int) (((z ^ (z >> 28)) * 0xcb24d0a5c88c35b3ull) >> 32);
                return __uint2float_rn(r >> 8) * 5.9604644775390625e-08f;
            }

            extern "C" __global__ void v2g_split_mix_floats(float* __restrict__ out, long long n, v2g_u64 seed,
                                                            v2g_u64 position) {
                long long step = (long long) gridDim.x * blockDim.x;
                for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < n; i += step) {
                    out[i] = v2g_split_mix_float(seed, position + (v2g_u64) i);
                }
            }

            // out[r * d + j] = feature j of table row rowsOf[r] (of row r when rowsOf is null: in place), kept
            // with probability `keep` and then scaled by `scale` when `dropout` is set
            extern "C" __global__ void v2g_gather_dropout(const float* table, const int* __restrict__ rowsOf,
                                                          float* out, int rows, int d, int dropout, float keep,
                                                          float scale, v2g_u64 seed, v2g_u64 position) {
                long long n = (long long) rows * d;
                long long step = (long long) gridDim.x * blockDim.x;
                for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < n; i += step) {
                    long long r = i / d;
                    long long j = i - r * d;
                    long long row = rowsOf != nullptr ? (long long) rowsOf[r] : r;
                    float v = table[row * d + j];
                    if (dropout) {
                        v = v2g_split_mix_float(seed, position + (v2g_u64) i) < keep ? v * scale : 0.0f;
                    }
                    out[i] = v;
                }
            }

            // z (rows x cols, row-major) += bias per column; then, with relu, ReLU; then, with dropout, times a
            // mask of `scale` (kept) or 0 drawn from the stream, which is also written to `mask`
            extern "C" __global__ void v2g_bias_relu_dropout(float* z, const float* __restrict__ bias,
                                                             float* __restrict__ mask, int rows, int cols, int relu,
                                                             int dropout, float keep, float scale, v2g_u64 seed,
                                                             v2g_u64 position) {
                long long n = (long long) rows * cols;
                long long step = (long long) gridDim.x * blockDim.x;
                for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < n; i += step) {
                    float v = z[i] + bias[i % cols];
                    if (relu) {
                        v = v > 0.0f ? v : 0.0f;
                        if (dropout) {
                            float m = v2g_split_mix_float(seed, position + (v2g_u64) i) < keep ? scale : 0.0f;
                            mask[i] = m;
                            v = v * m;
                        }
                    }
                    z[i] = v;
                }
            }

            // the gradient through a hidden layer's dropout (mask may be null) and ReLU (a: its output)
            extern "C" __global__ void v2g_relu_dropout_backward(float* delta, const float* __restrict__ mask,
                                                                 const float* __restrict__ a, long long n) {
                long long step = (long long) gridDim.x * blockDim.x;
                for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < n; i += step) {
                    float v = delta[i];
                    if (mask != nullptr) {
                        v = v * mask[i];
                    }
                    delta[i] = v * (a[i] > 0.0f ? 1.0f : 0.0f);
                }
            }

            // Nesterov momentum as Lasagne writes it: v = mu v - lr g; p = p + mu v - lr g
            extern "C" __global__ void v2g_nesterov(float* __restrict__ theta, float* __restrict__ velocity,
                                                    const float* __restrict__ grad, long long n, float mu,
                                                    float negLr) {
                long long step = (long long) gridDim.x * blockDim.x;
                for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < n; i += step) {
                    float g = grad[i];
                    float v = fmaf(negLr, g, velocity[i] * mu);
                    velocity[i] = v;
                    theta[i] = fmaf(negLr, g, fmaf(mu, v, theta[i]));
                }
            }
            """;

    private static final Map<Integer, TrainingKernels> BY_DEVICE = new ConcurrentHashMap<>();

    private final CUfunc_st splitMix;
    private final CUfunc_st gather;
    private final CUfunc_st biasReluDropout;
    private final CUfunc_st backward;
    private final CUfunc_st nesterov;
    private final int maxBlocks;

    private TrainingKernels(CUmod_st module, int multiprocessors) {
        splitMix = NvrtcModule.function(module, "v2g_split_mix_floats");
        gather = NvrtcModule.function(module, "v2g_gather_dropout");
        biasReluDropout = NvrtcModule.function(module, "v2g_bias_relu_dropout");
        backward = NvrtcModule.function(module, "v2g_relu_dropout_backward");
        nesterov = NvrtcModule.function(module, "v2g_nesterov");
        maxBlocks = Math.max(1, multiprocessors) * 16;
    }

    /** The kernels for a device (compiled on first use; the device must be current). */
    static TrainingKernels forDevice(GpuDevice device) {
        return BY_DEVICE.computeIfAbsent(device.index(), i -> new TrainingKernels(
                NvrtcModule.load(device, SOURCE, "video2gif_training.cu"), device.multiprocessors()));
    }

    /** {@code out[i]} = value {@code position + i} of the dropout stream of {@code seed} (tests). */
    void splitMixFloats(Pointer out, long n, long seed, long position, CUstream_st stream) {
        NvrtcModule.launch(splitMix, "v2g_split_mix_floats", n, maxBlocks, stream, ptr(out), i64(n), i64(seed),
                i64(position));
    }

    /**
     * Gathers {@code rows} rows of {@code d} features into {@code out}, with inverted dropout when
     * {@code dropout}.
     *
     * @param rowsOf device ints, the table row of each batch row; null: {@code table} is {@code out} (in place)
     */
    void gatherDropout(Pointer table, Pointer rowsOf, Pointer out, int rows, int d, boolean dropout, float keep,
                       float scale, long seed, long position, CUstream_st stream) {
        NvrtcModule.launch(gather, "v2g_gather_dropout", (long) rows * d, maxBlocks, stream, ptr(table), ptr(rowsOf),
                ptr(out), i32(rows), i32(d), i32(dropout ? 1 : 0), f32(keep), f32(scale), i64(seed), i64(position));
    }

    /** Adds the bias, then ReLU and dropout as asked; {@code mask} is written when {@code dropout}. */
    void biasReluDropout(Pointer z, Pointer bias, Pointer mask, int rows, int cols, boolean relu, boolean dropout,
                         float keep, float scale, long seed, long position, CUstream_st stream) {
        if (dropout && (mask == null || !relu)) {
            throw new IllegalArgumentException("dropout needs a mask buffer and a ReLU layer");
        }
        NvrtcModule.launch(biasReluDropout, "v2g_bias_relu_dropout", (long) rows * cols, maxBlocks, stream, ptr(z),
                ptr(bias), ptr(mask), i32(rows), i32(cols), i32(relu ? 1 : 0), i32(dropout ? 1 : 0), f32(keep),
                f32(scale), i64(seed), i64(position));
    }

    /** {@code delta *= mask * [a > 0]} over {@code n} values; {@code mask} may be null. */
    void reluDropoutBackward(Pointer delta, Pointer mask, Pointer a, long n, CUstream_st stream) {
        NvrtcModule.launch(backward, "v2g_relu_dropout_backward", n, maxBlocks, stream, ptr(delta), ptr(mask), ptr(a),
                i64(n));
    }

    /** The Nesterov update of {@code n} parameters. */
    void nesterov(Pointer theta, Pointer velocity, Pointer grad, long n, float momentum, float learningRate,
                  CUstream_st stream) {
        NvrtcModule.launch(nesterov, "v2g_nesterov", n, maxBlocks, stream, ptr(theta), ptr(velocity), ptr(grad),
                i64(n), f32(momentum), f32(-learningRate));
    }
}
