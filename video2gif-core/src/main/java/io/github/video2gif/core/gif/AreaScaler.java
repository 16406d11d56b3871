package io.github.video2gif.core.gif;

import io.github.video2gif.api.VideoFrame;

/**
 * Resizes packed-RGB frames by area averaging: each output pixel is the mean of the source area it covers, with
 * fractional weights at the edges (a box filter the size of the output pixel). Good for the downscaling a size
 * budget needs; upscaling degenerates to nearest-neighbour-like blocks. Stateless and thread-safe.
 */
public final class AreaScaler {
    private AreaScaler() {
    }

    /** A frame resized to {@code width x height}, same index and timestamp. */
    public static VideoFrame scale(VideoFrame frame, int width, int height) {
        if (frame.width() == width && frame.height() == height) {
            return frame;
        }
        return new VideoFrame(frame.index(), frame.timestampSec(), width, height,
                scale(frame.rgb(), frame.width(), frame.height(), width, height));
    }

    /** Packed RGB pixels resized from {@code w x h} to {@code nw x nh}. */
    public static byte[] scale(byte[] rgb, int w, int h, int nw, int nh) {
        if (w < 1 || h < 1 || nw < 1 || nh < 1) {
            throw new IllegalArgumentException("sizes must be positive: " + w + "x" + h + " -> " + nw + "x" + nh);
        }
        if (rgb.length < w * h * 3) {
            throw new IllegalArgumentException("rgb holds " + rgb.length + " bytes, expected " + w * h * 3);
        }
        Weights wx = new Weights(w, nw);
        Weights wy = new Weights(h, nh);
        // horizontal pass into 16.16 fixed point sums
        int[] rows = new int[h * nw * 3];
        for (int y = 0; y < h; y++) {
            int src = y * w * 3;
            int dst = y * nw * 3;
            for (int x = 0; x < nw; x++) {
                int r = 0;
                int g = 0;
                int b = 0;
                for (int k = wx.start[x]; k < wx.start[x + 1]; k++) {
                    int i = src + wx.index[k] * 3;
                    int wt = wx.weight[k];
                    r += (rgb[i] & 0xFF) * wt;
                    g += (rgb[i + 1] & 0xFF) * wt;
                    b += (rgb[i + 2] & 0xFF) * wt;
                }
                rows[dst + x * 3] = r >> 8;
                rows[dst + x * 3 + 1] = g >> 8;
                rows[dst + x * 3 + 2] = b >> 8;
            }
        }
        byte[] out = new byte[nw * nh * 3];
        for (int y = 0; y < nh; y++) {
            for (int x = 0; x < nw * 3; x++) {
                long s = 0;
                for (int k = wy.start[y]; k < wy.start[y + 1]; k++) {
                    s += (long) rows[wy.index[k] * nw * 3 + x] * wy.weight[k];
                }
                // rows hold 8.8 fixed point, weights 0.16: round the 8.24 result
                int v = (int) ((s + (1 << 23)) >> 24);
                out[y * nw * 3 + x] = (byte) Math.min(255, Math.max(0, v));
            }
        }
        return out;
    }

    /** For each output pixel the source pixels it covers and their weights (summing to 65536). */
    private static final class Weights {
        final int[] start;
        final int[] index;
        final int[] weight;

        Weights(int from, int to) {
            double scale = (double) from / to;
            start = new int[to + 1];
            int cap = (int) (to * (Math.ceil(scale) + 2));
            int[] idx = new int[cap];
            int[] wt = new int[cap];
            int k = 0;
            for (int o = 0; o < to; o++) {
                start[o] = k;
                double a = o * scale;
                double b = (o + 1) * scale;
                if (scale <= 1) {
                    // upscaling: the source pixel under the output pixel's centre
                    idx[k] = Math.min(from - 1, (int) ((o + 0.5) * scale));
                    wt[k++] = 65536;
                    continue;
                }
                int first = (int) Math.floor(a);
                int last = Math.min(from - 1, (int) Math.ceil(b) - 1);
                int sum = 0;
                int kFirst = k;
                for (int s = first; s <= last; s++) {
                    double cover = Math.min(b, s + 1) - Math.max(a, s);
                    int w = (int) Math.round(cover / scale * 65536);
                    if (w > 0) {
                        idx[k] = s;
                        wt[k++] = w;
                        sum += w;
                    }
                }
                // make the weights sum to exactly one
                wt[kFirst] += 65536 - sum;
            }
            start[to] = k;
            index = java.util.Arrays.copyOf(idx, k);
            weight = java.util.Arrays.copyOf(wt, k);
        }
    }
}
