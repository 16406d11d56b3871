package io.github.video2gif.core.c3d;

import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.core.io.NdArray;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SnippetPreprocessorTest {
    @Test
    void frameAtNetworkSizeIsCroppedAndTurnedToBgr() {
        VideoFrame f = TinyModel.frame(3);
        float[] out = new float[SnippetPreprocessor.FRAME_VALUES];
        SnippetPreprocessor.prepareFrame(f, out);
        byte[] rgb = f.rgb();
        int y = 5;
        int x = 7;
        int src = ((y + 8) * 171 + x + 29) * 3;
        int dst = (y * 112 + x) * 3;
        assertThat(out[dst]).isEqualTo(rgb[src + 2] & 0xff);
        assertThat(out[dst + 1]).isEqualTo(rgb[src + 1] & 0xff);
        assertThat(out[dst + 2]).isEqualTo(rgb[src] & 0xff);
    }

    @Test
    void otherSizesAreResizedWithReleaseBilinearAtPixelCentres() {
        // R = column, G = row, B = 7: bilinear interpolation of a linear ramp is exact
        int w = 256;
        int h = 192;
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                rgb[(y * w + x) * 3] = (byte) x;
                rgb[(y * w + x) * 3 + 1] = (byte) y;
                rgb[(y * w + x) * 3 + 2] = 7;
            }
        }
        float[] out = new float[SnippetPreprocessor.FRAME_VALUES];
        SnippetPreprocessor.prepareFrame(new VideoFrame(0, 0, w, h, rgb), out);
        for (int yy : new int[] {0, 50, 111}) {
            for (int xx : new int[] {0, 60, 111}) {
                double xin = (xx + 29 + 0.5) * w / 171.0 - 0.5;
                double yin = (yy + 8 + 0.5) * h / 128.0 - 0.5;
                int i = (yy * 112 + xx) * 3;
                assertThat((double) out[i]).isEqualTo(7.0);
                assertThat((double) out[i + 1]).isCloseTo(yin, within(1e-4));
                assertThat((double) out[i + 2]).isCloseTo(xin, within(1e-4));
            }
        }
    }

    @Test
    void snippetSubtractsTheMeanAndMirrorsAfterwards() throws Exception {
        float[] m = new float[3 * 16 * 128 * 171];
        for (int i = 0; i < m.length; i++) {
            m[i] = (i % 13) * 0.25f;
        }
        SnippetMean mean = SnippetMean.of(new NdArray(new int[] {3, 16, 128, 171}, m), null);
        float[][] frames = new float[16][SnippetPreprocessor.FRAME_VALUES];
        for (int t = 0; t < 16; t++) {
            for (int i = 0; i < frames[t].length; i++) {
                frames[t][i] = (t * 31 + i) % 251;
            }
        }
        SnippetPreprocessor p = new SnippetPreprocessor(mean);
        float[] plain = new float[C3dNetwork.SNIPPET_VALUES];
        float[] mirror = new float[C3dNetwork.SNIPPET_VALUES];
        p.snippet(frames, false, plain, 0);
        p.snippet(frames, true, mirror, 0);
        int t = 9;
        int y = 20;
        int x = 3;
        int c = 1; // G
        float meanValue = m[((c * 16 + t) * 128 + y + 8) * 171 + x + 29];
        int i = ((t * 112 + y) * 112 + x) * 3 + c;
        assertThat(plain[i]).isEqualTo(frames[t][(y * 112 + x) * 3 + c] - meanValue);
        int j = ((t * 112 + y) * 112 + (111 - x)) * 3 + c;
        assertThat(mirror[j]).isEqualTo(plain[i]);
    }
}
