package io.github.video2gif.cuda;

import io.github.video2gif.core.train.SplitMixStream;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link TrainingDevice} in plain Java: cuBLAS's column-major products and the kernels of
 * {@link TrainingKernels} written out element by element (the kernels in the same float operations as their
 * CUDA source), with every operand's extent checked. It runs {@link GpuRankNetSgd}'s code without a GPU, so
 * that its leading dimensions, offsets, transposes and use of the dropout stream are tested on every build.
 */
final class JavaTrainingDevice implements TrainingDevice {
    final List<JavaArray> live = new ArrayList<>();
    long gemms;
    long uploads;
    long downloads;
    boolean closed;

    static final class JavaArray implements Array {
        final float[] f;
        final int[] i;
        boolean freed;

        JavaArray(long length, boolean ints) {
            if (length < 1 || length > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("array of " + length);
            }
            f = ints ? null : new float[(int) length];
            i = ints ? new int[(int) length] : null;
        }

        @Override
        public long length() {
            return f != null ? f.length : i.length;
        }

        float[] f() {
            if (freed || f == null) {
                throw new IllegalStateException(freed ? "use after free" : "an int array used as floats");
            }
            return f;
        }

        int[] ints() {
            if (freed || i == null) {
                throw new IllegalStateException(freed ? "use after free" : "a float array used as ints");
            }
            return i;
        }
    }

    private static JavaArray j(Array a) {
        return (JavaArray) a;
    }

    @Override
    public String description() {
        return "plain Java (tests)";
    }

    @Override
    public long freeBytes() {
        return 1L << 30;
    }

