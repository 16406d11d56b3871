package io.github.video2gif.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.video2gif.api.Progress;
import io.github.video2gif.core.metrics.FrameScores;
import io.github.video2gif.core.metrics.Metrics;
import io.github.video2gif.core.rank.AdaptiveHuberRankLoss;
import io.github.video2gif.core.rank.L2RankLoss;
import io.github.video2gif.core.rank.RankNetModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small, fast training runs on synthetic videos whose truth is known. */
class RankNetTrainerTest {
    /** An easy world: 16-d features, little noise, GIFs on the best segments. */
    private static final SyntheticVideos.Spec WORLD =
            new SyntheticVideos.Spec(80, 16, 4, 12, 20, 10, 2, 0.0, 1.0, 0.5, 11, 1, 0.0);

    /** The paper's settings, scaled to a tiny data set: fewer epochs and units, a larger step, less dropout. */
    private static TrainerConfig small(long seed) {
        return TrainerConfig.paper(seed).toBuilder().hidden(16, 8).epochs(8).learningRate(0.03).decayEvery(6)
                .inputDropout(0.1).build();
    }

    @TempDir
    Path dir;

    @Test
    void theLossFallsAndTheModelRanksFarBetterThanChance() throws Exception {
        TrainingData train = SyntheticVideos.generate(WORLD);
        List<TrainingVideo> validation = SyntheticVideos.generate(WORLD.withVideos(40, 99)).videos();
        List<Progress> seen = new ArrayList<>();
        TrainingResult r = new RankNetTrainer(small(1), new AdaptiveHuberRankLoss(), "adaptive-huber")
                .train(train, validation, seen::add);
        List<EpochStats> h = r.history();
        assertThat(h).hasSize(8);
        assertThat(h.get(h.size() - 1).trainLoss()).isLessThan(0.7 * h.get(0).trainLoss());
        double random = randomNmsd(validation);
        double learned = h.get(h.size() - 1).validationNmsd().getAsDouble();
        assertThat(random).isBetween(0.35, 0.65);
        assertThat(learned).as("validation nMSD %s vs random %s", learned, random).isLessThan(random - 0.2);
        assertThat(h.get(h.size() - 1).validationAp().getAsDouble()).isGreaterThan(0.4);
        assertThat(h.get(7).learningRate()).isCloseTo(0.003, within(1e-12));
        // progress: "train" task, ends at the total
        assertThat(seen).isNotEmpty().allMatch(p -> p.task().equals("train"));
        Progress last = seen.get(seen.size() - 1);
        assertThat(last.done()).isEqualTo(last.total());
        assertThat(last.detail()).contains("epoch 8/8").contains("val nMSD");
        // the trained model, saved and loaded, scores like the trainer measured
        Path f = dir.resolve("model.v2g");
        r.model().save(f);
        RankNetModel loaded = RankNetModel.load(f);
        assertThat(loaded.featureExtractor()).isEqualTo(SyntheticVideos.FEATURE_NAME);
        assertThat(loaded.training()).containsEntry("loss", "adaptive-huber").containsEntry("epochs", 8L);
        var report = ModelEvaluation.evaluate(loaded.scorer(), new TrainingData("synthetic", validation),
                Metrics.NmsdMode.MEAN);
        assertThat(report.videos()).hasSize(validation.size());
        assertThat(report.meanNmsd()).isCloseTo(learned, within(1e-4));
        assertThat(report.meanAp()).isCloseTo(h.get(h.size() - 1).validationAp().getAsDouble(), within(1e-4));
    }

    private static double randomNmsd(List<TrainingVideo> videos) {
        SplittableRandom r = new SplittableRandom(5);
        double n = 0;
        for (TrainingVideo v : videos) {
            double[] s = new double[v.segments().size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = r.nextDouble();
            }
            n += Metrics.nmsd(FrameScores.ofSpans(v.frames(), v.segments(), s), v.gifSpans());
        }
        return n / videos.size();
    }

