package io.github.video2gif.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A tiny run of the loss ablation: every method trains and is evaluated; the table has every row. */
class LossAblationSmokeTest {
    @Test
    void everyMethodRunsAndTheTableIsComplete() throws Exception {
        SyntheticVideos.Spec spec = new SyntheticVideos.Spec(24, 8, 4, 8, 12, 10, 2, 0, 1.0, 0.5, 3, 1, 0.0);
        TrainerConfig config = TrainerConfig.paper(1).toBuilder().hidden(8, 4).epochs(1).inputDropout(0.1).build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<Double> rates = List.of(0.5);
        Map<String, Map<Double, LossAblation.Cell>> table = LossAblation.run(spec, 16, rates, 1, config,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(table.keySet()).hasSize(2 + LossAblation.METHODS.size())
                .contains("Random", "Oracle (true worthiness)", "Rank, adaptive Huber loss", "Classification");
        for (Map<Double, LossAblation.Cell> row : table.values()) {
            LossAblation.Cell c = row.get(0.5);
            assertThat(c.nmsd()).hasSize(1).allMatch(v -> v >= 0 && v <= 1);
            assertThat(c.ap()).hasSize(1).allMatch(v -> v > 0 && v <= 1);
        }
        assertThat(table.get("Oracle (true worthiness)").get(0.5).nmsd().get(0))
                .isLessThan(table.get("Random").get(0.5).nmsd().get(0));
        String md = LossAblation.markdown(table, rates);
        assertThat(md).startsWith("| Method | nMSD @ 50 % outliers | AP @ 50 % outliers |")
                .contains("| Rank, l2 loss | ");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("Rank, Huber loss");
    }
}
