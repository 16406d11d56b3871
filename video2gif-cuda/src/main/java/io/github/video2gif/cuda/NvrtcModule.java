package io.github.video2gif.cuda;

import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * Small CUDA C++ kernels compiled at run time: NVRTC turns a source into machine code for the device's exact
 * architecture (a cubin, so a runtime newer than the driver never needs the driver to JIT PTX), the driver API
 * loads it into the current (primary) context, and {@link #launch} starts a grid-stride kernel over {@code n}
 * elements. Every status goes through {@link CudaStatus}; compiler errors carry NVRTC's log.
 */
final class NvrtcModule {
    static final int THREADS = 256;

    private NvrtcModule() {
    }

    /** Compiles {@code source} for {@code device} and loads it (the device must be current). */
    static CUmod_st load(GpuDevice device, String source, String fileName) {
        byte[] cubin = cubin(source, fileName, device.smArchitecture());
        CUmod_st module = new CUmod_st();
        BytePointer image = new BytePointer(cubin.length);
        image.put(cubin, 0, cubin.length);
        CudaStatus.driver("cuModuleLoadData (" + fileName + " for " + device.smArchitecture() + ")",
                cudart.cuModuleLoadData(module, image));
        return module;
    }

    /** A kernel of a loaded module. */
    static CUfunc_st function(CUmod_st module, String name) {
        CUfunc_st f = new CUfunc_st();
        CudaStatus.driver("cuModuleGetFunction(" + name + ")", cudart.cuModuleGetFunction(f, module, name));
        return f;
    }

    /** Compiles a source for one architecture, e.g. sm_90. */
    static byte[] cubin(String source, String fileName, String architecture) {
        _nvrtcProgram program = new _nvrtcProgram();
        CudaStatus.nvrtc("nvrtcCreateProgram(" + fileName + ")", nvrtc.nvrtcCreateProgram(program,
                new BytePointer(source), new BytePointer(fileName), 0, (PointerPointer<?>) null,
                (PointerPointer<?>) null));
        try {
            PointerPointer<BytePointer> options = new PointerPointer<>("--gpu-architecture=" + architecture,
                    "--std=c++17");
            int code = nvrtc.nvrtcCompileProgram(program, 2, options);
            if (code != 0) {
                throw new CudaException(CudaLibrary.NVRTC, "nvrtcCompileProgram(" + fileName + ", " + architecture
                        + "): " + log(program), code, CudaStatus.describe(CudaLibrary.NVRTC, code));
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

    /**
     * Launches a kernel that loops over {@code n} elements with a grid stride: {@value #THREADS} threads a block,
     * at most {@code maxBlocks} blocks. Nothing is launched for {@code n == 0}.
     *
     * @param args pointers to each argument's value ({@link #ptr}, {@link #i32}, {@link #i64}, {@link #f32}),
     *             freed when the launch returns
     */
    static void launch(CUfunc_st function, String name, long n, int maxBlocks, CUstream_st stream, Pointer... args) {
        if (n == 0) {
            return;
        }
        int blocks = (int) Math.min(maxBlocks, (n + THREADS - 1) / THREADS);
        PointerPointer<Pointer> params = new PointerPointer<>(args);
        try {
            int code = cudart.cuLaunchKernel(function, blocks, 1, 1, THREADS, 1, 1, 0, stream, params,
                    (PointerPointer<?>) null);
            if (code != 0) { // the message is built only on failure: training launches several kernels a batch
                CudaStatus.driver("cuLaunchKernel(" + name + ", " + n + " values)", code);
            }
        } finally {
            // the driver has copied the arguments when the launch returns: free them now, not at some GC
            params.close();
            for (Pointer a : args) {
                a.close();
            }
        }
    }

    /** A device pointer argument (null: a null pointer). */
    static Pointer ptr(Pointer p) {
        return new LongPointer(1).put(p == null ? 0 : p.address() + p.position());
    }

    static Pointer i32(int v) {
        return new IntPointer(1).put(v);
    }

    static Pointer i64(long v) {
        return new LongPointer(1).put(v);
    }

    static Pointer f32(float v) {
        return new FloatPointer(1).put(v);
    }
}
