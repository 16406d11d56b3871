package io.github.video2gif.core.gif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.GifEncoder;
import io.github.video2gif.api.spi.GifEncoderProvider;
import io.github.video2gif.api.spi.Providers;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JavaGifEncoderProviderTest {

    @Test
    void isFoundByServiceLoaderAsJavaWithPriority100() {
        assertThat(Providers.all(GifEncoderProvider.KIND))
                .anySatisfy(p -> {
                    assertThat(p).isInstanceOf(JavaGifEncoderProvider.class);
                    assertThat(p.name()).isEqualTo("java");
                    assertThat(p.priority()).isEqualTo(100);
                    assertThat(p.probe().available()).isTrue();
                });
    }

    @Test
    void readsItsSettingsFromConfig() throws Exception {
        Config config = Config.of(Map.of("gif.dither", "blue-noise", "gif.lossy", "40", "gif.threads", "2",
                "gif.still-threshold", "0", "gif.inter-frame", "false", "gif.memory-mb", "8"), k -> null, k -> null);
        GifEncoder e = new JavaGifEncoderProvider().create(config);
        JavaGifSettings s = ((JavaGifEncoder) e).settings();
        assertThat(s.dither()).isEqualTo(DitherMethod.BLUE_NOISE);
        assertThat(s.lossy()).isEqualTo(40);
        assertThat(s.threads()).isEqualTo(2);
        assertThat(s.stillThreshold()).isZero();
        assertThat(s.interFrame()).isFalse();
        assertThat(s.memoryBudgetBytes()).isEqualTo(8L << 20);
        JavaGifSettings defaults = JavaGifSettings.from(Config.of(Map.of(), k -> null, k -> null));
        assertThat(defaults).isEqualTo(JavaGifSettings.DEFAULT);
    }

    @Test
    void badSettingsNameTheirSource() {
        assertThatThrownBy(() -> JavaGifSettings.from(Config.of(Map.of("gif.dither", "fancy"), k -> null, k -> null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fancy");
        assertThatThrownBy(() -> JavaGifSettings.from(Config.of(Map.of(), k -> k.equals("video2gif.gif.lossy") ? "500"
                : null, k -> null))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("system property video2gif.gif.lossy");
        assertThat(DitherMethod.parse("Sierra_Lite")).isEqualTo(DitherMethod.SIERRA_LITE);
    }
}
