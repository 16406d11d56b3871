package io.github.video2gif.bench;

import io.github.video2gif.cuda.GpuDevice;
import io.github.video2gif.cuda.Precision;

import java.util.OptionalDouble;

/**
 * A GPU's dense peak floating-point rate from its SM count, its reported (boost) SM clock and the per-SM rate of
 * its architecture: fp32 on the CUDA cores (fp32 mode keeps TF32 off), fp16/bf16 with fp32 accumulation on the
 * tensor cores. NVIDIA's datasheets quote the tensor rates at a lower clock for some parts (H100 SXM: 989 TFLOP/s
 * fp16/bf16 dense at 1830 MHz, while the device reports 1980 MHz), so the fraction given against this is a lower
 * bound of the datasheet fraction.
 */
final class DevicePeak {
    private DevicePeak() {
    }

    /** FLOP per clock per SM (two per multiply-add), or empty for an architecture not in the table. */
    static OptionalDouble flopsPerClockPerSm(int computeCapability, Precision precision) {
        boolean fp32 = precision == Precision.FP32;
        return switch (computeCapability) {
            case 75 -> OptionalDouble.of(fp32 ? 128 : 1024);            // Turing (T4)
            case 80 -> OptionalDouble.of(fp32 ? 128 : 2048);            // A100
            case 86, 87, 89 -> OptionalDouble.of(fp32 ? 256 : 1024);    // A10/A40, Orin, L4/L40 (fp32 accumulate)
            case 90 -> OptionalDouble.of(fp32 ? 256 : 4096);            // H100, H200
            case 100, 103 -> OptionalDouble.of(fp32 ? 256 : 8192);      // B200, B300
            default -> OptionalDouble.empty();
        };
    }

    /** Peak FLOP/s of the device for a precision, or empty when the architecture is not in the table. */
    static OptionalDouble peak(GpuDevice d, Precision precision) {
        OptionalDouble perSm = flopsPerClockPerSm(d.computeCapability(), precision);
        if (perSm.isEmpty() || d.clockKhz() <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(perSm.getAsDouble() * d.multiprocessors() * d.clockKhz() * 1e3);
    }
}