    @Override
    public void makeCurrent() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
    }

    @Override
    public Array floats(long length, String what) {
        JavaArray a = new JavaArray(length, false);
        live.add(a);
        return a;
    }

    @Override
    public Array ints(long length, String what) {
        JavaArray a = new JavaArray(length, true);
        live.add(a);
        return a;
    }

    @Override
    public void free(Array array) {
        j(array).freed = true;
        live.remove(j(array));
    }

    @Override
    public void upload(float[] src, int srcOffset, Array dst, long dstOffset, int length) {
        TrainingDevice.checkRange("upload", dst, dstOffset, length);
        System.arraycopy(src, srcOffset, j(dst).f(), (int) dstOffset, length);
        uploads++;
    }

    @Override
    public void upload(int[] src, int length, Array dst) {
        TrainingDevice.checkRange("upload", dst, 0, length);
        System.arraycopy(src, 0, j(dst).ints(), 0, length);
        uploads++;
    }

    @Override
    public void download(Array src, long srcOffset, float[] dst, int dstOffset, int length) {
        TrainingDevice.checkRange("download", src, srcOffset, length);
        System.arraycopy(j(src).f(), (int) srcOffset, dst, dstOffset, length);
        downloads++;
    }

    @Override
    public void gemm(String what, boolean transA, boolean transB, int m, int n, int k, Array a, long aOffset, int lda,
                     Array b, long bOffset, int ldb, Array c, long cOffset, int ldc) {
        TrainingDevice.checkMatrix(what + ", A", a, aOffset, m, k, lda, transA);
        TrainingDevice.checkMatrix(what + ", B", b, bOffset, k, n, ldb, transB);
        TrainingDevice.checkMatrix(what + ", C", c, cOffset, m, n, ldc, false);
        float[] av = j(a).f();
        float[] bv = j(b).f();
        float[] cv = j(c).f();
        float[] result = new float[m * n];
        for (int col = 0; col < n; col++) {
            for (int row = 0; row < m; row++) {
                double s = 0;
                for (int l = 0; l < k; l++) {
                    float x = transA ? av[(int) (aOffset + l + (long) row * lda)] : av[(int) (aOffset + row + (long) l * lda)];
                    float y = transB ? bv[(int) (bOffset + col + (long) l * ldb)] : bv[(int) (bOffset + l + (long) col * ldb)];
                    s += (double) x * y;
                }
                result[row + col * m] = (float) s;
            }
        }
        // written after reading: C may not alias A or B in cuBLAS either, but this keeps a mistake visible
        for (int col = 0; col < n; col++) {
            for (int row = 0; row < m; row++) {
                cv[(int) (cOffset + row + (long) col * ldc)] = result[row + col * m];
            }
        }
        gemms++;
    }

    @Override
    public void gemv(String what, int m, int n, Array a, long aOffset, int lda, Array x, Array y, long yOffset) {
        TrainingDevice.checkMatrix(what + ", A", a, aOffset, m, n, lda, false);
        TrainingDevice.checkRange(what + ", x", x, 0, n);
        TrainingDevice.checkRange(what + ", y", y, yOffset, m);
        float[] av = j(a).f();
        float[] xv = j(x).f();
        float[] yv = j(y).f();
        for (int row = 0; row < m; row++) {
            double s = 0;
            for (int col = 0; col < n; col++) {
                s += (double) av[(int) (aOffset + row + (long) col * lda)] * xv[col];
            }
            yv[(int) (yOffset + row)] = (float) s;
        }
    }

    @Override
    public void axpy(long n, float alpha, Array x, long xOffset, Array y, long yOffset) {
        TrainingDevice.checkRange("axpy, x", x, xOffset, n);
        TrainingDevice.checkRange("axpy, y", y, yOffset, n);
        float[] xv = j(x).f();
        float[] yv = j(y).f();
        for (int i = 0; i < n; i++) {
            yv[(int) (yOffset + i)] = Math.fma(alpha, xv[(int) (xOffset + i)], yv[(int) (yOffset + i)]);
        }
    }

    @Override
    public void gatherDropout(Array table, Array rowsOf, Array out, int rows, int d, boolean dropout, float keep,
                              float scale, long seed, long position) {
        TrainingDevice.checkRange("gather, out", out, 0, (long) rows * d);
        if (rowsOf == null && table != out) {
            throw new IllegalArgumentException("gather without row indices works in place");
        }
        float[] t = j(table).f();
        float[] o = j(out).f();
        int[] idx = rowsOf == null ? null : j(rowsOf).ints();
        for (long i = 0; i < (long) rows * d; i++) {
            long r = i / d;
            long col = i - r * d;
            long row = idx != null ? idx[(int) r] : r;
            float v = t[(int) (row * d + col)];
            if (dropout) {
                v = SplitMixStream.floatAt(seed, position + i) < keep ? v * scale : 0.0f;
            }
            o[(int) i] = v;
        }
    }

    @Override
    public void biasReluDropout(Array z, Array bias, long biasOffset, Array mask, int rows, int cols, boolean relu,
                                boolean dropout, float keep, float scale, long seed, long position) {
        TrainingDevice.checkRange("bias, z", z, 0, (long) rows * cols);
        TrainingDevice.checkRange("bias, bias", bias, biasOffset, cols);
        if (dropout && (mask == null || !relu)) {
            throw new IllegalArgumentException("dropout needs a mask buffer and a ReLU layer");
        }
        float[] zv = j(z).f();
        float[] b = j(bias).f();
        float[] mv = mask == null ? null : j(mask).f();
        for (int i = 0; i < rows * cols; i++) {
            float v = zv[i] + b[(int) (biasOffset + i % cols)];
            if (relu) {
                v = v > 0.0f ? v : 0.0f;
                if (dropout) {
                    float m = SplitMixStream.floatAt(seed, position + i) < keep ? scale : 0.0f;
                    mv[i] = m;
                    v = v * m;
                }
            }
            zv[i] = v;
        }
    }

    @Override
    public void reluDropoutBackward(Array delta, Array mask, Array a, long n) {
        TrainingDevice.checkRange("backward, delta", delta, 0, n);
        TrainingDevice.checkRange("backward, a", a, 0, n);
        float[] dv = j(delta).f();
        float[] mv = mask == null ? null : j(mask).f();
        float[] av = j(a).f();
        for (int i = 0; i < n; i++) {
            float v = dv[i];
            if (mv != null) {
                v = v * mv[i];
            }
            dv[i] = v * (av[i] > 0.0f ? 1.0f : 0.0f);
        }
    }

    @Override
    public void nesterov(Array theta, Array velocity, Array grad, long n, float momentum, float learningRate) {
        float[] t = j(theta).f();
        float[] v = j(velocity).f();
        float[] g = j(grad).f();
        float negLr = -learningRate;
        for (int i = 0; i < n; i++) {
            float vi = Math.fma(negLr, g[i], v[i] * momentum);
            v[i] = vi;
            t[i] = Math.fma(negLr, g[i], Math.fma(momentum, vi, t[i]));
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
