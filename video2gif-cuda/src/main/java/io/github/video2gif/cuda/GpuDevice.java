package io.github.video2gif.cuda;

import java.util.Locale;

/**
 * What the probe learnt about one CUDA device and the libraries that drive it.
 *
 * @param index           the CUDA device index
 * @param name            the device's name, e.g. "NVIDIA H100 80GB HBM3"
 * @param major           compute capability, major
 * @param minor           compute capability, minor
 * @param multiprocessors streaming multiprocessors
 * @param clockKhz        the SM clock the device reports (its peak boost clock), kHz
 * @param totalBytes      device memory
 * @param driverVersion   the CUDA version the driver supports, e.g. 13000
 * @param runtimeVersion  the CUDA runtime's version, e.g. 13000
 * @param cudnnVersion    cuDNN's version, e.g. 92500
 * @param cublasVersion   cuBLAS's version, e.g. 130100
 */
public record GpuDevice(int index, String name, int major, int minor, int multiprocessors, int clockKhz,
                        long totalBytes, int driverVersion, int runtimeVersion, long cudnnVersion, int cublasVersion) {

    /** Compute capability as major * 10 + minor, e.g. 90. */
    public int computeCapability() {
        return major * 10 + minor;
    }

    /** NVRTC's name of the architecture, e.g. sm_90. */
    public String smArchitecture() {
        return "sm_" + major + minor;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (device %d, compute capability %d.%d, %d SMs at %.0f MHz, %.1f GiB; "
                        + "driver CUDA %s, runtime %s, cuDNN %d, cuBLAS %d)", name, index, major, minor,
                multiprocessors, clockKhz / 1000.0, totalBytes / (double) (1L << 30), version(driverVersion),
                version(runtimeVersion), cudnnVersion, cublasVersion);
    }

    static String version(int cudaVersion) {
        return cudaVersion / 1000 + "." + (cudaVersion % 1000) / 10;
    }
}
