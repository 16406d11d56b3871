package io.github.video2gif.cuda;

import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

import java.util.Objects;

/**
 * {@link TrainingDevice} on an NVIDIA GPU: arrays in GPU memory, products by cuBLAS in fp32 (default math: no
 * TF32, so the products round like the CPU's), the kernels of {@link TrainingKernels}, all queued on one
 * compute stream. Uploads go through a page-locked staging buffer that is reused once the copy before it has
 * finished (an event marks that), so a copy of a batch never waits for the compute before it; downloads wait for
 * the stream. Every status is checked by {@link CudaStatus}.
 */
final class CudaTrainingDevice implements TrainingDevice {
    /** Largest page-locked staging buffer; bigger uploads and downloads go in pieces. */
    static final long STAGING_BYTES = 32L << 20;

    private final GpuContext ctx;
    private final TrainingKernels kernels;
    private final CUevent_st uploadDone;
    private DeviceMemory upStaging;
    private DeviceMemory downStaging;
    private boolean uploadPending;
    private boolean closed;

    /** An array in GPU memory. */
    static final class CudaArray implements Array {
        final DeviceMemory memory;
        final long length;
        final boolean ints;

        CudaArray(DeviceMemory memory, long length, boolean ints) {
            this.memory = memory;
            this.length = length;
            this.ints = ints;
        }

        @Override
        public long length() {
            return length;
        }

        /** A pointer {@code offset} elements in. */
        Pointer at(long offset) {
            return memory.at(offset * 4);
        }

        FloatPointer floats(long offset) {
            if (ints) {
                throw new IllegalStateException("an int array used as floats");
            }
            return new FloatPointer(at(offset));
        }
    }

    /**
     * Opens a device for training.
     *
     * @throws io.github.video2gif.api.spi.ProviderUnavailableException with the probe's reason when no usable GPU
     *                                                                  has this index
     */
    CudaTrainingDevice(int deviceIndex) {
        GpuDevice gpu = CudaProbe.require(deviceIndex);
        this.ctx = new GpuContext(gpu, this, false);
        boolean ok = false;
        try {
            kernels = TrainingKernels.forDevice(gpu);
            uploadDone = ctx.event("training upload staging");
            ok = true;
        } finally {
            if (!ok) {
                ctx.close();
            }
        }
    }

    GpuDevice gpu() {
        return ctx.device();
    }

    @Override
    public String description() {
        return ctx.device().name() + " (CUDA device " + ctx.device().index() + ", cuBLAS fp32 without TF32)";
    }

    @Override
    public long freeBytes() {
        return ctx.memoryInfo()[0];
    }

