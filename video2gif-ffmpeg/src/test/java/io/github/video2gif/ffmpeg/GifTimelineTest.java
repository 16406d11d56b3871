package io.github.video2gif.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GifTimelineTest {
    @Test
    void sourceFramesAtTheGifRateMapOneToOne() {
        GifTimeline t = new GifTimeline(10);
        for (int i = 0; i < 10; i++) {
            assertThat(t.add(0.1)).isEqualTo(i * 10L);
        }
        assertThat(t.endCentis()).isEqualTo(100);
    }

    @Test
    void roundingIsCarriedOverAMinuteAt30Fps() {
        GifTimeline t = new GifTimeline(30);
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 1800; i++) {
            starts.add(t.add(1 / 30.0));
        }
        assertThat(starts).doesNotContain(-1L);
        assertThat(t.endCentis()).isEqualTo(6000);
        for (int i = 1; i < starts.size(); i++) {
            assertThat(starts.get(i) - starts.get(i - 1)).isBetween(3L, 4L);
        }
    }

    @Test
    void a24FpsSourceAt10FpsKeepsTheFrameVisibleAtEachTick() {
        GifTimeline t = new GifTimeline(10);
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            if (t.add(1 / 24.0) >= 0) {
                kept.add(i);
            }
        }
        // Tick k at k/10 s shows source frame floor(2.4 k).
        assertThat(kept).containsExactly(0, 2, 4, 7, 9, 12, 14, 16, 19, 21, 24, 26, 28, 31, 33, 36, 38, 40, 43, 45);
        assertThat(t.endCentis()).isEqualTo(200);
    }

    @Test
    void rejectsBadDurations() {
        GifTimeline t = new GifTimeline(10);
        assertThatThrownBy(() -> t.add(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.add(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.add(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }
}
