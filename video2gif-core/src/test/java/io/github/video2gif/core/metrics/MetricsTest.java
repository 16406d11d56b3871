package io.github.video2gif.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.video2gif.api.ScoredSegment;
import io.github.video2gif.api.Segment;
import io.github.video2gif.core.metrics.Metrics.NmsdMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed cases; the derivations are in the comments. */
class MetricsTest {
    private static final double EPS = 1e-12;

    @Test
    void apOfASimpleRanking() {
        // descending thresholds: 0.9 (tp1 fp0 p=1 r=.5), 0.8 (tp1 fp1 p=.5 r=.5), 0.7 (tp2 fp1 p=2/3 r=1),
        // 0.1 (tp2 fp2 p=.5 r=1); monotone precision from the lowest threshold: .5, 2/3, 2/3, 1;
        // recall changes at 0.9 and 0.7: AP = (1 + 2/3) / 2
        boolean[] labels = {true, false, true, false};
        double[] scores = {0.9, 0.8, 0.7, 0.1};
        assertThat(Metrics.ap(labels, scores)).isCloseTo((1 + 2.0 / 3) / 2, within(EPS));
    }

    @Test
    void apTreatsTiedScoresAsOneThreshold() {
        // ties: 0.9 holds one positive and one negative (p=.5 r=.5); 0.5 also (p=.5 r=1); 0.1 (p=.4 r=1).
        // Breaking the tie by position would give p=1 at the top; a tie must not.
        boolean[] labels = {true, false, true, false, false};
        double[] scores = {0.9, 0.9, 0.5, 0.5, 0.1};
        assertThat(Metrics.ap(labels, scores)).isCloseTo(0.5, within(EPS));
        // all scores equal: one point, precision = positives / n
        assertThat(Metrics.ap(labels, new double[5])).isCloseTo(0.4, within(EPS));
    }

    @Test
    void apOfAPerfectRankingIsOne() {
        assertThat(Metrics.ap(new boolean[] {false, true, true, false}, new double[] {0, 5, 4, 1})).isEqualTo(1.0);
    }

