package io.github.video2gif.core.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.Segment;
import io.github.video2gif.api.Segmentation;
import io.github.video2gif.api.Segmenter;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import io.github.video2gif.api.spi.Providers;
import io.github.video2gif.api.spi.SegmenterProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UniformSegmenterTest {
    static Segmentation run(Segmenter s, int frames, double fps) throws Exception {
        Segmenter.Session session = s.start(new VideoInfo(Path.of("v"), frames / fps, fps, frames, 32, 18, 0, "t"));
        for (int i = 0; i < frames; i++) {
            session.accept(new VideoFrame(i, i / fps, 2, 2, new byte[12]));
        }
        return session.finish();
    }

    @Test
    void cutsTheVideoIntoConsecutiveFixedWindows() throws Exception {
        // 23 s at 25 fps: 5 s windows, the last one 3 s (kept: at least half a window)
        Segmentation s = run(new UniformSegmenter(5), 575, 25);
        assertThat(s.cuts()).isEmpty();
        assertThat(s.transitions()).isEmpty();
        assertThat(s.shots()).containsExactly(new Segment(0, 575, 0, 23));
        List<Segment> c = s.candidates();
        assertThat(c).extracting(Segment::startFrame).containsExactly(0L, 125L, 250L, 375L, 500L);
        assertThat(c).extracting(Segment::endFrame).containsExactly(125L, 250L, 375L, 500L, 575L);
        assertThat(c.get(1).startSec()).isCloseTo(5.0, within(1e-9));
        assertThat(c.get(4).durationSec()).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void aShortTailJoinsTheWindowBeforeIt() throws Exception {
        // 21 s: four windows, the 1 s tail added to the fourth
        List<Segment> c = run(new UniformSegmenter(5), 525, 25).candidates();
        assertThat(c).hasSize(4);
        assertThat(c.get(3).endFrame()).isEqualTo(525);
        assertThat(c.get(3).durationSec()).isCloseTo(6.0, within(1e-9));
        // shorter than one window: one candidate
        assertThat(run(new UniformSegmenter(5), 30, 25).candidates()).containsExactly(new Segment(0, 30, 0, 1.2));
        assertThat(run(new UniformSegmenter(5), 0, 25).candidates()).isEmpty();
    }

    @Test
    void isSelectableByNameWithItsWindowLength() throws Exception {
        Config config = Config.of(Map.of("segmenter.segment-seconds", "2"), k -> null, k -> null);
        var sel = Providers.select(SegmenterProvider.KIND, "uniform", config);
        Segmenter s = sel.provider().create(config);
        assertThat(s).isInstanceOf(UniformSegmenter.class);
        assertThat(((UniformSegmenter) s).seconds()).isEqualTo(2);
        assertThat(Providers.select(SegmenterProvider.KIND, "uniform", Config.of(Map.of(), k -> null, k -> null))
                .provider().create(Config.of(Map.of(), k -> null, k -> null)))
                .extracting(x -> ((UniformSegmenter) x).seconds()).isEqualTo(5.0);
        assertThatThrownBy(() -> new UniformSegmenter(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
