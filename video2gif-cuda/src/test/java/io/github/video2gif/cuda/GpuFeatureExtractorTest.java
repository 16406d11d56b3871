package io.github.video2gif.cuda;

import io.github.video2gif.api.FeatureExtractor;
import io.github.video2gif.api.MeanFeatureTrack;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import io.github.video2gif.core.c3d.C3dFeatureExtractor;
import io.github.video2gif.core.c3d.C3dNetwork;
import io.github.video2gif.core.c3d.C3dWeights;
import io.github.video2gif.core.c3d.SnippetMean;
import io.github.video2gif.core.io.NdArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming C3D extractor fed by the GPU network gives the CPU's track: same snippets, same spans, fc6 within
 * 1e-4, with mirroring and a batch that does not divide the snippet count.
 */
@Tag("gpu")
class GpuFeatureExtractorTest {
    @Test
    void theGpuTrackIsTheCpuTrack() throws Exception {
        Gpu.assume();
        C3dWeights w = RandomC3dWeights.of(GpuC3dNetworkTest.CHANNELS, 24, 21);
        SplittableRandom r = new SplittableRandom(22);
        float[] m = new float[3 * 16 * 128 * 171];
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) (r.nextDouble() * 255);
        }
        SnippetMean mean = SnippetMean.of(new NdArray(new int[] {3, 16, 128, 171}, m), null);
        C3dFeatureExtractor.Options options = new C3dFeatureExtractor.Options(8, 6, true, false);
        MeanFeatureTrack cpu = run(new C3dFeatureExtractor(new C3dNetwork(w), mean, null, options), 45);
        try (GpuC3dNetwork net = new GpuC3dNetwork(w, GpuC3dNetwork.Options.of(Precision.FP32).withMaxBatch(4)
                .withDevice(Gpu.device()))) {
            MeanFeatureTrack gpu = run(new C3dFeatureExtractor(net, mean, null, options), 45);
            assertThat(gpu.units()).isEqualTo(cpu.units()).isEqualTo(5); // starts 0, 8, 16, 24 and the tail 29
            for (int u = 0; u < cpu.units(); u++) {
                assertThat(gpu.unitStart(u)).isEqualTo(cpu.unitStart(u));
                assertThat(gpu.unitEnd(u)).isEqualTo(cpu.unitEnd(u));
                assertThat(Gpu.rowError(gpu.unit(u), cpu.unit(u))).as("unit %d", u).isLessThanOrEqualTo(1e-4);
            }
        }
    }

    private static MeanFeatureTrack run(FeatureExtractor fx, int frames) throws Exception {
        VideoInfo info = new VideoInfo(Path.of("random.mp4"), frames / 25.0, 25, frames, 171, 128, 0, "synthetic");
        try (FeatureExtractor.Session s = fx.start(info)) {
            SplittableRandom r = new SplittableRandom(23);
            for (int t = 0; t < frames; t++) {
                byte[] rgb = new byte[171 * 128 * 3];
                for (int i = 0; i < rgb.length; i++) {
                    rgb[i] = (byte) r.nextInt(256);
                }
                s.accept(new VideoFrame(t, t / 25.0, 171, 128, rgb));
            }
            return (MeanFeatureTrack) s.finish();
        }
    }
}
