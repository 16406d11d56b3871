package io.github.video2gif.core.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.core.synthetic.SyntheticVideo;
import org.junit.jupiter.api.Test;

class FrameQualityTest {
    private static FrameSignature signature(VideoFrame f) {
        return new FrameSignature().compute(f);
    }

    static VideoFrame solid(int w, int h, int r, int g, int b) {
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = (byte) r;
            rgb[i + 1] = (byte) g;
            rgb[i + 2] = (byte) b;
        }
        return new VideoFrame(0, 0, w, h, rgb);
    }

    /** The frame with each pixel replaced by the mean of a 9x9 box: a strongly blurred picture. */
    static VideoFrame blurred(VideoFrame f) {
        int w = f.width();
        int h = f.height();
        byte[] in = f.rgb();
        byte[] out = new byte[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    int s = 0;
                    int n = 0;
                    for (int dy = -4; dy <= 4; dy++) {
                        for (int dx = -4; dx <= 4; dx++) {
                            int yy = Math.min(h - 1, Math.max(0, y + dy));
                            int xx = Math.min(w - 1, Math.max(0, x + dx));
                            s += in[(yy * w + xx) * 3 + c] & 0xff;
                            n++;
                        }
                    }
                    out[(y * w + x) * 3 + c] = (byte) (s / n);
                }
            }
        }
        return new VideoFrame(f.index(), f.timestampSec(), w, h, out);
    }

    @Test
    void tellsDarkFlatAndBlurredFramesFromGoodOnes() {
        FrameQuality q = FrameQuality.DEFAULT;
        SyntheticVideo v = SyntheticVideo.demo(160, 90, 25);
        FrameSignature good = signature(v.frame(10));
        assertThat(q.assess(good.meanLuma(), good.stdLuma(), good.sharpness())).isZero();

        FrameSignature black = signature(solid(160, 90, 3, 3, 3));
        assertThat(q.assess(black.meanLuma(), black.stdLuma(), black.sharpness()))
                .isEqualTo(FrameQuality.DARK | FrameQuality.FLAT | FrameQuality.BLURRED);
        FrameSignature grey = signature(solid(160, 90, 128, 128, 128));
        assertThat(q.assess(grey.meanLuma(), grey.stdLuma(), grey.sharpness()) & FrameQuality.FLAT).isNotZero();
        assertThat(q.assess(grey.meanLuma(), grey.stdLuma(), grey.sharpness()) & FrameQuality.DARK).isZero();

        FrameSignature blur = signature(blurred(v.frame(10)));
        assertThat(blur.sharpness()).isLessThan(good.sharpness() / 3);
        assertThat(q.assess(blur.meanLuma(), blur.stdLuma(), blur.sharpness())).isEqualTo(FrameQuality.BLURRED);
    }

    @Test
    void onlyRunsOfPoorFramesAreAvoided() {
        FrameQuality q = new FrameQuality(18, 5, 1, 0.2); // 5 frames at 25 fps
        byte[] poor = new byte[100];
        poor[3] = FrameQuality.BLURRED; // a lone poor frame
        for (int i = 20; i < 24; i++) {
            poor[i] = FrameQuality.DARK; // 4 frames: too short
        }
        for (int i = 50; i < 60; i++) {
            poor[i] = FrameQuality.FLAT;
        }
        for (int i = 95; i < 100; i++) {
            poor[i] = FrameQuality.DARK;
        }
        assertThat(q.poorRuns(poor, 100, 0.04)).containsExactly(new long[] {50, 60}, new long[] {95, 100});
    }

    @Test
    void rejectsNonsenseThresholds() {
        assertThatThrownBy(() -> new FrameQuality(-1, 5, 1, 0.2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FrameQuality(18, 5, 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
