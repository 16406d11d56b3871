package io.github.video2gif.core.feature;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.video2gif.api.FeatureExtractor;
import io.github.video2gif.api.FeatureTrack;
import io.github.video2gif.api.Segment;
import io.github.video2gif.api.VideoInfo;
import io.github.video2gif.core.synthetic.SyntheticVideo;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cues measure what their names say, on shots whose content is known. */
class CueFeatureExtractorTest {
    private static final SyntheticVideo VIDEO = SyntheticVideo.demo(160, 90, 25);
    private static FeatureTrack track;

    @BeforeAll
    static void extract() throws Exception {
        CueFeatureExtractor ex = new CueFeatureExtractor();
        VideoInfo info = new VideoInfo(Path.of("demo"), VIDEO.durationSec(), 25, VIDEO.frameCount(), 160, 90, 0, "x");
        try (FeatureExtractor.Session s = ex.start(info)) {
            for (int i = 0; i < VIDEO.frameCount(); i++) {
                s.accept(VIDEO.frame(i));
            }
            track = s.finish();
        }
    }

    private static float[] shot(int i) {
        long a = VIDEO.shotStartFrame(i);
        long b = VIDEO.shotStartFrame(i + 1);
        return track.pool(new Segment(a + 5, b - 5, (a + 5) / 25.0, (b - 5) / 25.0));
    }

    @Test
    void actionMovesStaticDoesNotAndThePanMovesEverywhere() {
        float[] action = shot(0);
        float[] still = shot(1);
        float[] pan = shot(3);
        assertThat(action[CueFeatureExtractor.MOTION]).isGreaterThan(0.02f);
        assertThat(action[CueFeatureExtractor.SUBJECT_MOTION]).isGreaterThan(0.01f);
        assertThat(still[CueFeatureExtractor.MOTION]).isLessThan(0.001f);
        assertThat(pan[CueFeatureExtractor.MOTION]).isGreaterThan(0.02f);
        assertThat(pan[CueFeatureExtractor.SUBJECT_MOTION])
                .isLessThan(action[CueFeatureExtractor.SUBJECT_MOTION] / 4);
    }

    @Test
    void darkAndFoggyShotsAreDarkAndFlat() {
        assertThat(shot(2)[CueFeatureExtractor.DARKNESS]).isGreaterThan(0.6f);
        assertThat(shot(0)[CueFeatureExtractor.DARKNESS]).isLessThan(0.1f);
        assertThat(shot(5)[CueFeatureExtractor.FLATNESS]).isGreaterThan(0.5f);
        assertThat(shot(0)[CueFeatureExtractor.FLATNESS]).isLessThan(0.1f);
        assertThat(shot(0)[CueFeatureExtractor.COLOURFULNESS]).isGreaterThan(shot(5)[CueFeatureExtractor.COLOURFULNESS]);
    }

    @Test
    void aFadeAndACutInsideASegmentAreSeen() {
        long[] fade = VIDEO.fades().get(0);
        long fadeOutStart = fade[0];
        long blackStart = fadeOutStart + 25; // fade-out lasts 1 s
        float[] fading = track.pool(new Segment(fadeOutStart, blackStart, fadeOutStart / 25.0, blackStart / 25.0));
        assertThat(fading[CueFeatureExtractor.FADE]).isGreaterThan(0.5f);
        assertThat(shot(0)[CueFeatureExtractor.FADE]).isLessThan(0.05f);
        long cut = VIDEO.cutFrames().get(0);
        float[] across = track.pool(new Segment(cut - 20, cut + 20, (cut - 20) / 25.0, (cut + 20) / 25.0));
        assertThat(across[CueFeatureExtractor.CUT]).isGreaterThan(0.02f);
        assertThat(shot(0)[CueFeatureExtractor.CUT]).isZero();
    }
}
