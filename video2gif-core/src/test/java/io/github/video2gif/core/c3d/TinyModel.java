package io.github.video2gif.core.c3d;

import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import io.github.video2gif.core.io.Fixtures;
import io.github.video2gif.core.io.NdArray;
import io.github.video2gif.core.io.NpyWriter;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The small C3D-shaped model of {@code c3d/make_fixtures.py} and the two formulas that script shares with the
 * tests (the mean snippet and the frames), recomputed here so the committed fixtures stay small.
 */
final class TinyModel {
    static final int H = 128;
    static final int W = 171;

    private TinyModel() {
    }

    static Path pickle() {
        return Fixtures.c3d("c3d_model.pkl");
    }

    static Path head() {
        return Fixtures.c3d("video2gif_weights.npz");
    }

    /** make_fixtures.mean_value(), written as snipplet_mean.npy. */
    static Path writeMean(Path dir) throws IOException {
        float[] m = new float[3 * 16 * H * W];
        int i = 0;
        for (int c = 0; c < 3; c++) {
            for (int t = 0; t < 16; t++) {
                for (int h = 0; h < H; h++) {
                    for (int w = 0; w < W; w++) {
                        m[i++] = ((c * 31 + t * 7 + h * 3 + w) % 97) * 1.5f - 40f;
                    }
                }
            }
        }
        Path p = dir.resolve("snipplet_mean.npy");
        NpyWriter.write(p, new NdArray(new int[] {3, 16, H, W}, m));
        return p;
    }

    /** make_fixtures.frame_pixels(): frame t as packed RGB, 171 x 128. */
    static VideoFrame frame(int t) {
        byte[] rgb = new byte[H * W * 3];
        int i = 0;
        for (long y = 0; y < H; y++) {
            for (long x = 0; x < W; x++) {
                for (long ch = 0; ch < 3; ch++) {
                    long v = ((t * 73856093L) ^ (y * 19349663L) ^ (x * 83492791L) ^ (ch * 2654435761L)) & 0xffffffffL;
                    v = (v * 2246822519L) & 0xffffffffL;
                    rgb[i++] = (byte) (v >>> 24);
                }
            }
        }
        return new VideoFrame(t, t / 25.0, W, H, rgb);
    }

    static VideoInfo video(long frames) {
        return new VideoInfo(Path.of("tiny.mp4"), frames / 25.0, 25, frames, W, H, 0, "synthetic");
    }
}
