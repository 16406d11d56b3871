package io.github.video2gif.core.gif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SsimTest {
    private static final double C1 = Math.pow(0.01 * 255, 2);
    private static final double C2 = Math.pow(0.03 * 255, 2);

    private static double[] constant(int w, int h, double v) {
        double[] a = new double[w * h];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void identicalImagesScoreOne() {
        double[] x = noise(40, 30, 1);
        assertThat(Ssim.index(x, x, 40, 30)).isCloseTo(1.0, offset(1e-12));
    }

    @Test
    void constantImagesScoreTheirLuminanceTerm() {
        // no variance: SSIM = (2ab + C1) / (a^2 + b^2 + C1), worked out by hand for 100 and 110
        double expected = (2 * 100 * 110 + 6.5025) / (100 * 100 + 110 * 110 + 6.5025);
        assertThat(expected).isCloseTo(0.995476, offset(1e-6));
        assertThat(Ssim.index(constant(20, 20, 100), constant(20, 20, 110), 20, 20)).isCloseTo(expected, offset(1e-12));
    }

    @Test
    void checkerboardsOfDifferentContrastScoreTheirContrastTerm() {
        // x = 128 + 40 s, y = 128 + 20 s, s = +-1 in a checkerboard. In every window the Gaussian-weighted mean of s
        // is +-m with m = (sum_i g_i (-1)^i)^2 (the window is separable), its variance v = 1 - m^2, so
        // mu_x = mu_y and SSIM = (2 * 40 * 20 v + C2) / ((40^2 + 20^2) v + C2) exactly.
        int w = 31;
        int h = 23;
        double[] x = new double[w * h];
        double[] y = new double[w * h];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int s = ((r + c) & 1) == 0 ? 1 : -1;
                x[r * w + c] = 128 + 40 * s;
                y[r * w + c] = 128 + 20 * s;
            }
        }
        double alt = 0;
        double norm = 0;
        for (int i = -5; i <= 5; i++) {
            double g = Math.exp(-i * i / (2 * 1.5 * 1.5));
            alt += (i % 2 == 0 ? 1 : -1) * g;
            norm += g;
        }
        double m = (alt / norm) * (alt / norm);
        double v = 1 - m * m;
        // the luminance term is not 1 here: mu differs by 40 m vs 20 m around 128
        double ux = 128 + 40 * m;
        double uy = 128 + 20 * m;
        double lum = (2 * ux * uy + C1) / (ux * ux + uy * uy + C1);
        double ux2 = 128 - 40 * m;
        double uy2 = 128 - 20 * m;
        double lum2 = (2 * ux2 * uy2 + C1) / (ux2 * ux2 + uy2 * uy2 + C1);
        double cs = (2 * 40 * 20 * v + C2) / ((40 * 40 + 20 * 20) * v + C2);
        // windows alternate between the two parities
        int ow = w - 10;
        int oh = h - 10;
        int plus = 0;
        for (int r = 0; r < oh; r++) {
            for (int c = 0; c < ow; c++) {
                if (((r + 5 + c + 5) & 1) == 0) {
                    plus++;
                }
            }
        }
        double expected = (plus * lum * cs + (ow * oh - plus) * lum2 * cs) / (ow * oh);
        assertThat(Ssim.index(x, y, w, h)).isCloseTo(expected, offset(1e-9));
        assertThat(expected).isBetween(0.7, 0.9);
    }

    @Test
    void matchesTheDefinitionComputedWindowByWindow() {
        int w = 25;
        int h = 19;
        double[] x = noise(w, h, 3);
        double[] y = noise(w, h, 4);
        for (int i = 0; i < x.length; i++) {
            y[i] = 0.6 * x[i] + 0.4 * y[i];
        }
        double[] g = Ssim.weights();
        double sum = 0;
        int count = 0;
        for (int r = 0; r + 11 <= h; r++) {
            for (int c = 0; c + 11 <= w; c++) {
                double ux = 0;
                double uy = 0;
                for (int i = 0; i < 11; i++) {
                    for (int j = 0; j < 11; j++) {
                        double wt = g[i] * g[j];
                        ux += wt * x[(r + i) * w + c + j];
                        uy += wt * y[(r + i) * w + c + j];
                    }
                }
                double vx = 0;
                double vy = 0;
                double cxy = 0;
                for (int i = 0; i < 11; i++) {
                    for (int j = 0; j < 11; j++) {
                        double wt = g[i] * g[j];
                        double dx = x[(r + i) * w + c + j] - ux;
                        double dy = y[(r + i) * w + c + j] - uy;
                        vx += wt * dx * dx;
                        vy += wt * dy * dy;
                        cxy += wt * dx * dy;
                    }
                }
                sum += (2 * ux * uy + C1) * (2 * cxy + C2) / ((ux * ux + uy * uy + C1) * (vx + vy + C2));
                count++;
            }
        }
        assertThat(Ssim.index(x, y, w, h)).isCloseTo(sum / count, offset(1e-9));
        assertThat(Ssim.index(x, y, w, h)).isCloseTo(Ssim.index(y, x, w, h), offset(1e-12));
        assertThat(g[5]).isCloseTo(0.2660, offset(1e-4));
    }

    @Test
    void colourVariantsAndErrors() {
        byte[] a = new byte[16 * 16 * 3];
        byte[] b = new byte[16 * 16 * 3];
        new SplittableRandom(5).nextBytes(a);
        assertThat(Ssim.luma(a, a, 16, 16)).isCloseTo(1, offset(1e-12));
        assertThat(Ssim.rgb(a, a, 16, 16)).isCloseTo(1, offset(1e-12));
        assertThat(Ssim.rgb(a, b, 16, 16)).isLessThan(0.1);
        assertThatThrownBy(() -> Ssim.luma(a, a, 10, 25)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("11x11");
    }

    private static double[] noise(int w, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[w * h];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextInt(256);
        }
        return a;
    }
}
