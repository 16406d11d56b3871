package io.github.video2gif.cuda;

import java.util.Locale;

/**
 * The number format of C3D's activations and weights on the GPU ({@code cuda.precision}). Accumulation is
 * always in fp32, and fc6's output is fp32 in every mode.
 */
public enum Precision {
    /** IEEE single precision on the CUDA cores; TF32 tensor cores are kept off, so results match the CPU. */
    FP32(4, 0),
    /** IEEE half precision on the tensor cores (10-bit mantissa, largest value 65504). */
    FP16(2, 1),
    /** bfloat16 on the tensor cores (8-bit mantissa, the range of fp32); needs compute capability 8.0. */
    BF16(2, 2);

    private final int bytes;
    private final int kernelMode;

    Precision(int bytes, int kernelMode) {
        this.bytes = bytes;
        this.kernelMode = kernelMode;
    }

    /** Bytes per value. */
    public int bytes() {
        return bytes;
    }

    /** The value the conversion kernels take for this format. */
    int kernelMode() {
        return kernelMode;
    }

    /** cuDNN's data type constant. */
    int cudnnType() {
        return switch (this) {
            case FP32 -> org.bytedeco.cuda.global.cudnn.CUDNN_DATA_FLOAT;
            case FP16 -> org.bytedeco.cuda.global.cudnn.CUDNN_DATA_HALF;
            case BF16 -> org.bytedeco.cuda.global.cudnn.CUDNN_DATA_BFLOAT16;
        };
    }

    /** The CUDA library data type constant (cuBLAS). */
    int cudaType() {
        return switch (this) {
            case FP32 -> org.bytedeco.cuda.global.cudart.CUDA_R_32F;
            case FP16 -> org.bytedeco.cuda.global.cudart.CUDA_R_16F;
            case BF16 -> org.bytedeco.cuda.global.cudart.CUDA_R_16BF;
        };
    }

    /** The lower-case name used in settings: fp32, fp16, bf16. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a setting value.
     *
     * @throws IllegalArgumentException for anything but fp32, fp16 or bf16
     */
    public static Precision parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        for (Precision p : values()) {
            if (p.key().equals(v)) {
                return p;
            }
        }
        throw new IllegalArgumentException("cuda.precision must be fp32, fp16 or bf16, was \"" + value + "\"");
    }
}
