package io.github.video2gif.cuda;

import io.github.video2gif.core.c3d.C3dNetwork;
import io.github.video2gif.core.c3d.C3dWeights;
import io.github.video2gif.core.c3d.SnippetNetwork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * C3D on the GPU against the CPU's {@link C3dNetwork} on a small random model of the released shape family:
 * fp32 within 1e-4 relative (largest error over a row / largest value of the row), fp16 within 2e-2 and bf16
 * within 6e-2, in both layouts, with batches split into chunks (odd sizes included). Needs a GPU; skipped with the
 * probe's reason elsewhere.
 */
@Tag("gpu")
class GpuC3dNetworkTest {
    static final int[] CHANNELS = {4, 8, 8, 8, 16, 16, 16, 16};
    static C3dWeights weights;
    static float[] snippets;
    static float[][] cpu;

    /** The model, its input and the CPU's fc6 (computed once, after the GPU check, so that skips are cheap). */
    static synchronized void reference() {
        if (cpu == null) {
            weights = RandomC3dWeights.of(CHANNELS, 32, 11);
            snippets = RandomC3dWeights.snippets(5, 12);
            cpu = new C3dNetwork(weights).fc6(snippets, 5);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"fp32, ncdhw, 1e-4", "fp32, ndhwc, 1e-4", "fp16, ndhwc, 2e-2", "fp16, ncdhw, 2e-2",
        "bf16, ndhwc, 6e-2", "bf16, ncdhw, 6e-2"})
    void matchesTheCpu(String precision, String layout, double bound) {
        GpuDevice device = Gpu.assume();
        reference();
        Precision p = Precision.parse(precision);
        org.junit.jupiter.api.Assumptions.assumeTrue(p != Precision.BF16 || device.computeCapability() >= 80,
                "bf16 needs compute capability 8.0");
        GpuC3dNetwork.Options o = GpuC3dNetwork.Options.of(p).withLayout(Layout.parse(layout)).withMaxBatch(2)
                .withDevice(Gpu.device());
        try (GpuC3dNetwork gpu = new GpuC3dNetwork(weights, o)) {
            assertThat(gpu.maxChunk()).isEqualTo(2);
            float[][] got = gpu.fc6(snippets, 5); // chunks of 2, 2 and 1
            assertThat(got).hasNumberOfRows(5);
            double worst = 0;
            for (int i = 0; i < 5; i++) {
                assertThat(got[i]).hasSize(32);
                worst = Math.max(worst, Gpu.rowError(got[i], cpu[i]));
            }
            System.out.printf("GPU C3D %s %s vs CPU: worst row error %.3g (bound %.0g); %s%n", precision, layout,
                    worst, bound, gpu.algorithms(2));
            assertThat(worst).isLessThanOrEqualTo(bound);
            assertThat(Arrays.stream(cpu).flatMapToDouble(r -> {
                double[] d = new double[r.length];
                for (int k = 0; k < r.length; k++) {
                    d[k] = r[k];
                }
                return Arrays.stream(d);
            }).filter(v -> v > 0).count()).as("fc6 has live units").isGreaterThan(20);
            // a second call on the same buffers gives the same values
            float[][] again = gpu.fc6(snippets, 5);
            for (int i = 0; i < 5; i++) {
                assertThat(again[i]).containsExactly(got[i]);
            }
        }
    }

    @Test
    void oneSnippetAloneGivesWhatItGaveInABatch() {
        Gpu.assume();
        reference();
        try (GpuC3dNetwork gpu = new GpuC3dNetwork(weights, GpuC3dNetwork.Options.of(Precision.FP32)
                .withDevice(Gpu.device()))) {
            float[][] batch = gpu.fc6(snippets, 5);
            float[][] one = gpu.fc6(Arrays.copyOfRange(snippets, 3 * SnippetNetwork.SNIPPET_VALUES,
                    4 * SnippetNetwork.SNIPPET_VALUES), 1);
            assertThat(Gpu.rowError(one[0], batch[3])).isLessThanOrEqualTo(1e-5);
            assertThat(gpu.timeForward(2, 2)).isPositive();
        }
    }

    @Test
    void badCallsFailClearlyAndAClosedNetworkSaysSo() {
        Gpu.assume();
        reference();
        GpuC3dNetwork gpu = new GpuC3dNetwork(weights, GpuC3dNetwork.Options.of(Precision.FP32)
                .withDevice(Gpu.device()));
        assertThatThrownBy(() -> gpu.fc6(new float[10], 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("need 1 snippets");
        gpu.close();
        gpu.close();
        assertThatThrownBy(() -> gpu.fc6(snippets, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the GPU network is closed");
    }
}
