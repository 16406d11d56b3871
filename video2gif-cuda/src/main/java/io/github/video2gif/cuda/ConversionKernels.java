package io.github.video2gif.cuda;

import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two small kernels cuDNN and cuBLAS do not offer: fp32 input snippets converted to the network's number
 * format (fp32, fp16 or bf16, round to nearest even), either as they lie or reordered from channels last to
 * channels first. Compiled once per device with NVRTC to machine code for the device's exact architecture (a
 * cubin, so a runtime newer than the driver never needs the driver to JIT PTX), and loaded into the primary
 * context with the driver API.
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
        byte[] cubin = nvrtcCubin(device.smArchitecture());
        CUmod_st module = new CUmod_st();
        BytePointer image = new BytePointer(cubin.length);
        image.put(cubin, 0, cubin.length);
        CudaStatus.driver("cuModuleLoadData (conversion kernels for " + device.smArchitecture() + ")",
                cudart.cuModuleLoadData(module, image));
        CUfunc_st convert = new CUfunc_st();
        CudaStatus.driver("cuModuleGetFunction(v2g_convert)", cudart.cuModuleGetFunction(convert, module,
                "v2g_convert"));
        CUfunc_st channelsFirst = new CUfunc_st();
        CudaStatus.driver("cuModuleGetFunction(v2g_channels_first)", cudart.cuModuleGetFunction(channelsFirst,
                module, "v2g_channels_first"));
        return new ConversionKernels(convert, channelsFirst, device.multiprocessors());
    }

    /** Compiles {@link #SOURCE} for one architecture, e.g. sm_90; compiler errors carry NVRTC's log. */
    static byte[] nvrtcCubin(String architecture) {
        _nvrtcProgram program = new _nvrtcProgram();
        CudaStatus.nvrtc("nvrtcCreateProgram", nvrtc.nvrtcCreateProgram(program, new BytePointer(SOURCE),
                new BytePointer("video2gif_conversion.cu"), 0, (PointerPointer<?>) null, (PointerPointer<?>) null));
        try {
            PointerPointer<BytePointer> options = new PointerPointer<>("--gpu-architecture=" + architecture,
                    "--std=c++17");
            int code = nvrtc.nvrtcCompileProgram(program, 2, options);
            if (code != 0) {
                throw new CudaException(CudaLibrary.NVRTC, "nvrtcCompileProgram(" + architecture + "): "
                        + log(program), code, CudaStatus.describe(CudaLibrary.NVRTC, code));
            }
            SizeTPointer size = new SizeTPointer(1);
            CudaStatus.nvrtc("nvrtcGetCUBINSize", nvrtc.nvrtcGetCUBINSize(program, size));
            BytePointer cubin = new BytePointer(size.get());
            CudaStatus.nvrtc("nvrtcGetCUBIN", nvrtc.nvrtcGetCUBIN(program, cubin));
            byte[] out = new byte[(int) size.get()];
            cubin.get(out);
            return out;
        } finally {
            nvrtc.nvrtcDestroyProgram(program);
        }
    }

    private static String log(_nvrtcProgram program) {
        SizeTPointer size = new SizeTPointer(1);
        if (nvrtc.nvrtcGetProgramLogSize(program, size) != 0 || size.get() <= 1) {
            return "(no log)";
        }
        BytePointer log = new BytePointer(size.get());
        nvrtc.nvrtcGetProgramLog(program, log);
        return log.getString().strip();
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
        if (n == 0) {
            return;
        }
        int threads = 256;
        int blocks = (int) Math.min(maxBlocks, (n + threads - 1) / threads);
        PointerPointer<Pointer> params = new PointerPointer<>(args);
        CudaStatus.driver("cuLaunchKernel(" + name + ", " + n + " values)", cudart.cuLaunchKernel(function,
                blocks, 1, 1, threads, 1, 1, 0, stream, params, (PointerPointer<?>) null));
    }

    private static Pointer ptr(Pointer p) {
        return new LongPointer(1).put(p.address() + p.position());
    }

    private static Pointer i32(int v) {
        return new IntPointer(1).put(v);
    }

    private static Pointer i64(long v) {
        return new LongPointer(1).put(v);
    }
}