    @Test
    void apEdgeCasesAsTheReference() {
        assertThat(Metrics.ap(new boolean[] {true, true}, new double[] {0, 1})).isEqualTo(1.0);
        assertThatThrownBy(() -> Metrics.ap(new boolean[] {false, false}, new double[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no element is positive");
        assertThatThrownBy(() -> Metrics.ap(new boolean[] {true, false}, new double[] {0, Double.NaN}))
                .hasMessageContaining("frame 1 has the score NaN");
        assertThatThrownBy(() -> Metrics.ap(new boolean[] {true}, new double[] {0, 1}))
                .hasMessageContaining("differ in length");
    }

    @Test
    void apUsesTheUnionOfSeveralGifs() {
        // frames 0..9 scored 9..0; GIFs [0,3) and [2,5) -> frames 0..4 positive, ranked first: AP 1
        double[] scores = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
        assertThat(Metrics.ap(scores, List.of(new FrameSpan(0, 3), new FrameSpan(2, 5)))).isEqualTo(1.0);
        // GIF [5,10): positives ranked last. Points at thresholds 9..0: recall changes at 4 (p=1/6), 3 (2/7),
        // 2 (3/8), 1 (4/9), 0 (5/10); monotone precision is 1/2 for all five -> AP = 0.5
        assertThat(Metrics.ap(scores, List.of(new FrameSpan(5, 10)))).isCloseTo(0.5, within(EPS));
    }

    @Test
    void nmsdOfOneGifFollowsTheFormula() {
        double[] scores = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        // GIF [7,10): its scores 7,8,9; median 8; frames >= 8: 2; m = 1.5 -> (2 - 1.5) / (10 - 1.5)
        assertThat(Metrics.nmsdOfGif(scores, new FrameSpan(7, 10), 0.5)).isCloseTo(0.5 / 8.5, within(EPS));
        // GIF [0,2): scores 0,1; linear median 0.5; frames >= 0.5: 9; m = 1 -> (9 - 1) / (10 - 1)
        assertThat(Metrics.nmsdOfGif(scores, new FrameSpan(0, 2), 0.5)).isCloseTo(8.0 / 9, within(EPS));
    }

    @Test
    void nmsdOfSeveralGifsIsTheMeanOrTheBest() {
        double[] scores = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        List<FrameSpan> gifs = List.of(new FrameSpan(7, 10), new FrameSpan(0, 2));
        assertThat(Metrics.nmsd(scores, gifs)).isCloseTo((0.5 / 8.5 + 8.0 / 9) / 2, within(EPS));
        assertThat(Metrics.nmsd(scores, gifs, 0.5, NmsdMode.BEST)).isCloseTo(0.5 / 8.5, within(EPS));
    }

    @Test
    void nmsdBestAndWorstCases() {
        // GIF scored lowest of the video: the threshold selects every frame -> 1
        double[] worst = {0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
        assertThat(Metrics.nmsdOfGif(worst, new FrameSpan(0, 4), 0.5)).isEqualTo(1.0);
        // flat scores inside the GIF, higher than the rest: all 4 GIF frames selected, m = 2 -> (4-2)/(10-2)
        double[] flat = {0, 0, 1, 1, 1, 1, 0, 0, 0, 0};
        assertThat(Metrics.nmsdOfGif(flat, new FrameSpan(2, 6), 0.5)).isCloseTo(0.25, within(EPS));
        // strictly decreasing inside the GIF: exactly half selected -> 0
        double[] best = {0, 0, 9, 8, 7, 6, 0, 0, 0, 0};
        // (median 7.5: frames 9 and 8 selected, m = 2 -> 0)
        assertThat(Metrics.nmsdOfGif(best, new FrameSpan(2, 6), 0.5)).isEqualTo(0.0);
        double[] odd = {0, 9, 8, 7, 0, 0, 0, 0, 0, 0, 0};
        // 3 GIF frames: median 8, two selected, m = 1.5 -> 0.5 / 9.5
        assertThat(Metrics.nmsdOfGif(odd, new FrameSpan(1, 4), 0.5)).isCloseTo(0.5 / 9.5, within(EPS));
        // all ties: every frame selected -> 1
        assertThat(Metrics.nmsdOfGif(new double[10], new FrameSpan(3, 5), 0.5)).isEqualTo(1.0);
    }

    @Test
    void gifsPastTheEndAreClippedLikeNumpySlicing() {
        double[] scores = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertThat(Metrics.nmsdOfGif(scores, new FrameSpan(7, 15), 0.5))
                .isEqualTo(Metrics.nmsdOfGif(scores, new FrameSpan(7, 10), 0.5));
        assertThat(Metrics.labels(4, List.of(new FrameSpan(2, 9)))).containsExactly(false, false, true, true);
    }

    @Test
    void undefinedNmsdIsAnError() {
        double[] scores = {0, 1, 2};
        assertThatThrownBy(() -> Metrics.nmsdOfGif(scores, new FrameSpan(0, 3), 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("covers every frame");
        assertThatThrownBy(() -> Metrics.nmsdOfGif(scores, new FrameSpan(3, 5), 0.5))
                .hasMessageContaining("starts after the video's last frame");
        assertThatThrownBy(() -> Metrics.nmsd(scores, List.of())).hasMessageContaining("at least one GIF");
        assertThatThrownBy(() -> new FrameSpan(4, 4)).hasMessageContaining("end frame must be > its start");
    }

    @Test
    void percentileIsNumpysLinearMethod() {
        assertThat(Metrics.percentile(new double[] {3, 1, 2}, 50)).isEqualTo(2.0);
        assertThat(Metrics.percentile(new double[] {1, 2, 3, 4}, 50)).isEqualTo(2.5);
        assertThat(Metrics.percentile(new double[] {1, 2, 3, 4}, 25)).isEqualTo(1.75);
        assertThat(Metrics.percentile(new double[] {1, 2, 3, 4}, 100)).isEqualTo(4.0);
        assertThat(Metrics.percentile(new double[] {1, 2, 3, 4}, 0)).isEqualTo(1.0);
        assertThat(Metrics.percentile(new double[] {7}, 50)).isEqualTo(7.0);
    }

    @Test
    void frameScoresFromSegments() {
        Segment a = new Segment(0, 3, 0, 0.1);
        Segment b = new Segment(2, 5, 0.1, 0.2);
        double[] f = FrameScores.of(7, List.of(new ScoredSegment(a, 1.0), new ScoredSegment(b, 3.0)));
        // frame 2 is in both: the higher score; frames 5 and 6 in none: lowest score - 1
        assertThat(f).containsExactly(1.0, 1.0, 3.0, 3.0, 3.0, 0.0, 0.0);
    }
}
