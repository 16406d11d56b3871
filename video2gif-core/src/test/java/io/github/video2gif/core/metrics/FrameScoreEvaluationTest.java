package io.github.video2gif.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameScoreEvaluationTest {
    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        Path f = dir.resolve("scores.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void evaluatesAFileAndWritesTheDocumentedReport() throws Exception {
        Path f = write("""
                {"videos": [
                  {"id": "a", "frames": 10, "gifs": [[7, 10], [0, 2]], "scores": [0,1,2,3,4,5,6,7,8,9]},
                  {"id": "b", "frames": 4, "gifs": [[1, 3]], "scores": [0, 5, 4, 1]}
                ]}""");
        EvaluationReport r = FrameScoreEvaluation.evaluate(f);
        assertThat(r.videos()).extracting(VideoScore::id).containsExactly("a", "b");
        double nA = (0.5 / 8.5 + 8.0 / 9) / 2;
        assertThat(r.videos().get(0).nmsd()).isCloseTo(nA, within(1e-12));
        assertThat(r.videos().get(1).nmsd()).isCloseTo(0.0, within(1e-12));
        assertThat(r.videos().get(1).ap()).isEqualTo(1.0);
        assertThat(r.meanNmsd()).isCloseTo(nA / 2, within(1e-12));

        Map<String, Object> back = Json.asObject(Json.parse(Json.write(r.toJson(), true)), "report");
        assertThat(back.keySet()).containsExactly("videos", "meanNmsd", "meanAp");
        Map<String, Object> v0 = Json.asObject(Json.asArray(back.get("videos"), "v").get(0), "v0");
        assertThat(v0.keySet()).containsExactly("id", "nmsd", "ap");
        assertThat(Json.asDouble(back.get("meanAp"), "m")).isCloseTo(r.meanAp(), within(1e-15));
    }

    @Test
    void badFilesGetClearErrors() throws Exception {
        assertThatThrownBy(() -> FrameScoreEvaluation.evaluate(dir.resolve("missing.json")))
                .isInstanceOf(Video2GifException.class).hasMessageContaining("does not exist");
        assertBad("{\"videos\": [", "JSON error at line 1");
        assertBad("{\"videos\": []}", "\"videos\" is empty");
        assertBad("{\"videos\": [{\"id\": \"x\", \"frames\": 3, \"gifs\": [[0, 1]], \"scores\": [1, 2]}]}",
                "video \"x\" has 2 scores for 3 frames");
        assertBad("{\"videos\": [{\"id\": \"x\", \"frames\": 3, \"gifs\": [[2, 1]], \"scores\": [1, 2, 3]}]}",
                "video \"x\" GIF #1 ends (1) at or before it starts (2)");
        assertBad("{\"videos\": [{\"id\": \"x\", \"frames\": 3, \"gifs\": [[0, 3]], \"scores\": [1, 2, 3]}]}",
                "video \"x\": the GIF 0..3 covers every frame");
        assertBad("{\"videos\": [{\"id\": \"x\", \"frames\": 3, \"gifs\": [], \"scores\": [1, 2, 3]}]}",
                "video \"x\" has no GIFs");
        assertBad("{\"videos\": [{\"id\": \"x\", \"frames\": 3, \"gifs\": [[0, 1]], \"scores\": [1, \"a\", 3]}]}",
                "video \"x\" score of frame 1 must be a number");
        assertBad("{\"videos\": [{\"id\": \"x\", \"frames\": 3, \"scores\": [1, 2, 3]}]}",
                "video \"x\" lacks the member \"gifs\"");
        Files.write(dir.resolve("scores.json"), new byte[] {'{', (byte) 0xff, '}'});
        assertThatThrownBy(() -> FrameScoreEvaluation.evaluate(dir.resolve("scores.json")))
                .isInstanceOf(Video2GifException.class).hasMessageContaining("not UTF-8");
    }

    private void assertBad(String json, String message) throws IOException {
        Path f = write(json);
        assertThatThrownBy(() -> FrameScoreEvaluation.evaluate(f)).isInstanceOf(Video2GifException.class)
                .hasMessageContaining(message).hasMessageContaining(f.toString());
    }

    @Test
    void evaluatesOneVideoFromSegments() {
        var s = Evaluation.evaluate("v", 6, List.of(
                new io.github.video2gif.api.ScoredSegment(new io.github.video2gif.api.Segment(0, 3, 0, 1), 2.0),
                new io.github.video2gif.api.ScoredSegment(new io.github.video2gif.api.Segment(3, 6, 1, 2), 1.0)),
                List.of(new FrameSpan(0, 2)));
        // frames 0..2 score 2: threshold 2, 3 frames selected, m = 1 -> (3-1)/(6-1)
        assertThat(s.nmsd()).isCloseTo(0.4, within(1e-12));
        assertThat(s.ap()).isCloseTo(2.0 / 3, within(1e-12));
    }
}
