package io.github.video2gif.core.image;

import io.github.video2gif.api.VideoFrame;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resizes packed RGB frames with a separable triangle (tent) filter whose support widens when shrinking, so
 * that downscaling averages every source pixel (no aliasing) and upscaling is bilinear. Thread-safe; the filter
 * taps of each pair of sizes are computed once.
 */
public final class FrameResizer {
    /** Kernels by (source, destination) length: a video resizes every frame between the same two sizes. */
    private static final Map<Long, Kernel> KERNELS = new ConcurrentHashMap<>();
    /** The horizontal pass's output, reused by each thread (grown as needed). */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

    private FrameResizer() {
    }

    private static Kernel kernel(int src, int dst) {
        long key = ((long) src << 32) | dst;
        Kernel k = KERNELS.get(key);
        if (k == null) {
            if (KERNELS.size() > 64) {
                KERNELS.clear();
            }
            k = new Kernel(src, dst);
            KERNELS.put(key, k);
        }
        return k;
    }

    /** The frame at a new size (the same frame when the size is unchanged). */
    public static VideoFrame resize(VideoFrame frame, int width, int height) {
        if (frame.width() == width && frame.height() == height) {
            return frame;
        }
        byte[] out = resize(frame.rgb(), frame.width(), frame.height(), width, height);
        return new VideoFrame(frame.index(), frame.timestampSec(), width, height, out);
    }

    /** Resizes packed RGB pixels. */
    public static byte[] resize(byte[] rgb, int sw, int sh, int dw, int dh) {
        if (dw <= 0 || dh <= 0) {
            throw new IllegalArgumentException("target size must be positive: " + dw + "x" + dh);
        }
        if (sw <= 0 || sh <= 0 || rgb.length < sw * sh * 3) {
            throw new IllegalArgumentException("need " + sw + "x" + sh + " RGB pixels, got " + rgb.length + " bytes");
        }
        float[] tmp = SCRATCH.get();
        if (tmp.length < dw * sh * 3) {
            tmp = new float[dw * sh * 3];
            SCRATCH.set(tmp);
        }
        Kernel kx = kernel(sw, dw);
        for (int y = 0; y < sh; y++) {
            int srow = y * sw * 3;
            int trow = y * dw * 3;
            for (int x = 0; x < dw; x++) {
                float r = 0;
                float g = 0;
                float b = 0;
                int p = srow + kx.start[x] * 3;
                for (int j = kx.offset[x], end = j + kx.count[x]; j < end; j++, p += 3) {
                    float wgt = kx.weights[j];
                    r += wgt * (rgb[p] & 0xff);
                    g += wgt * (rgb[p + 1] & 0xff);
                    b += wgt * (rgb[p + 2] & 0xff);
                }
                int t = trow + x * 3;
                tmp[t] = r;
                tmp[t + 1] = g;
                tmp[t + 2] = b;
            }
        }
        byte[] out = new byte[dw * dh * 3];
        Kernel ky = kernel(sh, dh);
        int stride = dw * 3;
        for (int y = 0; y < dh; y++) {
            int orow = y * stride;
            for (int i = 0; i < stride; i++) {
                float v = 0;
                int q = ky.start[y] * stride + i;
                for (int j = ky.offset[y], end = j + ky.count[y]; j < end; j++, q += stride) {
                    v += ky.weights[j] * tmp[q];
                }
                int c = Math.round(v);
                out[orow + i] = (byte) (c < 0 ? 0 : Math.min(255, c));
            }
        }
        return out;
    }

    /** Normalised tent-filter taps of each output position along one axis. */
    private static final class Kernel {
        final int[] start;
        final int[] count;
        final int[] offset;
        final float[] weights;

        Kernel(int src, int dst) {
            double scale = (double) dst / src;
            double support = scale < 1 ? 1 / scale : 1; // tent half-width in source pixels
            start = new int[dst];
            count = new int[dst];
            offset = new int[dst];
            int maxTaps = (int) Math.ceil(2 * support) + 2;
            float[] w = new float[dst * maxTaps];
            int used = 0;
            for (int i = 0; i < dst; i++) {
                double centre = (i + 0.5) / scale - 0.5;
                int lo = (int) Math.floor(centre - support) + 1;
                int hi = (int) Math.ceil(centre + support) - 1;
                lo = Math.max(0, lo);
                hi = Math.min(src - 1, hi);
                if (hi < lo) {
                    lo = hi = (int) Math.max(0, Math.min(src - 1, Math.round(centre)));
                }
                double sum = 0;
                offset[i] = used;
                start[i] = lo;
                for (int k = lo; k <= hi; k++) {
                    double t = 1 - Math.abs(k - centre) / support;
                    float v = (float) Math.max(0, t);
                    w[used + (k - lo)] = v;
                    sum += v;
                }
                count[i] = hi - lo + 1;
                if (sum <= 0) {
                    int nearest = (int) Math.max(lo, Math.min(hi, Math.round(centre)));
                    w[used + (nearest - lo)] = 1;
                    sum = 1;
                }
                for (int k = 0; k < count[i]; k++) {
                    w[used + k] /= (float) sum;
                }
                used += count[i];
            }
            weights = w;
        }
    }
}
