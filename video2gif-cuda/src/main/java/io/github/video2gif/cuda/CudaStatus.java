package io.github.video2gif.cuda;

import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.cudnn;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The one place where the status of every CUDA runtime, driver, cuBLAS, cuDNN and NVRTC call is checked: a
 * call's result goes through {@link #check}, and anything but success becomes a {@link CudaException} that names
 * the call, the code, its symbolic name and the library's own description.
 *
 * <pre>{@code
 * CudaStatus.cuda("cudaMalloc(" + bytes + " bytes)", cudart.cudaMalloc(p, bytes));
 * CudaStatus.cudnn("cudnnConvolutionForward", cudnn.cudnnConvolutionForward(...));
 * }</pre>
 */
public final class CudaStatus {
    private CudaStatus() {
    }

    /**
     * Throws a {@link CudaException} unless {@code code} is the library's success code (0 for all five).
     *
     * @param call what was called, for the message
     */
    public static void check(CudaLibrary library, String call, int code) {
        if (code != 0) {
            throw new CudaException(library, call, code, describe(library, code));
        }
    }

    /** Checks a CUDA runtime status ({@code cudaError_t}). */
    public static void cuda(String call, int code) {
        check(CudaLibrary.CUDART, call, code);
    }

    /** Checks a CUDA driver status ({@code CUresult}). */
    public static void driver(String call, int code) {
        check(CudaLibrary.DRIVER, call, code);
    }

    /** Checks a cuBLAS status. */
    public static void cublas(String call, int code) {
        check(CudaLibrary.CUBLAS, call, code);
    }

    /** Checks a cuDNN status. */
    public static void cudnn(String call, int code) {
        check(CudaLibrary.CUDNN, call, code);
    }

    /** Checks an NVRTC status. */
    public static void nvrtc(String call, int code) {
        check(CudaLibrary.NVRTC, call, code);
    }

    /**
     * The library's own description of a code, when its native library is loaded; otherwise (or when it has
     * none) null. Never throws.
     */
    static String describe(CudaLibrary library, int code) {
        if (!CudaProbe.loaded(library)) {
            return null; // never trigger a failing native load from an error path
        }
        try {
            return switch (library) {
                case CUDART -> string(cudart.cudaGetErrorString(code));
                case DRIVER -> {
                    PointerPointer<BytePointer> out = new PointerPointer<>(1);
                    if (cudart.cuGetErrorString(code, out) != 0 || out.get(0) == null) {
                        yield null;
                    }
                    yield out.getString(0);
                }
                case CUBLAS -> string(cublas.cublasGetStatusString(code));
                case CUDNN -> string(cudnn.cudnnGetErrorString(code));
                case NVRTC -> string(nvrtc.nvrtcGetErrorString(code));
            };
        } catch (LinkageError | RuntimeException e) { // natives absent: only the code's name is known
            return null;
        }
    }

    private static String string(BytePointer p) {
        return p == null || p.isNull() ? null : p.getString();
    }
}
