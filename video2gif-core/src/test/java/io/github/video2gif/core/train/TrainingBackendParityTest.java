package io.github.video2gif.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.video2gif.core.rank.AdaptiveHuberRankLoss;
import io.github.video2gif.core.rank.RankNet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The trainer on two implementations of {@link RankNetStep}: ND4J in float and {@link PlainJavaTrainingBackend}
 * in double, which reads the dropout stream by position as a GPU does. The same seed must give the same training
 * up to rounding: the same masks, pairs and order, so per-epoch losses and weights agree closely.
 */
class TrainingBackendParityTest {
    static final SyntheticVideos.Spec WORLD =
            new SyntheticVideos.Spec(80, 16, 4, 12, 20, 10, 2, 0.0, 1.0, 0.5, 11, 1, 0.0);

    /** Largest |a - b| over all parameters, divided by the largest |b|. */
    static double weightError(List<RankNet> a, List<RankNet> b) {
        double err = 0;
        double max = 0;
        for (int m = 0; m < b.size(); m++) {
            for (int i = 0; i < b.get(m).depth(); i++) {
                float[][] x = {a.get(m).weights(i), a.get(m).biases(i)};
                float[][] y = {b.get(m).weights(i), b.get(m).biases(i)};
                for (int t = 0; t < 2; t++) {
                    for (int k = 0; k < y[t].length; k++) {
                        err = Math.max(err, Math.abs(x[t][k] - y[t][k]));
                        max = Math.max(max, Math.abs(y[t][k]));
                    }
                }
            }
        }
        return err / max;
    }

    @Test
    void aBackendThatReadsTheDropoutStreamByPositionTrainsLikeNd4j() throws Exception {
        TrainingData train = SyntheticVideos.generate(WORLD.withVideos(40, 4));
        List<TrainingVideo> validation = SyntheticVideos.generate(WORLD.withVideos(20, 98)).videos();
        TrainerConfig c = TrainerConfig.paper(5).toBuilder().hidden(16, 8).epochs(5).learningRate(0.03)
                .decayEvery(4).inputDropout(0.3).models(2).device("cpu").build();
        TrainingResult cpu = new RankNetTrainer(c, new AdaptiveHuberRankLoss(), "adaptive-huber")
                .train(train, validation, null);
        PlainJavaTrainingBackend plain = new PlainJavaTrainingBackend();
        TrainingResult other = new RankNetTrainer(c, new AdaptiveHuberRankLoss(), "adaptive-huber", plain)
                .train(train, validation, null);
        assertThat(plain.networks).isEqualTo(2);
        assertThat(plain.closed).as("every network is closed").isEqualTo(2);
        assertThat(other.history()).hasSameSizeAs(cpu.history());
        double worstLoss = 0;
        double worstNmsd = 0;
        for (int e = 0; e < cpu.history().size(); e++) {
            double a = cpu.history().get(e).trainLoss();
            double b = other.history().get(e).trainLoss();
            worstLoss = Math.max(worstLoss, Math.abs(a - b) / Math.abs(a));
            worstNmsd = Math.max(worstNmsd, Math.abs(cpu.history().get(e).validationNmsd().getAsDouble()
                    - other.history().get(e).validationNmsd().getAsDouble()));
        }
        double weights = weightError(other.model().members(), cpu.model().members());
        System.out.printf("plain Java (double) vs ND4J (float): per-epoch loss %.3g relative, validation nMSD %.3g,"
                + " weights %.3g of the largest%n", worstLoss, worstNmsd, weights);
        assertThat(worstLoss).isLessThan(1e-4);
        assertThat(worstNmsd).isLessThan(1e-3);
        assertThat(weights).isLessThan(1e-4);
        assertThat(cpu.history().get(4).trainLoss()).isLessThan(0.8 * cpu.history().get(0).trainLoss());
        assertThat(cpu.model().training()).containsEntry("device", "cpu");
        assertThat(other.model().training()).containsEntry("device", "plain-java");
    }
}
