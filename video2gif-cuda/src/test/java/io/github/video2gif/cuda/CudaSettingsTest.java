package io.github.video2gif.cuda;

import io.github.video2gif.api.Config;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings and layouts, pure Java. */
class CudaSettingsTest {
    private static Config config(Map<String, String> values) {
        return Config.of(values, k -> null, k -> null);
    }

    @Test
    void defaultsAreFp32ChannelsFirstOnDevice0() {
        GpuC3dNetwork.Options o = CudaSettings.networkOptions(config(Map.of()));
        assertThat(o.device()).isZero();
        assertThat(o.precision()).isEqualTo(Precision.FP32);
        assertThat(o.layout()).isEqualTo(Layout.NCDHW);
        assertThat(o.maxBatch()).isEqualTo(32);
        assertThat(o.memoryFraction()).isEqualTo(0.8);
        assertThat(o.workspaceBytes()).isEqualTo(1L << 30);
    }

    @Test
    void reducedPrecisionDefaultsToChannelsLastAndTheLayoutCanBeChosen() {
        assertThat(CudaSettings.networkOptions(config(Map.of("cuda.precision", "BF16"))).layout())
                .isEqualTo(Layout.NDHWC);
        GpuC3dNetwork.Options o = CudaSettings.networkOptions(config(Map.of("cuda.precision", "fp16",
                "cuda.layout", "ncdhw", "cuda.batch", "128", "cuda.device", "1")));
        assertThat(o.precision()).isEqualTo(Precision.FP16);
        assertThat(o.layout()).isEqualTo(Layout.NCDHW);
        assertThat(o.maxBatch()).isEqualTo(128);
        assertThat(o.device()).isEqualTo(1);
    }

    @Test
    void badValuesFailNamingTheSetting() {
        assertThatThrownBy(() -> CudaSettings.networkOptions(config(Map.of("cuda.precision", "fp8"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cuda.precision must be fp32, fp16 or bf16, was \"fp8\"");
        assertThatThrownBy(() -> CudaSettings.networkOptions(config(Map.of("cuda.layout", "nhwc"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cuda.layout");
        assertThatThrownBy(() -> CudaSettings.networkOptions(config(Map.of("cuda.batch", "1000"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cuda.batch");
    }

    @Test
    void stridesDescribeBothLayouts() {
        // (N, C, D, H, W) = (2, 3, 4, 5, 6)
        assertThat(Layout.NCDHW.strides(2, 3, 4, 5, 6)).containsExactly(360, 120, 30, 6, 1);
        assertThat(Layout.NDHWC.strides(2, 3, 4, 5, 6)).containsExactly(360, 1, 90, 18, 3);
        assertThatThrownBy(() -> Layout.NCDHW.strides(1, 1 << 16, 1 << 16, 2, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
