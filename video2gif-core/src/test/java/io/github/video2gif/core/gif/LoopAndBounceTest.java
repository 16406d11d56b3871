package io.github.video2gif.core.gif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.video2gif.api.VideoFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopAndBounceTest {
    private static final int PERIOD = 12;

    /** A ball circling once every 12 frames over a still gradient, at 10 fps. */
    private static List<VideoFrame> circling(int frames) {
        List<VideoFrame> out = new ArrayList<>();
        int w = 64;
        int h = 48;
        for (int f = 0; f < frames; f++) {
            byte[] rgb = new byte[w * h * 3];
            double a = 2 * Math.PI * f / PERIOD;
            double cx = 32 + 14 * Math.cos(a);
            double cy = 24 + 14 * Math.sin(a);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = (y * w + x) * 3;
                    boolean ball = (x - cx) * (x - cx) + (y - cy) * (y - cy) < 36;
                    rgb[i] = (byte) (ball ? 250 : 40 + x);
                    rgb[i + 1] = (byte) (ball ? 200 : 60 + y);
                    rgb[i + 2] = (byte) (ball ? 30 : 90);
                }
            }
            out.add(new VideoFrame(f, f / 10.0, w, h, rgb));
        }
        return out;
    }

    @Test
    void findsAWholeNumberOfPeriodsForARepetitiveMotion() {
        List<VideoFrame> frames = circling(80);
        // nominal 2.0 .. 5.0 s is 2.5 periods: a bad loop; within +-1 s a whole number of periods exists
        LoopSeamFinder.LoopChoice c = new LoopSeamFinder(1.0).find(frames, 2.0, 5.0);
        assertThat(c.frameCount() % PERIOD).isZero();
        assertThat(c.seamDifference()).isZero();
        assertThat(c.loopScore()).isEqualTo(1.0);
        assertThat(c.startSec()).isBetween(1.0, 3.0);
        assertThat(c.endSec()).isBetween(4.0, 6.0);
        assertThat(c.endSec() - c.startSec()).isEqualTo(c.frameCount() / 10.0, org.assertj.core.data.Offset.offset(1e-9));
        // with no freedom the seam is what it is, and scores lower
        LoopSeamFinder.LoopChoice fixed = new LoopSeamFinder(0).find(frames, 2.0, 5.0);
        assertThat(fixed.startIndex()).isEqualTo(20);
        assertThat(fixed.endIndex()).isEqualTo(50);
        assertThat(fixed.loopScore()).isLessThan(0.5);
    }

    @Test
    void aPanScoresLowAndStreamingGivesTheSameAnswer() {
        List<VideoFrame> pan = SyntheticClips.render(SyntheticClips.Scene.PAN, 96, 54, 70, 10, 1);
        LoopSeamFinder batch = new LoopSeamFinder(1.0);
        LoopSeamFinder.LoopChoice c = batch.find(pan, 2.0, 5.0);
        assertThat(c.loopScore()).isLessThan(0.5);
        LoopSeamFinder streaming = new LoopSeamFinder(1.0);
        pan.forEach(streaming::accept);
        assertThat(streaming.result(2.0, 5.0)).isEqualTo(c);
    }

    @Test
    void stillClipsLoopPerfectlyAndBadInputFails() {
        List<VideoFrame> still = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            still.add(new VideoFrame(i, i / 10.0, 16, 16, new byte[16 * 16 * 3]));
        }
        assertThat(new LoopSeamFinder(0.5).find(still, 0.5, 2.0).loopScore()).isEqualTo(1.0);
        assertThatThrownBy(() -> new LoopSeamFinder(0.5).find(still, 5, 8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no frames near");
        assertThatThrownBy(() -> new LoopSeamFinder(-1)).isInstanceOf(IllegalArgumentException.class);
        LoopSeamFinder f = new LoopSeamFinder(1);
        f.accept(still.get(3));
        assertThatThrownBy(() -> f.accept(still.get(2))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bounceGoesForwardThenBackWithoutRepeatingTheEnds() {
        List<VideoFrame> frames = circling(5);
        List<VideoFrame> b = Bounce.of(frames, 10);
        assertThat(b).hasSize(8);
        int[] order = {0, 1, 2, 3, 4, 3, 2, 1};
        for (int k = 0; k < b.size(); k++) {
            assertThat(b.get(k).rgb()).isSameAs(frames.get(order[k]).rgb());
            assertThat(b.get(k).index()).isEqualTo(k);
            assertThat(b.get(k).timestampSec()).isEqualTo(k / 10.0);
        }
        assertThat(Bounce.of(frames.subList(0, 1), 10)).hasSize(1);
        assertThat(Bounce.of(frames.subList(0, 2), 10)).hasSize(2);
        assertThatThrownBy(() -> Bounce.of(frames, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
