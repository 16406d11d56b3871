package io.github.video2gif.cuda;

import io.github.video2gif.api.spi.Availability;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** GPU tests skip, with the probe's reason, where no GPU can run the backend. */
final class Gpu {
    private Gpu() {
    }

    /** The device index GPU tests use: system property video2gif.cuda.device, default 0. */
    static int device() {
        return Integer.getInteger("video2gif.cuda.device", 0);
    }

    static GpuDevice assume() {
        Availability a = CudaProbe.availability(device());
        assumeTrue(a.available(), () -> "no GPU: " + a.reason());
        return CudaProbe.probe(device()).device().orElseThrow();
    }

    /** Largest |a - b| over a row, divided by the largest |b| (the CPU's value) of that row. */
    static double rowError(float[] gpu, float[] cpu) {
        double err = 0;
        double max = 0;
        for (int i = 0; i < cpu.length; i++) {
            err = Math.max(err, Math.abs(gpu[i] - cpu[i]));
            max = Math.max(max, Math.abs(cpu[i]));
        }
        return max == 0 ? err : err / max;
    }
}
