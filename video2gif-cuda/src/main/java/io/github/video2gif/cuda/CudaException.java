package io.github.video2gif.cuda;

import java.util.Objects;

/**
 * A CUDA runtime, driver, cuBLAS, cuDNN or NVRTC call returned an error. The message names the call, the
 * library, the numeric code, its symbolic name and the library's own description, and where one is known, what
 * to do about it: {@code cudnnConvolutionForward failed: cuDNN status 3000 CUDNN_STATUS_NOT_SUPPORTED (...)}.
 *
 * <p>Every status goes through {@link CudaStatus}, which throws this.
 */
public class CudaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final CudaLibrary library;
    private final String call;
    private final int code;

    /**
     * @param library     the library that returned the status
     * @param call        the function called (with its salient arguments, if useful)
     * @param code        the status code
     * @param description the library's description of the code, or null
     */
    public CudaException(CudaLibrary library, String call, int code, String description) {
        super(message(library, call, code, description));
        this.library = Objects.requireNonNull(library, "library");
        this.call = Objects.requireNonNull(call, "call");
        this.code = code;
    }

    static String message(CudaLibrary library, String call, int code, String description) {
        StringBuilder b = new StringBuilder();
        b.append(call).append(" failed: ").append(library.title()).append(" status ").append(code).append(' ')
                .append(library.codeName(code));
        if (description != null && !description.isBlank() && !description.equals(library.codeName(code))) {
            b.append(" (").append(description.strip()).append(')');
        }
        String hint = hint(library, code);
        if (hint != null) {
            b.append(": ").append(hint);
        }
        return b.toString();
    }

    private static String hint(CudaLibrary library, int code) {
        String name = library.codeName(code);
        if (name.equals("cudaErrorMemoryAllocation") || name.equals("CUDA_ERROR_OUT_OF_MEMORY")
                || name.equals("CUBLAS_STATUS_ALLOC_FAILED") || name.contains("DEVICE_ALLOCATION_FAILED")) {
            return "the GPU is out of memory; lower cuda.batch or free the GPU of other work";
        }
        if (name.equals("cudaErrorInsufficientDriver") || name.equals("CUDA_ERROR_SYSTEM_DRIVER_MISMATCH")
                || name.equals("cudaErrorSystemDriverMismatch")) {
            return "the NVIDIA driver is older than the CUDA 13 runtime needs; install driver 580 or newer";
        }
        if (name.equals("cudaErrorNoDevice") || name.equals("CUDA_ERROR_NO_DEVICE")) {
            return "no CUDA GPU is visible to this process (check the driver and CUDA_VISIBLE_DEVICES)";
        }
        if (name.equals("cudaErrorNoKernelImageForDevice") || name.equals("CUDA_ERROR_NO_BINARY_FOR_GPU")
                || name.equals("CUDNN_STATUS_NOT_SUPPORTED_ARCH_MISMATCH")) {
            return "the libraries have no code for this GPU's architecture";
        }
        return null;
    }

    /** The library that returned the status. */
    public CudaLibrary library() {
        return library;
    }

    /** The function that failed. */
    public String call() {
        return call;
    }

    /** The status code it returned. */
    public int code() {
        return code;
    }

    /** The code's symbolic name, e.g. {@code cudaErrorMemoryAllocation}. */
    public String codeName() {
        return library.codeName(code);
    }
}
