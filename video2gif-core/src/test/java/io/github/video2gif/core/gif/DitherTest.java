package io.github.video2gif.core.gif;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.video2gif.api.VideoFrame;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class DitherTest {
    private static final int W = 128;
    private static final int H = 64;

    /** A horizontal grey ramp from 40 to 56 and a palette that has only every 8th grey. */
    private static byte[] ramp() {
        byte[] rgb = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int g = 40 + x * 16 / W;
                int i = (y * W + x) * 3;
                rgb[i] = rgb[i + 1] = rgb[i + 2] = (byte) g;
            }
        }
        return rgb;
    }

    private static Palette coarseGreys() {
        int[] c = new int[32];
        for (int i = 0; i < 32; i++) {
            int g = i * 8;
            c[i] = g << 16 | g << 8 | g;
        }
        return new Palette(c);
    }

    @ParameterizedTest
    @EnumSource(DitherMethod.class)
    void aStillSceneMapsToTheSameIndicesEveryFrame(DitherMethod method) {
        List<VideoFrame> frames = SyntheticClips.render(SyntheticClips.Scene.SPRITES, W, H, 1, 10, 9);
        byte[] still = frames.get(0).rgb();
        ColorHistogram h = new ColorHistogram();
        h.add(still, W, H);
        Palette p = new OklabKMeansQuantizer().quantize(h, 48);
        Ditherer d = method.create(new PaletteLookup(p), W, H, 1.0);
        byte[] first = new byte[W * H];
        d.dither(still, first);
        for (int k = 0; k < 3; k++) {
            byte[] again = new byte[W * H];
            d.dither(still, again);
            assertThat(again).as("%s, repeat %d", method, k).isEqualTo(first);
        }
    }

    @Test
    void orderedDitherRendersShadesBetweenPaletteColours() {
        byte[] rgb = ramp();
        Palette p = coarseGreys();
        PaletteLookup lut = new PaletteLookup(p);
        double plain = blockMeanError(rgb, p, DitherMethod.NONE.create(lut, W, H, 1));
        double blue = blockMeanError(rgb, p, DitherMethod.BLUE_NOISE.create(lut, W, H, 1));
        double bayer = blockMeanError(rgb, p, DitherMethod.BAYER.create(lut, W, H, 1));
        double sierra = blockMeanError(rgb, p, DitherMethod.SIERRA_LITE.create(lut, W, H, 1));
        // without dither each column shows one grey, up to 4 levels off; dither gets area averages right
        assertThat(plain).isGreaterThan(1.5);
        assertThat(blue).isLessThan(plain / 2);
        assertThat(bayer).isLessThan(plain / 2);
        assertThat(sierra).isLessThan(plain / 2);
    }

    @Test
    void orderedDitherLeavesNoisyAreasAlone() {
        List<VideoFrame> frames = SyntheticClips.render(SyntheticClips.Scene.NOISY, W, H, 1, 10, 2);
        byte[] rgb = frames.get(0).rgb();
        ColorHistogram h = new ColorHistogram();
        h.add(rgb, W, H);
        PaletteLookup lut = new PaletteLookup(new OklabKMeansQuantizer().quantize(h, 128));
        byte[] plain = new byte[W * H];
        byte[] blue = new byte[W * H];
        DitherMethod.NONE.create(lut, W, H, 1).dither(rgb, plain);
        DitherMethod.BLUE_NOISE.create(lut, W, H, 1).dither(rgb, blue);
        int differ = 0;
        for (int i = 0; i < plain.length; i++) {
            if (plain[i] != blue[i]) {
                differ++;
            }
        }
        assertThat(differ).as("pixels changed by dither in a noisy frame").isLessThan(plain.length / 10);
    }

    /** Mean over 8x8 blocks of |average shown grey - average source grey|. */
    private static double blockMeanError(byte[] rgb, Palette p, Ditherer d) {
        byte[] idx = new byte[W * H];
        d.dither(rgb, idx);
        double total = 0;
        for (int by = 0; by < H; by += 8) {
            for (int bx = 0; bx < W; bx += 8) {
                double src = 0;
                double shown = 0;
                for (int y = by; y < by + 8; y++) {
                    for (int x = bx; x < bx + 8; x++) {
                        src += rgb[(y * W + x) * 3] & 0xFF;
                        shown += p.rgb(idx[y * W + x] & 0xFF) & 0xFF;
                    }
                }
                total += Math.abs(src - shown) / 64;
            }
        }
        return total / (W / 8 * (H / 8));
    }

    @Test
    void thresholdMapsArePermutationsOfTheirRanks() {
        for (ThresholdMap m : new ThresholdMap[] {ThresholdMap.bayer8(), ThresholdMap.blueNoise64()}) {
            int n = m.size();
            boolean[] seen = new boolean[n * n];
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int rank = Math.round(m.at(x, y) * n * n - 0.5f);
                    assertThat(seen[rank]).isFalse();
                    seen[rank] = true;
                }
            }
        }
        assertThat(ThresholdMap.bayer8().at(0, 0)).isEqualTo(0.5f / 64);
        assertThat(ThresholdMap.bayer8().at(8, 8)).isEqualTo(ThresholdMap.bayer8().at(0, 0));
    }

    @Test
    void blueNoiseHasLessLowFrequencyEnergyThanWhiteNoise() {
        ThresholdMap blue = ThresholdMap.blueNoise64();
        // mean of each 4x4 block: for blue noise the block means stay close to 1/2
        double var = 0;
        for (int by = 0; by < 16; by++) {
            for (int bx = 0; bx < 16; bx++) {
                double s = 0;
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 4; x++) {
                        s += blue.at(bx * 4 + x, by * 4 + y);
                    }
                }
                var += Math.pow(s / 16 - 0.5, 2);
            }
        }
        var /= 256;
        // white noise uniform on (0,1): variance of a 16-sample mean is 1/12/16 = 0.0052
        assertThat(var).isLessThan(0.0052 / 3);
    }
}
