package io.github.video2gif.core.gif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.video2gif.api.VideoFrame;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OklabKMeansQuantizerTest {

    private static ColorHistogram histogram(List<VideoFrame> frames) {
        ColorHistogram h = new ColorHistogram();
        for (VideoFrame f : frames) {
            h.add(f.rgb(), f.width(), f.height());
        }
        return h;
    }

    /** Mean squared RGB error of mapping every pixel to its nearest palette colour. */
    private static double meanSquaredError(List<VideoFrame> frames, Palette p) {
        PaletteLookup lut = new PaletteLookup(p);
        double sum = 0;
        long n = 0;
        for (VideoFrame f : frames) {
            byte[] rgb = f.rgb();
            for (int i = 0; i < rgb.length; i += 3) {
                int r = rgb[i] & 0xFF;
                int g = rgb[i + 1] & 0xFF;
                int b = rgb[i + 2] & 0xFF;
                int c = p.rgb(lut.index(r, g, b));
                int dr = r - (c >> 16 & 0xFF);
                int dg = g - (c >> 8 & 0xFF);
                int db = b - (c & 0xFF);
                sum += dr * dr + dg * dg + db * db;
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void fewColoursAreKeptExactly() {
        List<VideoFrame> frames = SyntheticClips.render(SyntheticClips.Scene.FLAT, 120, 80, 12, 10, 1);
        ColorHistogram h = histogram(frames);
        int[] exact = h.exactColors();
        assertThat(exact).isNotNull().hasSizeBetween(3, 12);
        Palette p = new OklabKMeansQuantizer().quantize(h, 255);
        assertThat(p.colors()).containsExactlyInAnyOrder(exact);
        assertThat(meanSquaredError(frames, p)).isZero();
    }

    @Test
    void manyColoursFitTheLimitAndBeatAUniformPalette() {
        List<VideoFrame> frames = SyntheticClips.render(SyntheticClips.Scene.PAN, 160, 90, 8, 10, 3);
        ColorHistogram h = histogram(frames);
        assertThat(h.exactColors()).isNull();
        Palette p = new OklabKMeansQuantizer().quantize(h, 216);
        assertThat(p.size()).isBetween(200, 216);
        int[] uniform = new int[216];
        for (int i = 0; i < 216; i++) {
            uniform[i] = (i / 36 * 51) << 16 | (i / 6 % 6 * 51) << 8 | (i % 6 * 51);
        }
        double ours = meanSquaredError(frames, p);
        double web = meanSquaredError(frames, new Palette(uniform));
        assertThat(ours).isLessThan(web / 4);
        // refining with k-means lowers the error of the box split alone
        double split = meanSquaredError(frames, new OklabKMeansQuantizer(0).quantize(h, 216));
        assertThat(ours).isLessThan(split);
    }

    @Test
    void isDeterministicAndHonoursSmallLimits() {
        List<VideoFrame> frames = SyntheticClips.render(SyntheticClips.Scene.SPRITES, 96, 64, 6, 10, 5);
        ColorHistogram h = histogram(frames);
        Palette a = new OklabKMeansQuantizer().quantize(h, 64);
        Palette b = new OklabKMeansQuantizer().quantize(h, 64);
        assertThat(a.colors()).isEqualTo(b.colors());
        for (int k : new int[] {1, 2, 16}) {
            Palette small = new OklabKMeansQuantizer().quantize(h, k);
            assertThat(small.size()).isBetween(1, k);
            assertThat(Arrays.stream(small.colors()).distinct().count()).isEqualTo(small.size());
        }
    }

    @Test
    void rejectsEmptyHistogramsAndBadLimits() {
        OklabKMeansQuantizer q = new OklabKMeansQuantizer();
        assertThatThrownBy(() -> q.quantize(new ColorHistogram(), 16)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        ColorHistogram h = new ColorHistogram();
        h.add(new byte[] {1, 2, 3}, 1, 1);
        assertThatThrownBy(() -> q.quantize(h, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q.quantize(h, 257)).isInstanceOf(IllegalArgumentException.class);
        assertThat(q.quantize(h, 2).colors()).containsExactly(0x010203);
    }

    @Test
    void oklabRoundTripsTheSrgbCube() {
        float[] lab = new float[3];
        for (int r = 0; r < 256; r += 15) {
            for (int g = 0; g < 256; g += 15) {
                for (int b = 0; b < 256; b += 15) {
                    Oklab.fromSrgb(r, g, b, lab, 0);
                    assertThat(Oklab.toSrgb(lab[0], lab[1], lab[2])).isEqualTo(r << 16 | g << 8 | b);
                }
            }
        }
        Oklab.fromSrgb(255, 255, 255, lab, 0);
        assertThat(lab[0]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-3f));
        assertThat(Math.abs(lab[1]) + Math.abs(lab[2])).isLessThan(1e-3f);
    }
}
