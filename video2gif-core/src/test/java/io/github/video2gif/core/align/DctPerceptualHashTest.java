package io.github.video2gif.core.align;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DctPerceptualHashTest {
    private final DctPerceptualHash hasher = new DctPerceptualHash();

    /** The textbook definition: 2x2 block means of a 64x64 image, full 32x32 DCT-II, 8x8 corner, median. */
    private static long referenceHash(byte[] rgb, int w, int h) {
        double[][] grey = new double[32][32];
        int bx = w / 32;
        int by = h / 32;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = (y * w + x) * 3;
                grey[y / by][x / bx] += 77 * (rgb[p] & 0xFF) + 150 * (rgb[p + 1] & 0xFF) + 29 * (rgb[p + 2] & 0xFF);
            }
        }
        double[] c = new double[64];
        for (int v = 0; v < 8; v++) {
            for (int u = 0; u < 8; u++) {
                double s = 0;
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        s += grey[y][x] * Math.cos((2 * x + 1) * u * Math.PI / 64) * Math.cos((2 * y + 1) * v * Math.PI / 64);
                    }
                }
                double au = u == 0 ? Math.sqrt(1.0 / 32) : Math.sqrt(2.0 / 32);
                double av = v == 0 ? Math.sqrt(1.0 / 32) : Math.sqrt(2.0 / 32);
                c[v * 8 + u] = au * av * s;
            }
        }
        double[] sorted = c.clone();
        java.util.Arrays.sort(sorted);
        double median = (sorted[31] + sorted[32]) / 2;
        long hash = 0;
        for (int i = 0; i < 64; i++) {
            if (c[i] > median) {
                hash |= 1L << i;
            }
        }
        return hash;
    }

    private static byte[] randomSmooth(Random rnd, int w, int h) {
        byte[] rgb = new byte[w * h * 3];
        double[] f = new double[12];
        for (int i = 0; i < f.length; i++) {
            f[i] = rnd.nextDouble() * 6;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = (double) x / w;
                double v = (double) y / h;
                for (int ch = 0; ch < 3; ch++) {
                    double val = 128 + 60 * Math.sin(f[ch] * u + f[ch + 3] * v) + 50 * Math.cos(f[ch + 6] * u * v
                            + f[ch + 9]) + rnd.nextGaussian() * 10;
                    rgb[(y * w + x) * 3 + ch] = (byte) Math.max(0, Math.min(255, (int) val));
                }
            }
        }
        return rgb;
    }

    @Test
    void matchesTheTextbookDefinition() {
        Random rnd = new Random(1);
        for (int trial = 0; trial < 20; trial++) {
            int w = 64 * (1 + trial % 2);
            int h = 32 * (1 + trial % 3);
            byte[] rgb = randomSmooth(rnd, w, h);
            long ours = hasher.hashRgb(rgb, w, h);
            assertThat(Long.bitCount(ours ^ referenceHash(rgb, w, h))).as("trial %d", trial).isZero();
            assertThat(Long.bitCount(ours)).as("median split sets half the bits").isEqualTo(32);
        }
    }

    @Test
    void aRegionWithIntegerEdgesEqualsTheCroppedImage() {
        Random rnd = new Random(2);
        int w = 100;
        int h = 80;
        byte[] rgb = randomSmooth(rnd, w, h);
        byte[] crop = new byte[64 * 64 * 3];
        for (int y = 0; y < 64; y++) {
            System.arraycopy(rgb, ((y + 5) * w + 10) * 3, crop, y * 64 * 3, 64 * 3);
        }
        hasher.loadRgb(rgb, w, h);
        assertThat(hasher.hashRegion(10, 5, 74, 69)).isEqualTo(new DctPerceptualHash().hashRgb(crop, 64, 64));
    }

    @Test
    void fractionalEdgesAreExactAreaIntegrals() {
        Random rnd = new Random(3);
        int w = 45;
        int h = 37;
        byte[] small = randomSmooth(rnd, w, h);
        byte[] doubled = new byte[w * 2 * h * 2 * 3];
        for (int y = 0; y < h * 2; y++) {
            for (int x = 0; x < w * 2; x++) {
                System.arraycopy(small, ((y / 2) * w + x / 2) * 3, doubled, (y * w * 2 + x) * 3, 3);
            }
        }
        hasher.loadRgb(small, w, h);
        long a = hasher.hashRegion(3.5, 2.5, 40.5, 33.5);
        DctPerceptualHash other = new DctPerceptualHash();
        other.loadRgb(doubled, w * 2, h * 2);
        assertThat(a).isEqualTo(other.hashRegion(7, 5, 81, 67));
    }

    @Test
    void survivesResizingPaletteNoiseAndDitherButTellsScenesApart() {
        SyntheticFootage footage = new SyntheticFootage(4, 60, 25);
        int resized = 0;
        int posterised = 0;
        int differentSum = 0;
        int pairs = 0;
        for (int i = 0; i < 20; i++) {
            int frame = i * 70;
            byte[] big = footage.render(frame, 640, 360);
            byte[] small = footage.render(frame, 160, 90);
            byte[] noisy = small.clone();
            Random rnd = new Random(i);
            for (int p = 0; p < noisy.length; p++) {
                int q = ((noisy[p] & 0xFF) / 43) * 51 + rnd.nextInt(20) - 10;
                noisy[p] = (byte) Math.max(0, Math.min(255, q));
            }
            long hBig = hasher.hashRgb(big, 640, 360);
            resized = Math.max(resized, DctPerceptualHash.distance(hBig, hasher.hashRgb(small, 160, 90)));
            posterised = Math.max(posterised, DctPerceptualHash.distance(hBig, hasher.hashRgb(noisy, 160, 90)));
            long other = hasher.hashRgb(footage.render(frame + 35 * 25 % 1500, 160, 90), 160, 90);
            differentSum += DctPerceptualHash.distance(hBig, other);
            pairs++;
        }
        assertThat(resized).as("worst distance after resizing 640x360 -> 160x90").isLessThanOrEqualTo(4);
        assertThat(posterised).as("worst distance after resizing and posterising to 6 levels with noise")
                .isLessThanOrEqualTo(14);
        assertThat((double) differentSum / pairs).as("mean distance between different scenes").isGreaterThan(24);
    }

    @Test
    void transparentPixelsCountAsTheMatte() {
        int w = 40;
        int h = 30;
        int[] argb = new int[w * h];
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            boolean clear = (i / w) < 10;
            int c = clear ? 0x123456 : ((i * 37) & 0xFF) << 8 | 0x400000;
            argb[i] = clear ? 0x00FFFFFF : 0xFF000000 | c;
            rgb[i * 3] = (byte) (c >> 16);
            rgb[i * 3 + 1] = (byte) (c >> 8);
            rgb[i * 3 + 2] = (byte) c;
        }
        assertThat(hasher.hashArgb(argb, w, h, 0x123456)).isEqualTo(new DctPerceptualHash().hashRgb(rgb, w, h));
    }

    @Test
    void tinyImagesAndOddShapesHashWithoutError() {
        assertThat(Long.bitCount(hasher.hashRgb(new byte[] {10, 20, 30}, 1, 1))).isBetween(0, 64);
        byte[] strip = randomSmooth(new Random(5), 500, 3);
        assertThat(hasher.hashRgb(strip, 500, 3)).isEqualTo(hasher.hashRgb(strip, 500, 3));
    }

    @Test
    void rejectsBadSizesAndRegions() {
        assertThatThrownBy(() -> hasher.hashRgb(new byte[10], 2, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 2x2x3");
        assertThatThrownBy(() -> hasher.hashRgb(new byte[0], 0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DctPerceptualHash().hashRegion(0, 0, 1, 1))
                .isInstanceOf(IllegalStateException.class);
        hasher.loadRgb(new byte[4 * 4 * 3], 4, 4);
        assertThatThrownBy(() -> hasher.hashRegion(0, 0, 5, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not inside 4x4");
    }
}