    @Test
    void theSameSeedGivesTheSameModelBitForBit() throws Exception {
        TrainingData train = SyntheticVideos.generate(WORLD.withVideos(30, 4));
        TrainerConfig c = small(42).toBuilder().epochs(2).models(2).build();
        RankNetModel a = new RankNetTrainer(c, new AdaptiveHuberRankLoss(), "adaptive-huber").train(train, List.of(), null).model();
        RankNetModel b = new RankNetTrainer(c, new AdaptiveHuberRankLoss(), "adaptive-huber").train(train, List.of(), null).model();
        assertThat(a.members()).hasSize(2);
        assertThat(a.members()).isEqualTo(b.members());
        assertThat(a.members().get(0)).as("averaged models start from different initialisations")
                .isNotEqualTo(a.members().get(1));
        RankNetModel other = new RankNetTrainer(c.toBuilder().seed(43).build(), new AdaptiveHuberRankLoss(), "x")
                .train(train, List.of(), null).model();
        assertThat(other.members()).isNotEqualTo(a.members());
    }

    @Test
    void divergenceIsAnError() {
        TrainingData train = SyntheticVideos.generate(WORLD.withVideos(20, 4));
        TrainerConfig c = small(1).toBuilder().learningRate(1e4).momentum(0.99).build();
        assertThatThrownBy(() -> new RankNetTrainer(c, new L2RankLoss(), "l2").train(train, List.of(), null))
                .isInstanceOf(TrainingDivergedException.class).hasMessageContaining("Training diverged at epoch")
                .hasMessageContaining("lower the learning rate");
    }

    @Test
    void earlyStoppingKeepsTheBestEpoch() throws Exception {
        TrainingData train = SyntheticVideos.generate(WORLD.withVideos(40, 4));
        List<TrainingVideo> validation = SyntheticVideos.generate(WORLD.withVideos(20, 98)).videos();
        TrainerConfig c = small(3).toBuilder().epochs(6).patience(1).build();
        TrainingResult r = new RankNetTrainer(c, new AdaptiveHuberRankLoss(), "adaptive-huber")
                .train(train, validation, null);
        int best = 0;
        for (EpochStats e : r.history()) {
            if (e.validationNmsd().getAsDouble() < r.history().get(best).validationNmsd().getAsDouble()) {
                best = e.epoch();
            }
        }
        assertThat(r.bestEpochs()).containsExactly(best);
        assertThat(r.history().size() - 1).isLessThanOrEqualTo(best + 1);
        // the kept weights are the best epoch's: re-evaluating them gives its validation nMSD
        var scorer = r.model().scorer();
        double n = 0;
        for (TrainingVideo v : validation) {
            double[] s = scorer.score(v.features().toArray(float[][]::new));
            n += Metrics.nmsd(FrameScores.ofSpans(v.frames(), v.segments(), s), v.gifSpans());
        }
        assertThat(n / validation.size()).isCloseTo(r.history().get(best).validationNmsd().getAsDouble(), within(1e-4));
    }

    @Test
    void aFailingListenerDoesNotStopTraining() throws Exception {
        TrainingData train = SyntheticVideos.generate(WORLD.withVideos(20, 4));
        TrainingResult r = new RankNetTrainer(small(1).toBuilder().epochs(2).build(), new L2RankLoss(), "l2")
                .train(train, List.of(), p -> {
                    throw new IllegalStateException("listener bug");
                });
        assertThat(r.history()).hasSize(2);
    }

    @Test
    void dataWithoutPairsIsRefused() {
        TrainingVideo noGif = TrainingPairsTest.video("a", 5, List.of());
        assertThatThrownBy(() -> new RankNetTrainer(small(1), new L2RankLoss(), "l2")
                .train(new TrainingData("x", List.of(noGif)), List.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("give no pairs");
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> TrainerConfig.paper(1).toBuilder().inputDropout(1.0).build())
                .hasMessageContaining("inputDropout");
        assertThatThrownBy(() -> TrainerConfig.paper(1).toBuilder().epochs(0).build()).hasMessageContaining("epochs");
        TrainerConfig p = TrainerConfig.paper(1);
        assertThat(p.learningRate(0)).isEqualTo(0.001);
        assertThat(p.learningRate(10)).isCloseTo(1e-4, within(1e-18));
        assertThat(p.learningRate(24)).isCloseTo(1e-5, within(1e-18));
        assertThat(p.hidden()).containsExactly(512, 128);
        assertThat(p.batchPairs()).isEqualTo(50);
        assertThat(p.inputDropout()).isEqualTo(0.8);
        assertThat(p.hiddenDropout()).isEqualTo(0.25);
    }
}
