package io.github.video2gif.cuda;

import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.ProviderUnavailableException;
import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.cudnn;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.SizeTPointer;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the GPU backend can run here, and if not, why. It never throws: every failure (the JavaCPP natives or
 * NVIDIA's libraries missing, no driver, no device, a device too old, cuBLAS/cuDNN/NVRTC missing or too old)
 * becomes {@link Availability#no} with a reason that says what is missing and what to do. The result is
 * computed once per device index and remembered.
 *
 * <p>It loads the CUDA runtime (and, with a device present, cuBLAS, cuDNN and NVRTC) but does not create a CUDA
 * context: no GPU memory is taken.
 */
public final class CudaProbe {
    /** Oldest compute capability CUDA 13 and cuDNN 9 support (Turing). */
    public static final int MIN_COMPUTE_CAPABILITY = 75;
    /** Oldest cuDNN this backend is written for. */
    public static final long MIN_CUDNN_VERSION = 90000;

    private static final Map<Integer, Result> RESULTS = new ConcurrentHashMap<>();
    private static final Set<CudaLibrary> LOADED = ConcurrentHashMap.newKeySet();

    private CudaProbe() {
    }

    /**
     * The outcome of a probe.
     *
     * @param availability yes, or no with the reason
     * @param device       the device, when one was found and usable
     */
    public record Result(Availability availability, Optional<GpuDevice> device) {
    }

    /** Probes device {@code index} (once; later calls return the remembered result). Never throws. */
    public static Result probe(int index) {
        return RESULTS.computeIfAbsent(index, CudaProbe::safeProbe);
    }

    /** Whether device {@code index} can run the backend, and if not, why. Never throws. */
    public static Availability availability(int index) {
        return probe(index).availability();
    }

    /**
     * The device, or a {@link ProviderUnavailableException} with the probe's reason.
     */
    public static GpuDevice require(int index) {
        Result r = probe(index);
        if (!r.availability().available()) {
            throw new ProviderUnavailableException("The CUDA backend cannot run here: " + r.availability().reason());
        }
        return r.device().orElseThrow();
    }

    private static Result safeProbe(int index) {
        try {
            return run(index);
        } catch (LinkageError | RuntimeException e) {
            return no("the CUDA probe failed unexpectedly: " + e);
        }
    }

    private static Result no(String reason) {
        return new Result(Availability.no(reason), Optional.empty());
    }

    private static Result run(int index) {
        if (index < 0) {
            return no("cuda.device must be a device index >= 0, was " + index);
        }
        String failure = load(cudart.class, EnumSet.of(CudaLibrary.CUDART, CudaLibrary.DRIVER), "the CUDA runtime", "an NVIDIA driver (libcuda.so.1, installed with the"
                + " driver) and the CUDA 13 runtime (libcudart.so.13: a CUDA install, or the cuda-redist profile)");
        if (failure != null) {
            return no(failure);
        }
        int[] v = new int[1];
        int code = cudart.cudaDriverGetVersion(v);
        if (code != 0) {
            return no("cudaDriverGetVersion: " + name(CudaLibrary.CUDART, code));
        }
        int driver = v[0];
        if (driver == 0) {
            return no("no NVIDIA driver is installed (cudaDriverGetVersion gave 0)");
        }
        code = cudart.cudaRuntimeGetVersion(v);
        if (code != 0) {
            return no("cudaRuntimeGetVersion: " + name(CudaLibrary.CUDART, code));
        }
        int runtime = v[0];
        if (driver < runtime / 1000 * 1000) {
            return no("the NVIDIA driver supports CUDA " + GpuDevice.version(driver) + " but the runtime is CUDA "
                    + GpuDevice.version(runtime) + ": install a driver for CUDA " + runtime / 1000
                    + " (580 or newer)");
        }
        code = cudart.cudaGetDeviceCount(v);
        if (code != 0) {
            return no("cudaGetDeviceCount: " + name(CudaLibrary.CUDART, code) + " (driver CUDA "
                    + GpuDevice.version(driver) + ", runtime " + GpuDevice.version(runtime) + ")");
        }
        if (v[0] == 0) {
            return no("no CUDA device is visible (cudaGetDeviceCount gave 0; check CUDA_VISIBLE_DEVICES)");
        }
        if (index >= v[0]) {
            return no("cuda.device is " + index + " but only " + v[0] + " CUDA device(s) are visible");
        }
        int major = attribute(cudart.cudaDevAttrComputeCapabilityMajor, index);
        int minor = attribute(cudart.cudaDevAttrComputeCapabilityMinor, index);
        int sms = attribute(cudart.cudaDevAttrMultiProcessorCount, index);
        int clock = attribute(cudart.cudaDevAttrClockRate, index);
        if (major < 0 || minor < 0) {
            return no("cudaDeviceGetAttribute could not read device " + index + "'s compute capability");
        }
        String name = deviceName(index);
        if (major * 10 + minor < MIN_COMPUTE_CAPABILITY) {
            return no(name + " has compute capability " + major + "." + minor + "; CUDA 13 and cuDNN 9 need 7.5"
                    + " (Turing) or newer");
        }
        long total = totalMemory(index);
        failure = load(cublas.class, EnumSet.of(CudaLibrary.CUBLAS), "cuBLAS", "cuBLAS 13 (libcublas.so.13, libcublasLt.so.13) on the library path");
        if (failure != null) {
            return no(failure);
        }
        failure = load(cudnn.class, EnumSet.of(CudaLibrary.CUDNN), "cuDNN", "cuDNN 9 for CUDA 13 (libcudnn.so.9 and its sub-libraries) on the"
                + " library path");
        if (failure != null) {
            return no(failure);
        }
        long cudnnVersion = cudnn.cudnnGetVersion();
        if (cudnnVersion < MIN_CUDNN_VERSION) {
            return no("cuDNN " + cudnnVersion + " is too old; this backend needs cuDNN 9");
        }
        failure = load(nvrtc.class, EnumSet.of(CudaLibrary.NVRTC), "NVRTC", "NVRTC 13 (libnvrtc.so.13, part of CUDA and of the cuda-redist"
                + " profile) on the library path");
        if (failure != null) {
            return no(failure);
        }
        int cublasVersion = cublasVersion();
        return new Result(Availability.yes(), Optional.of(new GpuDevice(index, name, major, minor, sms, clock, total,
                driver, runtime, cudnnVersion, cublasVersion)));
    }

    /** Whether the probe has loaded a library's natives (so that calling into it cannot fail to link). */
    static boolean loaded(CudaLibrary library) {
        return LOADED.contains(library);
    }

    /** Loads a JavaCPP preset's natives; null when that worked, else the reason. */
    private static String load(Class<?> preset, Set<CudaLibrary> libraries, String what, String needs) {
        try {
            Loader.load(preset);
            LOADED.addAll(libraries);
            return null;
        } catch (LinkageError | RuntimeException e) {
            return what + " cannot be loaded (" + shorten(linkFailure(e)) + "); it needs " + needs;
        }
    }

    /** The most telling message in a load failure's chain: the dynamic linker's, when there is one. */
    static String linkFailure(Throwable e) {
        String best = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? t.toString() : t.getMessage();
            if (m.contains("cannot open shared object file") || m.contains("undefined symbol")
                    || m.contains("version `")) {
                return m;
            }
            best = m;
        }
        return best;
    }

    private static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 240 ? one.substring(0, 240) + "..." : one;
    }

    private static int attribute(int attribute, int device) {
        int[] v = new int[1];
        return cudart.cudaDeviceGetAttribute(v, attribute, device) == 0 ? v[0] : -1;
    }

    private static String deviceName(int index) {
        try {
            if (cudart.cuInit(0) != 0) {
                return "CUDA device " + index;
            }
            int[] dev = new int[1];
            if (cudart.cuDeviceGet(dev, index) != 0) {
                return "CUDA device " + index;
            }
            byte[] buf = new byte[256];
            if (cudart.cuDeviceGetName(buf, buf.length, dev[0]) != 0) {
                return "CUDA device " + index;
            }
            int n = 0;
            while (n < buf.length && buf[n] != 0) {
                n++;
            }
            return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
        } catch (LinkageError | RuntimeException e) {
            return "CUDA device " + index;
        }
    }

    private static long totalMemory(int index) {
        try {
            int[] dev = new int[1];
            if (cudart.cuDeviceGet(dev, index) != 0) {
                return -1;
            }
            SizeTPointer bytes = new SizeTPointer(1);
            return cudart.cuDeviceTotalMem(bytes, dev[0]) == 0 ? bytes.get() : -1;
        } catch (LinkageError | RuntimeException e) {
            return -1;
        }
    }

    /** cuBLAS's version as major * 10000 + minor * 100 + patch (libraryPropertyType 0, 1, 2), or -1. */
    private static int cublasVersion() {
        try {
            int[] p = new int[1];
            int version = 0;
            for (int property = 0; property < 3; property++) {
                if (cublas.cublasGetProperty(property, p) != 0) {
                    return -1;
                }
                version = version * 100 + p[0];
            }
            return version;
        } catch (LinkageError | RuntimeException e) {
            return -1;
        }
    }

    private static String name(CudaLibrary library, int code) {
        String d = CudaStatus.describe(library, code);
        return code + " " + library.codeName(code) + (d == null ? "" : " (" + d + ")");
    }

    /** Forgets remembered results (tests). */
    static void forget() {
        RESULTS.clear();
    }
}
