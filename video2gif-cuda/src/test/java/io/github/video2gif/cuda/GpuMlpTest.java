package io.github.video2gif.cuda;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The GPU MLP against a double-precision reference; layer checks run without a GPU. */
class GpuMlpTest {
    static List<GpuMlp.Layer> layers(long seed, int... widths) {
        SplittableRandom r = new SplittableRandom(seed);
        List<GpuMlp.Layer> out = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            float[] w = new float[widths[i] * widths[i + 1]];
            float[] b = new float[widths[i + 1]];
            double scale = Math.sqrt(6.0 / widths[i]);
            for (int k = 0; k < w.length; k++) {
                w[k] = (float) ((r.nextDouble() * 2 - 1) * scale);
            }
            for (int k = 0; k < b.length; k++) {
                b[k] = (float) (r.nextDouble() * 0.2 - 0.1);
            }
            out.add(new GpuMlp.Layer(widths[i], widths[i + 1], w, b));
        }
        return out;
    }

    static double[] reference(List<GpuMlp.Layer> layers, float[] x) {
        double[] a = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = x[i];
        }
        for (int l = 0; l < layers.size(); l++) {
            GpuMlp.Layer layer = layers.get(l);
            double[] y = new double[layer.outputs()];
            for (int o = 0; o < layer.outputs(); o++) {
                double s = layer.bias()[o];
                for (int i = 0; i < layer.inputs(); i++) {
                    s += a[i] * layer.weights()[i * layer.outputs() + o];
                }
                y[o] = l + 1 < layers.size() ? Math.max(0, s) : s;
            }
            a = y;
        }
        return a;
    }

    @Test
    void layersAreCheckedWithoutAGpu() {
        assertThatThrownBy(() -> new GpuMlp.Layer(3, 2, new float[5], new float[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need 6 values");
        assertThatThrownBy(() -> new GpuMlp.Layer(3, 2, new float[6], new float[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bias");
        List<GpuMlp.Layer> mismatched = List.of(new GpuMlp.Layer(3, 2, new float[6], new float[2]),
                new GpuMlp.Layer(4, 1, new float[4], new float[1]));
        assertThatThrownBy(() -> new GpuMlp(mismatched, 0, 8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer 1 takes 4 inputs but the layer before gives 2");
    }

    @Test
    @Tag("gpu")
    void scoresMatchADoublePrecisionReferenceAcrossChunks() {
        Gpu.assume();
        List<GpuMlp.Layer> layers = layers(5, 96, 64, 32, 1);
        SplittableRandom r = new SplittableRandom(6);
        float[][] x = new float[37][96];
        for (float[] row : x) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) (r.nextDouble() * 4 - 1);
            }
        }
        try (GpuMlp mlp = new GpuMlp(layers, Gpu.device(), 16)) { // chunks of 16, 16 and 5
            assertThat(mlp.inputDimension()).isEqualTo(96);
            assertThat(mlp.outputDimension()).isEqualTo(1);
            double[] got = mlp.score(x);
            double worst = 0;
            for (int n = 0; n < x.length; n++) {
                double want = reference(layers, x[n])[0];
                worst = Math.max(worst, Math.abs(got[n] - want) / Math.max(1, Math.abs(want)));
            }
            System.out.printf("GPU MLP vs double reference: worst relative error %.3g%n", worst);
            assertThat(worst).isLessThanOrEqualTo(1e-4);
            assertThat(mlp.score(new float[0][])).isEmpty();
            assertThatThrownBy(() -> mlp.score(new float[][] {new float[95]}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("96 values");
        }
    }
}
