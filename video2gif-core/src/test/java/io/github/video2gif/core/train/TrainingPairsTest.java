package io.github.video2gif.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.video2gif.core.metrics.FrameSpan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrainingPairsTest {

    /** Ten segments of 10 frames; GIFs on frames 12..19 (80 % of segment 1) and 50..57 (70 % of segment 5). */
    static TrainingVideo video(String id, int segments, List<TrainingGif> gifs) {
        List<FrameSpan> spans = new ArrayList<>();
        List<float[]> features = new ArrayList<>();
        for (int s = 0; s < segments; s++) {
            spans.add(new FrameSpan(s * 10, s * 10 + 10));
            features.add(new float[] {s, id.hashCode()});
        }
        return new TrainingVideo(id, segments * 10, spans, features, gifs);
    }

    @Test
    void labelsSegmentsByTheirShareInAGif() {
        List<TrainingGif> gifs = List.of(new TrainingGif(new FrameSpan(12, 20), 0.9), new TrainingGif(new FrameSpan(53, 60), 0.2));
        assertThat(TrainingPairs.positiveGif(new FrameSpan(10, 20), gifs, 0.66)).isEqualTo(0);   // 8/10 inside
        assertThat(TrainingPairs.positiveGif(new FrameSpan(50, 60), gifs, 0.66)).isEqualTo(1);   // 7/10 > 0.66
        assertThat(TrainingPairs.positiveGif(new FrameSpan(53, 63), gifs, 0.66)).isEqualTo(1);   // 7/10
        assertThat(TrainingPairs.positiveGif(new FrameSpan(54, 64), gifs, 0.66)).isEqualTo(-1);  // 6/10 <= 0.66
        assertThat(TrainingPairs.isNegative(new FrameSpan(54, 64), gifs)).isFalse();               // partly: unused
        assertThat(TrainingPairs.isNegative(new FrameSpan(20, 30), gifs)).isTrue();                // end exclusive
        assertThat(TrainingPairs.isNegative(new FrameSpan(0, 13), gifs)).isFalse();
    }

    @Test
    void combinesAllPositivesWithKNegativesOfTheSameVideo() {
        TrainingVideo a = video("a", 10, List.of(new TrainingGif(new FrameSpan(10, 30), 0.5)));  // positives 1, 2
        TrainingVideo b = video("b", 6, List.of(new TrainingGif(new FrameSpan(0, 10), 1.0)));    // positive 0
        TrainingVideo c = video("c", 5, List.of());                                             // no GIF: no pairs
        TrainingPairs p = TrainingPairs.sample(List.of(a, b, c), 0.66, 4, PairMode.VIDEO_SPECIFIC, 1);
        assertThat(p.size()).isEqualTo(2 * 4 + 1 * 4);
        assertThat(p.positiveSegments()).isEqualTo(3);
        assertThat(p.negativeSegments()).isEqualTo(8);
        Set<String> pairs = new HashSet<>();
        for (int i = 0; i < p.size(); i++) {
            int pv = p.video(p.positive(i));
            int nv = p.video(p.negative(i));
            assertThat(nv).as("same video").isEqualTo(pv);
            int ps = p.segment(p.positive(i));
            int ns = p.segment(p.negative(i));
            if (pv == 0) {
                assertThat(ps).isIn(1, 2);
                assertThat(ns).isNotIn(1, 2);
                assertThat(p.popularity(i)).isEqualTo(0.5f);
            } else {
                assertThat(ps).isEqualTo(0);
                assertThat(ns).isNotEqualTo(0);
            }
            pairs.add(pv + ":" + ps + ":" + ns);
        }
        assertThat(pairs).hasSize(p.size());
        // exhaustive: both positives of video a meet the same 4 negatives
        Set<Integer> negA1 = new HashSet<>();
        Set<Integer> negA2 = new HashSet<>();
        for (int i = 0; i < p.size(); i++) {
            if (p.video(p.positive(i)) == 0) {
                (p.segment(p.positive(i)) == 1 ? negA1 : negA2).add(p.segment(p.negative(i)));
            }
        }
        assertThat(negA1).hasSize(4).isEqualTo(negA2);
    }

    @Test
    void fewerNegativesThanKUsesAll() {
        TrainingVideo a = video("a", 3, List.of(new TrainingGif(new FrameSpan(0, 10), 0)));
        assertThat(TrainingPairs.sample(List.of(a), 0.66, 4, PairMode.VIDEO_SPECIFIC, 1).size()).isEqualTo(2);
    }

    @Test
    void videoAgnosticPairsDrawNegativesFromTheWholeSet() {
        List<TrainingVideo> videos = new ArrayList<>();
        for (int v = 0; v < 30; v++) {
            videos.add(video("v" + v, 10, List.of(new TrainingGif(new FrameSpan(0, 10), 0))));
        }
        TrainingPairs p = TrainingPairs.sample(videos, 0.66, 4, PairMode.VIDEO_AGNOSTIC, 3);
        assertThat(p.size()).isEqualTo(30 * 4);
        int across = 0;
        for (int i = 0; i < p.size(); i++) {
            assertThat(p.segment(p.negative(i))).isNotEqualTo(0);
            if (p.video(p.negative(i)) != p.video(p.positive(i))) {
                across++;
            }
        }
        assertThat(across).isGreaterThan(p.size() / 2);
        assertThat(TrainingPairs.sample(videos, 0.66, 4, PairMode.VIDEO_SPECIFIC, 3).size()).isEqualTo(p.size());
    }

    @Test
    void theSameSeedDrawsTheSamePairs() {
        List<TrainingVideo> v = SyntheticVideos.generate(SyntheticVideos.Spec.of(20, 0.2, 1, 2)).videos();
        assertThat(TrainingPairs.sample(v, 0.66, 4, PairMode.VIDEO_SPECIFIC, 5))
                .isEqualTo(TrainingPairs.sample(v, 0.66, 4, PairMode.VIDEO_SPECIFIC, 5))
                .isNotEqualTo(TrainingPairs.sample(v, 0.66, 4, PairMode.VIDEO_SPECIFIC, 6));
        assertThatThrownBy(() -> TrainingPairs.sample(v, 1.2, 4, PairMode.VIDEO_SPECIFIC, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
