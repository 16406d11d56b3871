package io.github.video2gif.core.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.video2gif.api.Segment;
import org.junit.jupiter.api.Test;

class CueTrackTest {
    private static float[] frame(float contrast, float cut, float motion) {
        float[] v = new float[CueFeatureExtractor.CUES.size()];
        v[CueFeatureExtractor.CONTRAST] = contrast;
        v[CueFeatureExtractor.CUT] = cut;
        v[CueFeatureExtractor.MOTION] = motion;
        return v;
    }

    @Test
    void aSegmentStartingAtACutDoesNotInheritTheCut() {
        CueTrack t = new CueTrack(CueFeatureExtractor.CUES.size());
        for (int f = 0; f < 10; f++) {
            // frame 5 opens a new shot: the change into it is a cut with a huge "motion"
            t.add(frame(f, f == 5 ? 1 : 0, f == 5 ? 1 : 0.1f));
        }
        float[] second = t.pool(new Segment(5, 10, 0.2, 0.4));
        assertThat(second[CueFeatureExtractor.CUT]).isZero();
        assertThat(second[CueFeatureExtractor.MOTION]).isCloseTo(0.1f, within(1e-6f));
        // frame-level cues average over all frames of the segment
        assertThat(second[CueFeatureExtractor.CONTRAST]).isCloseTo(7f, within(1e-6f));
        float[] across = t.pool(new Segment(3, 8, 0.1, 0.3));
        assertThat(across[CueFeatureExtractor.CUT]).isCloseTo(0.25f, within(1e-6f));
        float[] one = t.pool(new Segment(5, 6, 0.2, 0.24));
        assertThat(one[CueFeatureExtractor.CUT]).isEqualTo(1f);
    }
}
