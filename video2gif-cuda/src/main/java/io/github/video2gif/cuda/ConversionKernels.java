package io.github.video2gif.cuda;

import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.javacpp.Pointer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two small kernels cuDNN and cuBLAS do not offer: fp32 input snippets converted to the network's number
 * format (fp32, fp16 or bf16, round to nearest even), either as they lie or reordered from channels last to
 * channels first. Compiled once per device by {@link NvrtcModule} (NVRTC to a cubin for the device's exact
 * architecture, loaded into the primary context with the driver API).
 */
final class ConversionKernels {
    static final String SOURCE = """
            __device__ __forceinline__ void v2g_store(void* out, long long i, float v, int mode) {
                if (mode == 0) {
                    ((float*) out)[i] = v;
                } else if (mode == 1) {
                    unsigned short h;
                    asm("cvt.rn.f16.f32 %0, %1;" : "=h"(h) : "f"(v));
                    ((unsigned short*) out)[i] = h;
                } else {
                    unsigned int u = __float_as_uint(v);
                    unsigned short b;
                    if ((u & 0x7f800000u) == 0x7f800000u && (u & 0x007fffffu) != 0u) {
                        b = (unsigned short) ((u >> 16) | 0x0040u);
                    } else {
                        b = (unsigned short) ((u + 0x7fffu + ((u >> 16) & 1u)) >> 16);
                    }
                    ((unsigned short*) out)[i] = b;
                }
            }

            extern "C" __global__ void v2g_convert(const float* __restrict__ in, void* __restrict__ out, int mode,
                                                   long long n) {
                long long step = (long long) gridDim.x * blockDim.x;
                for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < n; i += step) {
                    v2g_store(out, i, in[i], mode);
                }
            }

            extern "C" __global__ void v2g_channels_first(const float* __restrict__ in, void* __restrict__ out,
                                                          int mode, long long n, int channels, long long spatial) {
                long long step = (long long) gridDim.x * blockDim.x;
                for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < n; i += step) {
                    long long s = i % spatial;
                    long long t = i / spatial;
                    long long c = t % channels;
                    long long b = t / channels;
                    v2g_store(out, i, in[(b * spatial + s) * channels + c], mode);
                }
            }
            """;

    private static final Map<Integer, ConversionKernels> BY_DEVICE = new ConcurrentHashMap<>();

    private final CUfunc_st convert;
    private final CUfunc_st channelsFirst;
    private final int maxBlocks;

    private ConversionKernels(CUfunc_st convert, CUfunc_st channelsFirst, int multiprocessors) {
        this.convert = convert;
        this.channelsFirst = channelsFirst;
        this.maxBlocks = Math.max(1, multiprocessors) * 16;
    }

    /** The kernels for a device (compiled on first use; the device must be current). */
    static ConversionKernels forDevice(GpuDevice device) {
        return BY_DEVICE.computeIfAbsent(device.index(), i -> compile(device));
    }

    private static ConversionKernels compile(GpuDevice device) {
        CUmod_st module = NvrtcModule.load(device, SOURCE, "video2gif_conversion.cu");
        return new ConversionKernels(NvrtcModule.function(module, "v2g_convert"),
                NvrtcModule.function(module, "v2g_channels_first"), device.multiprocessors());
    }

    /** Compiles {@link #SOURCE} for one architecture, e.g. sm_90; compiler errors carry NVRTC's log. */
    static byte[] nvrtcCubin(String architecture) {
        return NvrtcModule.cubin(SOURCE, "video2gif_conversion.cu", architecture);
    }

    /** {@code out[i] = format(in[i])} for {@code n} values, on {@code stream}. */
    void convert(Pointer in, Pointer out, Precision format, long n, CUstream_st stream) {
        launch(convert, "v2g_convert", n, stream, ptr(in), ptr(out), i32(format.kernelMode()), i64(n));
    }

    /**
     * Reorders {@code batch} tensors (spatial, channels) channels last into (channels, spatial), converting the
     * number format.
     */
    void channelsFirst(Pointer in, Pointer out, Precision format, int batch, int channels, long spatial,
                       CUstream_st stream) {
        long n = (long) batch * channels * spatial;
        launch(channelsFirst, "v2g_channels_first", n, stream, ptr(in), ptr(out), i32(format.kernelMode()), i64(n),
                i32(channels), i64(spatial));
    }

    private void launch(CUfunc_st function, String name, long n, CUstream_st stream, Pointer... args) {
        NvrtcModule.launch(function, name, n, maxBlocks, stream, args);
    }

    private static Pointer ptr(Pointer p) {
        return NvrtcModule.ptr(p);
    }

    private static Pointer i32(int v) {
        return NvrtcModule.i32(v);
    }

    private static Pointer i64(long v) {
        return NvrtcModule.i64(v);
    }
}
