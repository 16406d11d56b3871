package io.github.video2gif.cuda;

import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.cudnn.cudnnContext;
import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.cudnn;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.ref.Cleaner;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The native state one GPU model owns: its device, a compute stream and a copy stream (both non-blocking, so
 * copies overlap compute), a cuBLAS handle and (unless not asked for) a cuDNN handle bound to the compute stream,
 * and every resource
 * allocated for the model, released in reverse order by {@link #close()} or, if the model is dropped without
 * being closed, by a {@link Cleaner}.
 */
final class GpuContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GpuContext.class);
    private static final Cleaner CLEANER = Cleaner.create();

    /** Host-side scaling factors for cuDNN and cuBLAS (float for every data type used here). */
    static final FloatPointer ONE = new FloatPointer(1f);
    static final FloatPointer ZERO = new FloatPointer(0f);

    private final GpuDevice device;
    private final Releases releases;
    private final Cleaner.Cleanable cleanable;
    final CUstream_st compute;
    final CUstream_st copy;
    /** Null for a context made without cuDNN. */
    final cudnnContext cudnnHandle;
    final cublasContext cublasHandle;

    GpuContext(GpuDevice device, Object owner) {
        this(device, owner, true);
    }

    /** @param withCudnn whether to create a cuDNN handle (training needs only cuBLAS) */
    GpuContext(GpuDevice device, Object owner, boolean withCudnn) {
        this.device = device;
        this.releases = new Releases(device.index());
        this.cleanable = CLEANER.register(owner, releases);
        boolean ok = false;
        try {
            makeCurrent();
            compute = stream("compute");
            copy = stream("copy");
            if (withCudnn) {
                cudnnContext dnn = new cudnnContext();
                CudaStatus.cudnn("cudnnCreate", cudnn.cudnnCreate(dnn));
                release(() -> CudaStatus.cudnn("cudnnDestroy", cudnn.cudnnDestroy(dnn)));
                CudaStatus.cudnn("cudnnSetStream", cudnn.cudnnSetStream(dnn, compute));
                cudnnHandle = dnn;
            } else {
                cudnnHandle = null;
            }
            cublasContext blas = new cublasContext();
            CudaStatus.cublas("cublasCreate", cublas.cublasCreate_v2(blas));
            release(() -> CudaStatus.cublas("cublasDestroy", cublas.cublasDestroy_v2(blas)));
            CudaStatus.cublas("cublasSetStream", cublas.cublasSetStream_v2(blas, compute));
            // default math: never fewer mantissa bits than the data has, so no TF32 for fp32 products (as on the
            // CPU); fp16/bf16 products still use the tensor cores
            CudaStatus.cublas("cublasSetMathMode(CUBLAS_DEFAULT_MATH)",
                    cublas.cublasSetMathMode(blas, cublas.CUBLAS_DEFAULT_MATH));
            cublasHandle = blas;
            ok = true;
        } finally {
            if (!ok) {
                close();
            }
        }
    }

    GpuDevice device() {
        return device;
    }

    /** Makes the device current on the calling thread (cheap; every entry point calls it). */
    void makeCurrent() {
        CudaStatus.cuda("cudaSetDevice(" + device.index() + ")", cudart.cudaSetDevice(device.index()));
    }

    private CUstream_st stream(String what) {
        CUstream_st s = new CUstream_st();
        CudaStatus.cuda("cudaStreamCreateWithFlags(" + what + ")",
                cudart.cudaStreamCreateWithFlags(s, cudart.cudaStreamNonBlocking));
        release(() -> CudaStatus.cuda("cudaStreamDestroy(" + what + ")", cudart.cudaStreamDestroy(s)));
        return s;
    }

    /** A new event without timing (for ordering streams). */
    CUevent_st event(String what) {
        CUevent_st e = new CUevent_st();
        CudaStatus.cuda("cudaEventCreateWithFlags(" + what + ")",
                cudart.cudaEventCreateWithFlags(e, cudart.cudaEventDisableTiming));
        release(() -> CudaStatus.cuda("cudaEventDestroy(" + what + ")", cudart.cudaEventDestroy(e)));
        return e;
    }

    /** GPU memory owned by this context. */
    DeviceMemory device(long bytes, String what) {
        DeviceMemory m = DeviceMemory.device(bytes, what);
        release(m::close);
        return m;
    }

    /** Page-locked host memory owned by this context. */
    DeviceMemory pinned(long bytes, String what) {
        DeviceMemory m = DeviceMemory.pinned(bytes, what);
        release(m::close);
        return m;
    }

    /** Registers something to release when the context closes (released last-in, first-out). */
    void release(Runnable r) {
        releases.add(r);
    }

    /** Free and total device memory now, bytes. */
    long[] memoryInfo() {
        SizeTPointer free = new SizeTPointer(1);
        SizeTPointer total = new SizeTPointer(1);
        CudaStatus.cuda("cudaMemGetInfo", cudart.cudaMemGetInfo(free, total));
        return new long[] {free.get(), total.get()};
    }

    /** Waits for the compute stream. */
    void synchronize() {
        CudaStatus.cuda("cudaStreamSynchronize(compute)", cudart.cudaStreamSynchronize(compute));
    }

    @Override
    public void close() {
        cleanable.clean();
    }

    /** The release actions, kept apart from the owner so that the cleaner never holds it. */
    private static final class Releases implements Runnable {
        private final int deviceIndex;
        private final Deque<Runnable> actions = new ArrayDeque<>();

        Releases(int deviceIndex) {
            this.deviceIndex = deviceIndex;
        }

        synchronized void add(Runnable r) {
            actions.push(r);
        }

        @Override
        public synchronized void run() {
            if (actions.isEmpty()) {
                return;
            }
            try {
                cudart.cudaSetDevice(deviceIndex);
                cudart.cudaDeviceSynchronize();
            } catch (LinkageError | RuntimeException e) {
                LOG.warn("video2gif: cannot synchronise CUDA device {} before releasing: {}", deviceIndex, e.toString());
            }
            while (!actions.isEmpty()) {
                try {
                    actions.pop().run();
                } catch (RuntimeException e) {
                    LOG.warn("video2gif: releasing a CUDA resource failed: {}", e.getMessage());
                }
            }
        }
    }
}
