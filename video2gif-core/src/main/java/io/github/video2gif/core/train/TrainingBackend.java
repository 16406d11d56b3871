package io.github.video2gif.core.train;

import io.github.video2gif.core.rank.RankNet;

/**
 * Where the arithmetic of RankNet training runs: ND4J on the CPU ({@code cpu}, in this module) or a GPU
 * ({@code cuda}, in {@code video2gif-cuda}). Backends are found through {@link TrainingBackendProvider} and
 * chosen with {@link TrainerConfig#device()} ({@link TrainingBackends#select}); the {@link RankNetTrainer} does
 * the same things in the same order on each, so the same seed gives the same network on every backend up to
 * float rounding, and bit for bit on the same backend and machine.
 */
public interface TrainingBackend {
    /** The provider's name, e.g. {@code cpu} or {@code cuda}. */
    String name();

    /** What it runs on, for logs and the model's training record, e.g. {@code ND4J on 16 CPU threads}. */
    String description();

    /**
     * A network to train.
     *
     * @param init          the initial parameters (their normalisation is ignored: the table is normalised)
     * @param table         {@code rows * init.dimension()} normalised feature values, row after row; the
     *                      backend may copy it (to a GPU) and must not change it
     * @param inputDropout  drop probability of the input, in [0, 1)
     * @param hiddenDropout drop probability after the first hidden layer, in [0, 1)
     * @throws IllegalArgumentException when the table is not whole rows
     */
    RankNetStep network(RankNet init, float[] table, double inputDropout, double hiddenDropout);
}
