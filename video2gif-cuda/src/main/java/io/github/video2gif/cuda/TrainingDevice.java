package io.github.video2gif.cuda;

/**
 * What {@link GpuRankNetSgd} asks of a device: arrays, copies, cuBLAS's single-precision products (column-major,
 * as cuBLAS defines them, {@code alpha = 1}, {@code beta = 0}) and the training kernels of
 * {@link TrainingKernels}. {@link CudaTrainingDevice} runs them on an NVIDIA GPU; the tests also run the same
 * training code on a plain-Java device that checks every index, so that its use of leading dimensions, offsets
 * and the dropout stream is tested without a GPU.
 *
 * <p>Work is queued in order on one stream; {@link #download} waits for it. Offsets and lengths count elements.
 */
interface TrainingDevice extends AutoCloseable {
    /** An array on the device. */
    interface Array {
        /** Elements. */
        long length();
    }

    /** What the device is, for logs. */
    String description();

    /** Free device memory now, bytes. */
    long freeBytes();

    /** Binds the device to the calling thread (every entry point of {@link GpuRankNetSgd} calls it). */
    void makeCurrent();

    /** A new array of floats, zeroed. */
    Array floats(long length, String what);

    /** A new array of ints, zeroed. */
    Array ints(long length, String what);

    /** Frees an array (after the work queued on it). */
    void free(Array array);

    /** Copies {@code length} floats of {@code src} from {@code srcOffset} to {@code dst} at {@code dstOffset}. */
    void upload(float[] src, int srcOffset, Array dst, long dstOffset, int length);

    /** Copies the first {@code length} ints of {@code src} to the start of {@code dst}. */
    void upload(int[] src, int length, Array dst);

    /** Waits for the queued work, then copies {@code length} floats of {@code src} from {@code srcOffset}. */
    void download(Array src, long srcOffset, float[] dst, int dstOffset, int length);

    /**
     * {@code C = op(A) op(B)} in column-major order: {@code op(A)} is m x k, {@code op(B)} k x n, {@code C} m x n.
     */
    void gemm(String what, boolean transA, boolean transB, int m, int n, int k, Array a, long aOffset, int lda,
              Array b, long bOffset, int ldb, Array c, long cOffset, int ldc);

    /** {@code y = A x} in column-major order, {@code A} m x n; x has n values, y m. */
    void gemv(String what, int m, int n, Array a, long aOffset, int lda, Array x, Array y, long yOffset);

    /** {@code y += alpha x} over {@code n} values. */
    void axpy(long n, float alpha, Array x, long xOffset, Array y, long yOffset);

    /** {@link TrainingKernels#gatherDropout}; {@code rowsOf} null: in place in {@code out}. */
    void gatherDropout(Array table, Array rowsOf, Array out, int rows, int d, boolean dropout, float keep,
                       float scale, long seed, long position);

    /** {@link TrainingKernels#biasReluDropout}, the bias at {@code biasOffset} of {@code bias}. */
    void biasReluDropout(Array z, Array bias, long biasOffset, Array mask, int rows, int cols, boolean relu,
                         boolean dropout, float keep, float scale, long seed, long position);

    /** {@link TrainingKernels#reluDropoutBackward}; {@code mask} may be null. */
    void reluDropoutBackward(Array delta, Array mask, Array a, long n);

    /** {@link TrainingKernels#nesterov}. */
    void nesterov(Array theta, Array velocity, Array grad, long n, float momentum, float learningRate);

    /** Frees everything. */
    @Override
    void close();

    /**
     * Checks that a column-major {@code rows x cols} operand stored with leading dimension {@code ld} from
     * {@code offset} lies inside {@code array} (stored transposed when {@code trans}).
     *
     * @throws IllegalArgumentException naming the operand otherwise
     */
    static void checkMatrix(String what, Array array, long offset, int rows, int cols, int ld, boolean trans) {
        int storedRows = trans ? cols : rows;
        int storedCols = trans ? rows : cols;
        if (rows < 1 || cols < 1 || ld < Math.max(1, storedRows) || offset < 0
                || offset + (long) ld * (storedCols - 1) + storedRows > array.length()) {
            throw new IllegalArgumentException(what + ": a " + rows + " x " + cols + (trans ? " (transposed)" : "")
                    + " operand with leading dimension " + ld + " at offset " + offset + " does not fit an array of "
                    + array.length());
        }
    }

    /** Checks that {@code n} elements from {@code offset} lie inside {@code array}. */
    static void checkRange(String what, Array array, long offset, long n) {
        if (offset < 0 || n < 0 || offset + n > array.length()) {
            throw new IllegalArgumentException(what + ": " + n + " values at offset " + offset
                    + " do not fit an array of " + array.length());
        }
    }
}
