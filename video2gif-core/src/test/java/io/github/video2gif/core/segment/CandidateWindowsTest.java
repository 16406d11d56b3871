package io.github.video2gif.core.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.Segment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandidateWindowsTest {
    static Timeline timeline(int frames, double fps) {
        Timeline t = new Timeline();
        for (int i = 0; i < frames; i++) {
            t.add(i / fps);
        }
        return t;
    }

    private static final Timeline T = timeline(2000, 25);

    @Test
    void aRangeUpToTheMaximumIsOneCandidate() {
        List<Segment> c = CandidateWindows.DEFAULT.candidates(List.of(new long[] {10, 110}), T);
        assertThat(c).hasSize(1);
        assertThat(c.get(0).startFrame()).isEqualTo(10);
        assertThat(c.get(0).endFrame()).isEqualTo(110);
        assertThat(c.get(0).durationSec()).isCloseTo(4.0, within(1e-9));
    }

    @Test
    void aLongRangeGetsPreferredLengthWindowsEveryStrideTheLastOneEndingWithTheRange() {
        // 20 s: windows of 4 s every 2 s
        List<Segment> c = CandidateWindows.DEFAULT.candidates(List.of(new long[] {100, 600}), T);
        assertThat(c).isNotEmpty();
        for (int i = 0; i < c.size(); i++) {
            Segment s = c.get(i);
            assertThat(s.startFrame()).isGreaterThanOrEqualTo(100);
            assertThat(s.endFrame()).isLessThanOrEqualTo(600);
            assertThat(s.durationSec()).isCloseTo(4.0, within(0.041));
            if (i > 0) {
                assertThat(s.startFrame() - c.get(i - 1).startFrame()).isBetween(1L, 50L);
            }
        }
        assertThat(c.get(0).startFrame()).isEqualTo(100);
        assertThat(c.get(c.size() - 1).endFrame()).isEqualTo(600);
        assertThat(c).hasSize(9);
    }

    @Test
    void rangesShorterThanTheMinimumGiveNothingUnlessNothingElseExists() {
        CandidateWindows w = CandidateWindows.DEFAULT;
        List<Segment> c = w.candidates(List.of(new long[] {0, 20}, new long[] {30, 130}, new long[] {140, 160}), T);
        assertThat(c).extracting(Segment::startFrame).containsExactly(30L);
        // only short ranges: the longest one is the single candidate (a 1-second clip still gives a GIF)
        List<Segment> only = w.candidates(List.of(new long[] {0, 20}, new long[] {30, 55}), T);
        assertThat(only).hasSize(1);
        assertThat(only.get(0).startFrame()).isEqualTo(30);
        assertThat(only.get(0).endFrame()).isEqualTo(55);
        assertThat(w.candidates(List.of(), T)).isEmpty();
    }

    @Test
    void candidatesNeverLeaveTheirRange() {
        CandidateWindows w = new CandidateWindows(1.0, 2.5, 3.0, 0.7);
        List<long[]> ranges = List.of(new long[] {0, 37}, new long[] {40, 301}, new long[] {305, 1000});
        for (Segment s : w.candidates(ranges, T)) {
            boolean inside = ranges.stream().anyMatch(r -> s.startFrame() >= r[0] && s.endFrame() <= r[1]);
            assertThat(inside).as(s.toString()).isTrue();
            assertThat(s.durationSec()).isBetween(1.0 - 1e-9, 3.0 + 1e-9);
        }
    }

    @Test
    void excludingCutsHolesOutOfRanges() {
        List<long[]> parts = CandidateWindows.excluding(
                List.of(new long[] {0, 100}, new long[] {120, 200}, new long[] {250, 300}),
                List.of(new long[] {10, 20}, new long[] {90, 130}, new long[] {140, 150}, new long[] {250, 300}));
        assertThat(parts).containsExactly(new long[] {0, 10}, new long[] {20, 90}, new long[] {130, 140},
                new long[] {150, 200});
        assertThat(CandidateWindows.excluding(List.of(new long[] {5, 9}), List.of()))
                .containsExactly(new long[] {5, 9});
    }

    @Test
    void settingsComeFromTheConfigurationWithStrideOrOverlap() {
        Config none = Config.of(Map.of(), k -> null, k -> null);
        assertThat(CandidateWindows.from(none)).isEqualTo(CandidateWindows.DEFAULT);
        CandidateWindows o = CandidateWindows.from(Config.of(Map.of("segmenter.preferred-seconds", "5",
                "segmenter.overlap", "0.8"), k -> null, k -> null));
        assertThat(o.preferredSeconds()).isEqualTo(5);
        assertThat(o.strideSeconds()).isCloseTo(1.0, within(1e-9));
        CandidateWindows s = CandidateWindows.from(Config.of(Map.of("segmenter.stride-seconds", "3"), k -> null,
                k -> null));
        assertThat(s.strideSeconds()).isEqualTo(3);
        assertThatThrownBy(() -> CandidateWindows.from(Config.of(Map.of("segmenter.stride-seconds", "3",
                "segmenter.overlap", "0.5"), k -> null, k -> null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> CandidateWindows.from(Config.of(Map.of("segmenter.overlap", "1"), k -> null,
                k -> null))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segmenter.overlap");
        assertThatThrownBy(() -> new CandidateWindows(3, 2, 6, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
