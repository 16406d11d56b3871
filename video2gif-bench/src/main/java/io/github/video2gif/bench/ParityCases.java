package io.github.video2gif.bench;

import io.github.video2gif.api.FeatureExtractor;
import io.github.video2gif.api.MeanFeatureTrack;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import io.github.video2gif.core.c3d.C3dFeatureExtractor;
import io.github.video2gif.core.c3d.C3dWeights;
import io.github.video2gif.core.c3d.SnippetMean;
import io.github.video2gif.core.c3d.SnippetNetwork;
import io.github.video2gif.core.io.NdArray;
import io.github.video2gif.cuda.RandomC3dWeights;

import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The inputs of the GPU/CPU parity checks, made the same way on both machines from seeds: a small model of the
 * released shape family with 5 snippets, the released shapes with 2 snippets, and a 45-frame stream through the
 * streaming extractor (mirrored, batches of 6). The CPU's outputs are written by {@link CudaParityReference} where
 * ND4J runs, and checked by {@link CudaParityCheck} where the GPU is.
 */
final class ParityCases {
    static final int[] TINY_CHANNELS = {4, 8, 8, 8, 16, 16, 16, 16};
    static final int FRAMES = 45;

    private ParityCases() {
    }

    static C3dWeights tinyWeights() {
        return RandomC3dWeights.of(TINY_CHANNELS, 32, 11);
    }

    static float[] tinySnippets() {
        return RandomC3dWeights.snippets(5, 12);
    }

    static C3dWeights fullWeights() {
        return RandomC3dWeights.released(7);
    }

    static float[] fullSnippets() {
        return RandomC3dWeights.snippets(2, 13);
    }

    static C3dWeights streamWeights() {
        return RandomC3dWeights.of(TINY_CHANNELS, 24, 21);
    }

    static C3dFeatureExtractor.Options streamOptions() {
        return new C3dFeatureExtractor.Options(8, 6, true, false);
    }

    static SnippetMean streamMean() throws Exception {
        SplittableRandom r = new SplittableRandom(22);
        float[] m = new float[3 * 16 * 128 * 171];
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) (r.nextDouble() * 255);
        }
        return SnippetMean.of(new NdArray(new int[] {3, 16, 128, 171}, m), null);
    }

    /** Runs the streaming extractor over the 45 random frames. */
    static MeanFeatureTrack stream(SnippetNetwork network) throws Exception {
        FeatureExtractor fx = new C3dFeatureExtractor(network, streamMean(), null, streamOptions());
        VideoInfo info = new VideoInfo(Path.of("random.mp4"), FRAMES / 25.0, 25, FRAMES, 171, 128, 0, "synthetic");
        try (FeatureExtractor.Session s = fx.start(info)) {
            SplittableRandom r = new SplittableRandom(23);
            for (int t = 0; t < FRAMES; t++) {
                byte[] rgb = new byte[171 * 128 * 3];
                for (int i = 0; i < rgb.length; i++) {
                    rgb[i] = (byte) r.nextInt(256);
                }
                s.accept(new VideoFrame(t, t / 25.0, 171, 128, rgb));
            }
            return (MeanFeatureTrack) s.finish();
        }
    }

    static NdArray rows(float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[0].length);
        }
        return new NdArray(new int[] {rows.length, rows[0].length}, flat);
    }

    static NdArray track(MeanFeatureTrack t) {
        float[][] rows = new float[t.units()][];
        for (int u = 0; u < t.units(); u++) {
            float[] v = t.unit(u);
            rows[u] = new float[v.length + 2];
            rows[u][0] = t.unitStart(u);
            rows[u][1] = t.unitEnd(u);
            System.arraycopy(v, 0, rows[u], 2, v.length);
        }
        return rows(rows);
    }
}
