package io.github.video2gif.core.c3d;

import io.github.video2gif.api.VideoFrame;

import java.util.Objects;

/**
 * The release's input preparation, in plain Java: a frame becomes the 112 x 112 centre crop (rows 8..119,
 * columns 29..140) of its 128 x 171 version, in BGR channel order, as floats; sixteen such frames minus the mean
 * snippet make the network's input, optionally also horizontally mirrored (mirroring after the mean subtraction,
 * as the release flips the finished snippet).
 *
 * <p>Resizing: frames of exactly 171 x 128 are used as they are (the decoder scaled them; FFmpeg's default
 * {@code area} scaler averages over each output pixel's footprint). Frames of any other size are resized here
 * with the release's interpolation: the authors call {@code skimage.transform.resize(im, (128, 171),
 * preserve_range=True)} of their time, i.e. bilinear interpolation at pixel centres ({@code x_in = (x_out + 0.5)
 * * in/out - 0.5}), without anti-aliasing, keeping fractional values. When downscaling, both agree exactly; for
 * frames smaller than 171 x 128 the border is clamped here where old scikit-image blended with black.
 */
public final class SnippetPreprocessor {
    /** Floats in one prepared frame: 112 x 112 x 3. */
    public static final int FRAME_VALUES = SnippetMean.CROP * SnippetMean.CROP * 3;

    private final SnippetMean mean;

    public SnippetPreprocessor(SnippetMean mean) {
        this.mean = Objects.requireNonNull(mean, "mean");
    }

    /** Prepares one frame: cropped, BGR, (row, column, channel), into {@code out} (FRAME_VALUES floats). */
    public static void prepareFrame(VideoFrame frame, float[] out) {
        byte[] rgb = frame.rgb();
        int fw = frame.width();
        int fh = frame.height();
        int s = SnippetMean.CROP;
        if (fw == SnippetMean.WIDTH && fh == SnippetMean.HEIGHT) {
            int i = 0;
            for (int y = 0; y < s; y++) {
                int row = ((y + SnippetMean.CROP_TOP) * fw + SnippetMean.CROP_LEFT) * 3;
                for (int x = 0; x < s; x++) {
                    int p = row + 3 * x;
                    out[i++] = rgb[p + 2] & 0xff;
                    out[i++] = rgb[p + 1] & 0xff;
                    out[i++] = rgb[p] & 0xff;
                }
            }
            return;
        }
        double sy = (double) fh / SnippetMean.HEIGHT;
        double sx = (double) fw / SnippetMean.WIDTH;
        int i = 0;
        for (int y = 0; y < s; y++) {
            double yin = clamp((y + SnippetMean.CROP_TOP + 0.5) * sy - 0.5, fh - 1);
            int y0 = (int) Math.floor(yin);
            int y1 = Math.min(y0 + 1, fh - 1);
            double fy = yin - y0;
            for (int x = 0; x < s; x++) {
                double xin = clamp((x + SnippetMean.CROP_LEFT + 0.5) * sx - 0.5, fw - 1);
                int x0 = (int) Math.floor(xin);
                int x1 = Math.min(x0 + 1, fw - 1);
                double fx = xin - x0;
                for (int c = 2; c >= 0; c--) { // BGR
                    double v00 = rgb[(y0 * fw + x0) * 3 + c] & 0xff;
                    double v01 = rgb[(y0 * fw + x1) * 3 + c] & 0xff;
                    double v10 = rgb[(y1 * fw + x0) * 3 + c] & 0xff;
                    double v11 = rgb[(y1 * fw + x1) * 3 + c] & 0xff;
                    double top = v00 + (v01 - v00) * fx;
                    double bottom = v10 + (v11 - v10) * fx;
                    out[i++] = (float) (top + (bottom - top) * fy);
                }
            }
        }
    }

    private static double clamp(double v, int max) {
        return v < 0 ? 0 : Math.min(v, max);
    }

    /**
     * Writes one snippet (frame, row, column, channel) minus the mean into {@code out} at {@code offset}.
     *
     * @param frames  sixteen prepared frames in time order
     * @param mirror  whether to flip it horizontally
     */
    public void snippet(float[][] frames, boolean mirror, float[] out, int offset) {
        if (frames.length != SnippetMean.FRAMES) {
            throw new IllegalArgumentException("a snippet has 16 frames, got " + frames.length);
        }
        float[] m = mean.cropped();
        int s = SnippetMean.CROP;
        int o = offset;
        for (int t = 0; t < SnippetMean.FRAMES; t++) {
            float[] f = frames[t];
            int base = t * FRAME_VALUES;
            if (!mirror) {
                for (int i = 0; i < FRAME_VALUES; i++) {
                    out[o + i] = f[i] - m[base + i];
                }
            } else {
                for (int y = 0; y < s; y++) {
                    for (int x = 0; x < s; x++) {
                        int dst = o + (y * s + x) * 3;
                        int src = (y * s + (s - 1 - x)) * 3;
                        out[dst] = f[src] - m[base + src];
                        out[dst + 1] = f[src + 1] - m[base + src + 1];
                        out[dst + 2] = f[src + 2] - m[base + src + 2];
                    }
                }
            }
            o += FRAME_VALUES;
        }
    }
}
