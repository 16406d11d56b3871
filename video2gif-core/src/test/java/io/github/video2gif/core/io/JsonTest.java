package io.github.video2gif.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.video2gif.core.io.Json.JsonException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesEveryKindOfValue() {
        Object v = Json.parse(" {\"a\": [1, -2.5, 3e2, true, false, null], \"s\": \"x\\ty\\u00e9\\\"\\\\\\/\","
                + " \"big\": 12345678901234567890, \"o\": {}} ");
        Map<String, Object> m = Json.asObject(v, "root");
        assertThat(m.keySet()).containsExactly("a", "s", "big", "o");
        assertThat(Json.asArray(m.get("a"), "a")).containsExactly(1L, -2.5, 300.0, true, false, null);
        assertThat(m.get("s")).isEqualTo("x\tyé\"\\/");
        assertThat(m.get("big")).isEqualTo(1.2345678901234567e19);
        assertThat(Json.asObject(m.get("o"), "o")).isEmpty();
    }

    @Test
    void roundTripsWhatItWrites() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "vid \"1\"\n");
        m.put("frames", 120);
        m.put("scores", new float[] {0.1f, -2f, 3.25f});
        m.put("d", new double[] {1e-7, 12.0});
        m.put("gifs", List.of(new int[] {0, 10}, new long[] {20, 30}));
        m.put("ok", true);
        m.put("none", null);
        for (boolean pretty : new boolean[] {false, true}) {
            String text = Json.write(m, pretty);
            Map<String, Object> back = Json.asObject(Json.parse(text), "root");
            assertThat(back.get("id")).isEqualTo("vid \"1\"\n");
            assertThat(back.get("frames")).isEqualTo(120L);
            assertThat(Json.asArray(back.get("scores"), "s")).containsExactly(0.1, -2.0, 3.25);
            assertThat(Json.asArray(back.get("d"), "d")).containsExactly(1e-7, 12.0);
            assertThat(Json.asArray(back.get("gifs"), "g")).containsExactly(List.of(0L, 10L), List.of(20L, 30L));
            assertThat(back.get("ok")).isEqualTo(true);
            assertThat(back).containsEntry("none", null);
        }
        assertThat(Json.write(Map.of("a", List.of(1, 2)), true)).isEqualTo("{\n  \"a\": [1, 2]\n}\n");
        assertThat(Json.write(-0.0)).isEqualTo("-0.0");
    }

    @Test
    void rejectsMalformedTextWithItsPosition() {
        assertThatThrownBy(() -> Json.parse("{\"a\": 1,\n \"b\": }")).isInstanceOf(JsonException.class)
                .hasMessageContaining("line 2, column 7");
        assertThatThrownBy(() -> Json.parse("[1, 2,]")).hasMessageContaining("expected a value");
        assertThatThrownBy(() -> Json.parse("{\"a\": 1, \"a\": 2}")).hasMessageContaining("duplicate member");
        assertThatThrownBy(() -> Json.parse("[1] x")).hasMessageContaining("after the JSON value");
        assertThatThrownBy(() -> Json.parse("NaN")).hasMessageContaining("unexpected character");
        assertThatThrownBy(() -> Json.parse("01")).hasMessageContaining("after the JSON value");
        assertThatThrownBy(() -> Json.parse("\"abc")).hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> Json.parse("\"a\nb\"")).hasMessageContaining("control character");
        assertThatThrownBy(() -> Json.parse("1e999")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Json.parse("")).hasMessageContaining("unexpected end");
        assertThatThrownBy(() -> Json.parse("[".repeat(Json.MAX_DEPTH + 1))).hasMessageContaining("nesting deeper");
    }

    @Test
    void refusesWhatJsonCannotHold() {
        assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> Json.write(new float[] {Float.POSITIVE_INFINITY}))
                .hasMessageContaining("Infinity");
        assertThatThrownBy(() -> Json.write(new Object())).hasMessageContaining("cannot write");
    }

    @Test
    void typedAccessNamesWhatIsWrong() {
        Map<String, Object> m = Json.asObject(Json.parse("{\"n\": 2.5, \"w\": 3.0, \"s\": \"x\"}"), "root");
        assertThat(Json.asLong(m.get("w"), "w", 0, 10)).isEqualTo(3);
        assertThatThrownBy(() -> Json.asLong(m.get("n"), "n", 0, 10)).hasMessage("n must be a whole number, was 2.5");
        assertThatThrownBy(() -> Json.asLong(m.get("w"), "w", 0, 2)).hasMessage("w must be in [0, 2], was 3");
        assertThatThrownBy(() -> Json.asArray(m.get("s"), "s")).hasMessage("s must be a JSON array, was the string \"x\"");
        assertThatThrownBy(() -> Json.member(m, "gifs", "video 1")).hasMessage("video 1 lacks the member \"gifs\"");
    }
}
