package io.github.video2gif.core.train;

import io.github.video2gif.core.rank.L2RankLoss;
import java.util.List;

/**
 * Trains a small network on {@link PlainJavaTrainingBackend}, for the test that a backend other than the CPU's
 * never loads ND4J (a GPU machine may not even have it).
 */
public final class TrainingWithoutNd4j {
    private TrainingWithoutNd4j() {
    }

    /** The last epoch's training loss; discovery and probing of the backends on the way. */
    public static double run() throws Exception {
        for (TrainingBackendProvider p : io.github.video2gif.api.spi.Providers.all(TrainingBackendProvider.KIND,
                TrainingWithoutNd4j.class.getClassLoader())) {
            p.probe();
            p.description();
        }
        TrainingBackend cpu = TrainingBackends.select("cpu", io.github.video2gif.api.Config.defaults());
        if (!cpu.name().equals("cpu") || cpu.description().isEmpty()) {
            throw new AssertionError(cpu.name());
        }
        TrainingData train = SyntheticVideos.generate(TrainingBackendParityTest.WORLD.withVideos(10, 4));
        TrainerConfig c = TrainerConfig.paper(1).toBuilder().hidden(8, 4).epochs(2).learningRate(0.03).build();
        TrainingResult r = new RankNetTrainer(c, new L2RankLoss(), "l2", new PlainJavaTrainingBackend())
                .train(train, List.of(), null);
        return r.history().get(1).trainLoss();
    }
}
