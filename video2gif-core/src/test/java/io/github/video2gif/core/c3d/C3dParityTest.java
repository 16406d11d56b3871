package io.github.video2gif.core.c3d;

import io.github.video2gif.api.FeatureExtractor;
import io.github.video2gif.api.MeanFeatureTrack;
import io.github.video2gif.api.Segment;
import io.github.video2gif.core.io.Fixtures;
import io.github.video2gif.core.io.NdArray;
import io.github.video2gif.core.io.NpyReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The small C3D-shaped model, in the authors' file formats, against the independent numpy implementation in
 * {@code c3d/make_fixtures.py}: fc6 and scores agree to 1e-4 relative.
 */
class C3dParityTest {
    static PaperModel model;
    static NdArray expectedFc6;    // (snippet, orig/mirror, 16)
    static NdArray expectedScores; // (snippet, orig/mirror)
    static SnippetMean mean;

    @BeforeAll
    static void load(@TempDir Path dir) throws Exception {
        Path meanFile = TinyModel.writeMean(dir);
        model = PaperModel.load(TinyModel.pickle(), meanFile, TinyModel.head());
        mean = SnippetMean.read(meanFile);
        expectedFc6 = NpyReader.readArray(Fixtures.c3d("expected_fc6.npy"));
        expectedScores = NpyReader.readArray(Fixtures.c3d("expected_scores.npy"));
    }

    @Test
    void fc6AndScoresMatchTheNumpyReferenceForBothOrientations() {
        assertThat(model.network().featureDimension()).isEqualTo(16);
        SnippetPreprocessor pre = new SnippetPreprocessor(mean);
        float[] batch = new float[4 * C3dNetwork.SNIPPET_VALUES];
        for (int s = 0; s < 2; s++) {
            float[][] frames = new float[16][];
            for (int t = 0; t < 16; t++) {
                frames[t] = new float[SnippetPreprocessor.FRAME_VALUES];
                SnippetPreprocessor.prepareFrame(TinyModel.frame(8 * s + t), frames[t]);
            }
            pre.snippet(frames, false, batch, (2 * s) * C3dNetwork.SNIPPET_VALUES);
            pre.snippet(frames, true, batch, (2 * s + 1) * C3dNetwork.SNIPPET_VALUES);
        }
        float[][] fc6 = model.network().fc6(batch, 4);
        double[] scores = model.head().score(fc6);
        for (int s = 0; s < 2; s++) {
            for (int o = 0; o < 2; o++) {
                float[] got = fc6[2 * s + o];
                float[] want = new float[16];
                for (int k = 0; k < 16; k++) {
                    want[k] = expectedFc6.get(s, o, k);
                }
                assertRelative(got, want, "fc6 of snippet " + s + (o == 1 ? " mirrored" : ""));
                double ws = expectedScores.get(s, o);
                assertThat(Math.abs(scores[2 * s + o] - ws)).as("score of snippet %d/%d", s, o)
                        .isLessThanOrEqualTo(1e-4 * Math.abs(ws));
            }
        }
        // the same snippets one at a time give the same values as a batch of four
        float[][] single = model.network().fc6(java.util.Arrays.copyOfRange(batch, 3 * C3dNetwork.SNIPPET_VALUES,
                4 * C3dNetwork.SNIPPET_VALUES), 1);
        assertRelative(single[0], fc6[3], "batch of one");
    }

    @Test
    void streamingExtractorGivesTheReleaseMirroredSnippetScores() throws Exception {
        FeatureExtractor fx = model.snippetScoreExtractor(new C3dFeatureExtractor.Options(8, 4, true, false));
        MeanFeatureTrack track = run(fx, 24);
        assertThat(track.units()).isEqualTo(2);
        for (int s = 0; s < 2; s++) {
            double want = (expectedScores.get(s, 0) + expectedScores.get(s, 1)) / 2;
            assertThat(track.unitStart(s)).isEqualTo(8L * s);
            assertThat(track.unitEnd(s)).isEqualTo(8L * s + 16);
            assertThat((double) track.unit(s)[0]).isCloseTo(want, org.assertj.core.data.Offset.offset(1e-4 * Math.abs(want)));
        }
        // a segment's value is the mean of its snippets' scores
        double both = (track.unit(0)[0] + track.unit(1)[0]) / 2;
        assertThat((double) track.pool(new Segment(0, 24, 0, 0.96))[0]).isCloseTo(both,
                org.assertj.core.data.Offset.offset(1e-5));
        assertThat(model.scorer().score(new float[0][])).isEmpty();
        assertThat(PaperModel.identityScorer().score(new float[][] {{2.5f}})).containsExactly(2.5);
    }

    @Test
    void streamingExtractorGivesFc6PerSnippet() throws Exception {
        FeatureExtractor fx = model.featureExtractor(new C3dFeatureExtractor.Options(8, 1, false, false));
        assertThat(fx.dimension()).isEqualTo(16);
        assertThat(fx.frameFormat().width()).isEqualTo(171);
        assertThat(fx.frameFormat().height()).isEqualTo(128);
        MeanFeatureTrack track = run(fx, 24);
        assertThat(track.units()).isEqualTo(2);
        for (int s = 0; s < 2; s++) {
            float[] want = new float[16];
            for (int k = 0; k < 16; k++) {
                want[k] = expectedFc6.get(s, 0, k);
            }
            assertRelative(track.unit(s), want, "streamed fc6 " + s);
        }
        double[] scored = model.scorer().score(new float[][] {track.unit(0)});
        assertThat(Math.abs(scored[0] - expectedScores.get(0, 0))).isLessThan(1e-4 * Math.abs(expectedScores.get(0, 0)));
    }

    @Test
    void shortVideosAndTailsAreCovered() throws Exception {
        FeatureExtractor fx = model.featureExtractor(new C3dFeatureExtractor.Options(8, 4, false, false));
        MeanFeatureTrack tail = run(fx, 20);
        assertThat(tail.units()).isEqualTo(2);
        assertThat(tail.unitStart(1)).isEqualTo(4);
        assertThat(tail.unitEnd(1)).isEqualTo(20);
        MeanFeatureTrack shortTrack = run(fx, 5);
        assertThat(shortTrack.units()).isEqualTo(1);
        assertThat(shortTrack.unitEnd(0)).isEqualTo(5);
        assertThat(shortTrack.pool(new Segment(2, 4, 0.08, 0.16))).hasSize(16);
    }

    static MeanFeatureTrack run(FeatureExtractor fx, int frames) throws Exception {
        try (FeatureExtractor.Session s = fx.start(TinyModel.video(frames))) {
            for (int t = 0; t < frames; t++) {
                s.accept(TinyModel.frame(t));
            }
            return (MeanFeatureTrack) s.finish();
        }
    }

    static void assertRelative(float[] got, float[] want, String what) {
        double scale = 0;
        for (float w : want) {
            scale = Math.max(scale, Math.abs(w));
        }
        assertThat(scale).as("%s is not all zero", what).isGreaterThan(0);
        for (int k = 0; k < want.length; k++) {
            assertThat((double) Math.abs(got[k] - want[k])).as("%s[%d]: %s vs %s", what, k, got[k], want[k])
                    .isLessThanOrEqualTo(1e-4 * scale);
        }
    }
}
