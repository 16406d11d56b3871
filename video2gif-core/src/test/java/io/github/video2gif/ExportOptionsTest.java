package io.github.video2gif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExportOptionsTest {
    @Test
    void byteCountsTakeDecimalAndBinarySuffixes() {
        assertThat(ExportOptions.parseBytes("800000")).isEqualTo(800_000);
        assertThat(ExportOptions.parseBytes("500k")).isEqualTo(500_000);
        assertThat(ExportOptions.parseBytes("500kB")).isEqualTo(500_000);
        assertThat(ExportOptions.parseBytes("2M")).isEqualTo(2_000_000);
        assertThat(ExportOptions.parseBytes("1.5m")).isEqualTo(1_500_000);
        assertThat(ExportOptions.parseBytes("1G")).isEqualTo(1_000_000_000);
        assertThat(ExportOptions.parseBytes("512KiB")).isEqualTo(512 * 1024);
        assertThat(ExportOptions.parseBytes("2Mi")).isEqualTo(2 << 20);
        assertThat(ExportOptions.parseBytes(" 64 k ")).isEqualTo(64_000);
        for (String bad : new String[] {"", "k", "abc", "-5", "0", "1e6", "5x", "0.4", "2MM"}) {
            assertThatThrownBy(() -> ExportOptions.parseBytes(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad.trim().isEmpty() ? "" : bad);
        }
    }

    @Test
    void optionsThatDoNotGoTogetherAreRejected() {
        assertThatThrownBy(() -> new ExportOptions(null, 0, 1.0, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bounce");
        assertThatThrownBy(() -> new ExportOptions(null, -1, 0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExportOptions(null, 0, -0.5, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExportOptions(null, 0, Double.NaN, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExportOptions(".gif", 0, 0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ExportOptions(" WebP ", 0, 0, false).format()).isEqualTo("webp");
        assertThat(ExportOptions.DEFAULT.withBounce(true).withMaxBytes(10).withFormat("gif"))
                .isEqualTo(new ExportOptions("gif", 10, 0, true));
    }
}
