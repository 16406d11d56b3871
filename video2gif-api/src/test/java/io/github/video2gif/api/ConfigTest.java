package io.github.video2gif.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
    @Test
    void precedenceIsExplicitThenPropertyThenEnvironmentThenDefault() {
        Map<String, String> props = Map.of("video2gif.segmenter.max-seconds", "5");
        Map<String, String> env = Map.of("VIDEO2GIF_SEGMENTER_MAX_SECONDS", "4", "VIDEO2GIF_SEGMENTER_MIN_SECONDS", "1");
        Config c = Config.of(Map.of(), props::get, env::get);
        assertThat(c.number("segmenter.max-seconds", 6, 0, 60)).isEqualTo(5);
        assertThat(c.number("segmenter.min-seconds", 2, 0, 60)).isEqualTo(1);
        assertThat(c.number("segmenter.stride-seconds", 2, 0, 60)).isEqualTo(2);
        Config explicit = c.with("segmenter.max-seconds", "3");
        assertThat(explicit.number("segmenter.max-seconds", 6, 0, 60)).isEqualTo(3);
        assertThat(explicit.find("segmenter.max-seconds").orElseThrow().source()).isEqualTo("option segmenter.max-seconds");
    }

    @Test
    void badValuesNameTheirSource() {
        Config c = Config.of(Map.of(), Map.of("video2gif.top", "many")::get, k -> null);
        assertThatThrownBy(() -> c.integer("top", 5, 1, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("system property video2gif.top must be a whole number, was \"many\"");
        Config range = Config.of(Map.of("top", "0"), k -> null, k -> null);
        assertThatThrownBy(() -> range.integer("top", 5, 1, 100)).hasMessageContaining("must be in [1, 100], was 0");
        assertThatThrownBy(() -> Config.of(Map.of("debug", "maybe"), k -> null, k -> null).flag("debug", false))
                .hasMessageContaining("true or false");
    }

    @Test
    void keysAreValidatedAndNamesDerived() {
        assertThat(Config.environmentName("segmenter.max-seconds")).isEqualTo("VIDEO2GIF_SEGMENTER_MAX_SECONDS");
        assertThat(Config.propertyName("scorer")).isEqualTo("video2gif.scorer");
        assertThatThrownBy(() -> Config.propertyName("Bad Key")).isInstanceOf(IllegalArgumentException.class);
    }
}
