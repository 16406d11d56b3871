package io.github.video2gif.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {
    private static final Segmentation NO_SHOTS = new Segmentation(List.of(), List.of(), List.of(), List.of());

    @Test
    void segmentsValidateTheirRanges() {
        assertThatThrownBy(() -> new Segment(5, 5, 0, 1)).hasMessageContaining("endFrame must be > startFrame");
        assertThatThrownBy(() -> new Segment(-1, 5, 0, 1)).hasMessageContaining("startFrame");
        assertThatThrownBy(() -> new Segment(0, 5, 2, 1)).hasMessageContaining("endSec");
        assertThatThrownBy(() -> new Segment(0, 5, Double.NaN, 1)).hasMessageContaining("startSec");
        Segment s = new Segment(10, 20, 1, 2);
        assertThat(s.frames()).isEqualTo(10);
        assertThat(s.overlapFrames(15, 30)).isEqualTo(5);
        assertThat(s.overlapFrames(20, 30)).isZero();
    }

    @Test
    void scoresMustBeFiniteAndCuesAreCopied() {
        Segment s = new Segment(0, 10, 0, 1);
        assertThatThrownBy(() -> new ScoredSegment(s, Double.NaN)).hasMessageContaining("finite");
        java.util.HashMap<String, Double> cues = new java.util.HashMap<>(Map.of("motion", 1.0));
        ScoredSegment ss = new ScoredSegment(s, 1, cues);
        cues.put("motion", 2.0);
        assertThat(ss.cues()).containsEntry("motion", 1.0);
    }

    @Test
    void rankingSortsBestFirstWithDeterministicTiesAndPicksDistinctTopSegments() {
        VideoInfo info = new VideoInfo(Path.of("v.mp4"), 10, 25, 250, 640, 360, 0, "h264");
        ScoredSegment a = new ScoredSegment(new Segment(0, 100, 0, 4), 1.0);
        ScoredSegment b = new ScoredSegment(new Segment(50, 150, 2, 6), 3.0);
        ScoredSegment c = new ScoredSegment(new Segment(100, 200, 4, 8), 3.0);
        ScoredSegment d = new ScoredSegment(new Segment(200, 250, 8, 10), 2.0);
        Ranking r = new Ranking(info, List.of(a, d, c, b), NO_SHOTS);
        assertThat(r.segments()).containsExactly(b, c, d, a);
        assertThat(r.top(2)).containsExactly(b, c);
        assertThat(r.top(10)).hasSize(4);
        // b shares 50 of 100 frames with c and with a: both are skipped at 25 % allowed overlap
        assertThat(r.topDistinct(3, 0.25)).containsExactly(b, d);
        assertThat(r.topDistinct(3, 0.5)).containsExactly(b, c, d);
    }

    @Test
    void frameFormatsResolveToEvenSizes() {
        assertThat(FrameFormat.fit(160, 160).resolve(1280, 720)).containsExactly(160, 90);
        assertThat(FrameFormat.fit(160, 160).resolve(720, 1280)).containsExactly(90, 160);
        assertThat(FrameFormat.fit(1000, 1000).resolve(641, 361)).containsExactly(640, 360);
        assertThat(FrameFormat.width(360).resolve(1280, 720)).containsExactly(360, 202);
        assertThat(FrameFormat.exact(171, 128).resolve(1280, 720)).containsExactly(171, 128);
        assertThat(FrameFormat.original().resolve(853, 480)).containsExactly(852, 480);
        assertThatThrownBy(() -> FrameFormat.width(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void meanFeatureTrackPoolsByOverlapAndFallsBackToTheNearestUnit() {
        MeanFeatureTrack t = new MeanFeatureTrack(2);
        t.add(0, 16, new float[] {1, 10});
        t.add(8, 24, new float[] {3, 30});
        t.add(16, 32, new float[] {5, 50});
        assertThat(t.pool(new Segment(0, 32, 0, 1))).containsExactly(3f, 30f);
        // frames 0..8 overlap only the first unit
        assertThat(t.pool(new Segment(0, 8, 0, 1))).containsExactly(1f, 10f);
        // overlap 8 with unit 0 and 8 with unit 1
        assertThat(t.pool(new Segment(8, 16, 0, 1))).containsExactly(2f, 20f);
        // beyond the last unit: nearest
        assertThat(t.pool(new Segment(100, 110, 4, 5))).containsExactly(5f, 50f);
        assertThatThrownBy(() -> t.add(0, 4, new float[] {1, 1})).hasMessageContaining("ascending");
        assertThatThrownBy(() -> t.add(40, 44, new float[] {1})).hasMessageContaining("expected 2");
    }

    @Test
    void gifOptionsRejectImpossibleValues() {
        assertThatThrownBy(() -> new GifOptions(-2, 10, 0, 256)).hasMessageContaining("width");
        assertThatThrownBy(() -> new GifOptions(360, 0, 0, 256)).hasMessageContaining("fps");
        assertThatThrownBy(() -> new GifOptions(360, 10, 0, 300)).hasMessageContaining("maxColors");
        assertThat(GifOptions.DEFAULT.withWidth(240).width()).isEqualTo(240);
    }

    @Test
    void videoFrameChecksItsPixelBuffer() {
        assertThatThrownBy(() -> new VideoFrame(0, 0, 2, 2, new byte[11])).hasMessageContaining("expected 2x2x3 = 12");
        VideoFrame f = new VideoFrame(3, 0.12, 2, 2, new byte[12]);
        assertThat(f.withTiming(0, 0).rgb()).isSameAs(f.rgb());
        assertThat(f.copyRgb()).isNotSameAs(f.rgb()).isEqualTo(f.rgb());
    }
}
