package io.github.video2gif.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.video2gif.core.io.Json;
import io.github.video2gif.core.metrics.Metrics.NmsdMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Compares with reference values computed by numpy ({@code src/test/python/metrics_reference.py}, output
 * committed as {@code metrics/reference.json}): 60 videos with ties, several GIFs, GIFs past the end.
 */
class MetricsReferenceTest {

    private static Map<String, Object> reference() throws IOException {
        try (InputStream in = MetricsReferenceTest.class.getResourceAsStream("/metrics/reference.json")) {
            return Json.asObject(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)), "reference");
        }
    }

    @Test
    void frameScoreEvaluationMatchesNumpy() throws IOException {
        Map<String, Object> ref = reference();
        List<Object> videos = Json.asArray(ref.get("videos"), "videos");
        assertThat(videos).hasSizeGreaterThan(50);
        EvaluationReport mean = FrameScoreEvaluation.evaluate(ref, NmsdMode.MEAN);
        EvaluationReport best = FrameScoreEvaluation.evaluate(ref, NmsdMode.BEST);
        double sumN = 0;
        double sumA = 0;
        for (int i = 0; i < videos.size(); i++) {
            Map<String, Object> exp = Json.asObject(Json.asObject(videos.get(i), "v").get("expected"), "e");
            double n = Json.asDouble(exp.get("nmsd"), "nmsd");
            double a = Json.asDouble(exp.get("ap"), "ap");
            assertThat(mean.videos().get(i).nmsd()).as("nmsd of video %d", i).isCloseTo(n, within(1e-12));
            assertThat(best.videos().get(i).nmsd()).as("best nmsd of video %d", i)
                    .isCloseTo(Json.asDouble(exp.get("nmsdBest"), "b"), within(1e-12));
            assertThat(mean.videos().get(i).ap()).as("ap of video %d", i).isCloseTo(a, within(1e-12));
            sumN += n;
            sumA += a;
        }
        assertThat(mean.meanNmsd()).isCloseTo(sumN / videos.size(), within(1e-12));
        assertThat(mean.meanAp()).isCloseTo(sumA / videos.size(), within(1e-12));
    }

    @Test
    void percentileMatchesNumpyBitForBit() throws IOException {
        for (Object o : Json.asArray(reference().get("percentiles"), "percentiles")) {
            Map<String, Object> c = Json.asObject(o, "case");
            List<Object> vs = Json.asArray(c.get("values"), "values");
            double[] values = vs.stream().mapToDouble(v -> Json.asDouble(v, "v")).toArray();
            double q = Json.asDouble(c.get("q"), "q");
            assertThat(Metrics.percentile(values, q)).as("percentile %s of %s", q, vs)
                    .isEqualTo(Json.asDouble(c.get("expected"), "expected"));
        }
    }
}