    @Override
    public void makeCurrent() {
        checkOpen();
        ctx.makeCurrent();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the GPU training device is closed");
        }
    }

    private static CudaArray cuda(Array a) {
        return (CudaArray) Objects.requireNonNull(a, "array");
    }

    private static Pointer orNull(Array a) {
        return a == null ? null : cuda(a).at(0);
    }

    @Override
    public Array floats(long length, String what) {
        return allocate(length, what, false);
    }

    @Override
    public Array ints(long length, String what) {
        return allocate(length, what, true);
    }

    private Array allocate(long length, String what, boolean ints) {
        if (length < 1) {
            throw new IllegalArgumentException(what + ": an array needs at least one element, asked for " + length);
        }
        DeviceMemory m = ctx.device(length * 4, what);
        CudaStatus.cuda("cudaMemsetAsync(" + what + ")", cudart.cudaMemsetAsync(m.pointer(), 0, length * 4,
                ctx.compute));
        return new CudaArray(m, length, ints);
    }

    @Override
    public void free(Array array) {
        ctx.synchronize();
        cuda(array).memory.close();
    }

    /** A staging buffer of at least {@code bytes} (at most {@link #STAGING_BYTES}), idle. */
    private DeviceMemory uploadStaging(long bytes) {
        if (uploadPending) {
            CudaStatus.cuda("cudaEventSynchronize(upload staging)", cudart.cudaEventSynchronize(uploadDone));
            uploadPending = false;
        }
        if (upStaging == null || upStaging.bytes() < bytes) {
            if (upStaging != null) {
                upStaging.close();
            }
            upStaging = ctx.pinned(Math.max(bytes, 1 << 16), "training upload staging");
        }
        return upStaging;
    }

    private void uploadQueued(Pointer dst, long bytes, String what) {
        CudaStatus.cuda("cudaMemcpyAsync(" + what + ", " + bytes + " bytes to the GPU)", cudart.cudaMemcpyAsync(dst,
                upStaging.pointer(), bytes, cudart.cudaMemcpyHostToDevice, ctx.compute));
        CudaStatus.cuda("cudaEventRecord(upload staging)", cudart.cudaEventRecord(uploadDone, ctx.compute));
        uploadPending = true;
    }

    @Override
    public void upload(float[] src, int srcOffset, Array dst, long dstOffset, int length) {
        CudaArray d = cuda(dst);
        TrainingDevice.checkRange("upload", d, dstOffset, length);
        if (srcOffset < 0 || srcOffset + (long) length > src.length) {
            throw new IllegalArgumentException("upload: " + length + " values at " + srcOffset + " of a Java array of "
                    + src.length);
        }
        long chunk = STAGING_BYTES / 4;
        for (long done = 0; done < length; done += chunk) {
            int m = (int) Math.min(chunk, length - done);
            DeviceMemory staging = uploadStaging(4L * m);
            staging.putFloats(0, src, (int) (srcOffset + done), m);
            uploadQueued(d.at(dstOffset + done), 4L * m, "floats");
        }
    }

    @Override
    public void upload(int[] src, int length, Array dst) {
        CudaArray d = cuda(dst);
        TrainingDevice.checkRange("upload", d, 0, length);
        if (length > src.length || length > STAGING_BYTES / 4) {
            throw new IllegalArgumentException("upload: " + length + " ints from a Java array of " + src.length);
        }
        DeviceMemory staging = uploadStaging(4L * length);
        staging.putInts(0, src, 0, length);
        uploadQueued(d.at(0), 4L * length, "ints");
    }

    @Override
    public void download(Array src, long srcOffset, float[] dst, int dstOffset, int length) {
        CudaArray s = cuda(src);
        TrainingDevice.checkRange("download", s, srcOffset, length);
        if (dstOffset < 0 || dstOffset + (long) length > dst.length) {
            throw new IllegalArgumentException("download: " + length + " values at " + dstOffset
                    + " of a Java array of " + dst.length);
        }
        long chunk = STAGING_BYTES / 4;
        for (long done = 0; done < length; done += chunk) {
            int m = (int) Math.min(chunk, length - done);
            if (downStaging == null || downStaging.bytes() < 4L * m) {
                if (downStaging != null) {
                    downStaging.close();
                }
                downStaging = ctx.pinned(Math.max(4L * m, 1 << 16), "training download staging");
            }
            CudaStatus.cuda("cudaMemcpyAsync(" + 4L * m + " bytes from the GPU)", cudart.cudaMemcpyAsync(
                    downStaging.pointer(), s.at(srcOffset + done), 4L * m, cudart.cudaMemcpyDeviceToHost,
                    ctx.compute));
            ctx.synchronize();
            uploadPending = false;
            downStaging.getFloats(0, dst, (int) (dstOffset + done), m);
        }
    }

    @Override
    public void gemm(String what, boolean transA, boolean transB, int m, int n, int k, Array a, long aOffset, int lda,
                     Array b, long bOffset, int ldb, Array c, long cOffset, int ldc) {
        TrainingDevice.checkMatrix(what + ", A", a, aOffset, m, k, lda, transA);
        TrainingDevice.checkMatrix(what + ", B", b, bOffset, k, n, ldb, transB);
        TrainingDevice.checkMatrix(what + ", C", c, cOffset, m, n, ldc, false);
        int code = cublas.cublasSgemm_v2(ctx.cublasHandle, transA ? cublas.CUBLAS_OP_T : cublas.CUBLAS_OP_N,
                transB ? cublas.CUBLAS_OP_T : cublas.CUBLAS_OP_N, m, n, k, GpuContext.ONE,
                cuda(a).floats(aOffset), lda, cuda(b).floats(bOffset), ldb, GpuContext.ZERO,
                cuda(c).floats(cOffset), ldc);
        if (code != 0) { // the message is built only on failure: this runs several times a batch
            CudaStatus.cublas("cublasSgemm(" + what + ", " + m + " x " + n + " x " + k + ")", code);
        }
    }

    @Override
    public void gemv(String what, int m, int n, Array a, long aOffset, int lda, Array x, Array y, long yOffset) {
        TrainingDevice.checkMatrix(what + ", A", a, aOffset, m, n, lda, false);
        TrainingDevice.checkRange(what + ", x", x, 0, n);
        TrainingDevice.checkRange(what + ", y", y, yOffset, m);
        int code = cublas.cublasSgemv_v2(ctx.cublasHandle, cublas.CUBLAS_OP_N, m, n, GpuContext.ONE,
                cuda(a).floats(aOffset), lda, cuda(x).floats(0), 1, GpuContext.ZERO, cuda(y).floats(yOffset), 1);
        if (code != 0) {
            CudaStatus.cublas("cublasSgemv(" + what + ", " + m + " x " + n + ")", code);
        }
    }

    @Override
    public void axpy(long n, float alpha, Array x, long xOffset, Array y, long yOffset) {
        TrainingDevice.checkRange("axpy, x", x, xOffset, n);
        TrainingDevice.checkRange("axpy, y", y, yOffset, n);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("axpy of " + n + " values: cuBLAS takes at most 2^31 - 1");
        }
        if (n == 0) {
            return;
        }
        FloatPointer a = new FloatPointer(1).put(alpha);
        try {
            CudaStatus.cublas("cublasSaxpy(" + n + " values)", cublas.cublasSaxpy_v2(ctx.cublasHandle, (int) n, a,
                    cuda(x).floats(xOffset), 1, cuda(y).floats(yOffset), 1));
        } finally {
            a.close(); // host pointer mode: cuBLAS has read alpha when the call returns
        }
    }

    @Override
    public void gatherDropout(Array table, Array rowsOf, Array out, int rows, int d, boolean dropout, float keep,
                              float scale, long seed, long position) {
        TrainingDevice.checkRange("gather, out", out, 0, (long) rows * d);
        if (rowsOf != null) {
            TrainingDevice.checkRange("gather, rows", rowsOf, 0, rows);
        } else if (table != out) {
            throw new IllegalArgumentException("gather without row indices works in place");
        }
        kernels.gatherDropout(cuda(table).at(0), orNull(rowsOf), cuda(out).at(0), rows, d, dropout, keep, scale,
                seed, position, ctx.compute);
    }

    @Override
    public void biasReluDropout(Array z, Array bias, long biasOffset, Array mask, int rows, int cols, boolean relu,
                                boolean dropout, float keep, float scale, long seed, long position) {
        TrainingDevice.checkRange("bias, z", z, 0, (long) rows * cols);
        TrainingDevice.checkRange("bias, bias", bias, biasOffset, cols);
        if (mask != null) {
            TrainingDevice.checkRange("bias, mask", mask, 0, (long) rows * cols);
        }
        kernels.biasReluDropout(cuda(z).at(0), cuda(bias).at(biasOffset), orNull(mask), rows, cols, relu, dropout,
                keep, scale, seed, position, ctx.compute);
    }

    @Override
    public void reluDropoutBackward(Array delta, Array mask, Array a, long n) {
        TrainingDevice.checkRange("backward, delta", delta, 0, n);
        TrainingDevice.checkRange("backward, a", a, 0, n);
        if (mask != null) {
            TrainingDevice.checkRange("backward, mask", mask, 0, n);
        }
        kernels.reluDropoutBackward(cuda(delta).at(0), orNull(mask), cuda(a).at(0), n, ctx.compute);
    }

    @Override
    public void nesterov(Array theta, Array velocity, Array grad, long n, float momentum, float learningRate) {
        TrainingDevice.checkRange("nesterov, theta", theta, 0, n);
        TrainingDevice.checkRange("nesterov, velocity", velocity, 0, n);
        TrainingDevice.checkRange("nesterov, grad", grad, 0, n);
        kernels.nesterov(cuda(theta).at(0), cuda(velocity).at(0), cuda(grad).at(0), n, momentum, learningRate,
                ctx.compute);
    }

    /** Value {@code position + i} of the dropout stream of {@code seed}, computed on the GPU (tests). */
    float[] splitMixFloats(int n, long seed, long position) {
        makeCurrent();
        Array out = floats(n, "split-mix test values");
        try {
            kernels.splitMixFloats(cuda(out).at(0), n, seed, position, ctx.compute);
            float[] values = new float[n];
            download(out, 0, values, 0, n);
            return values;
        } finally {
            free(out);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ctx.close();
        }
    }
}
