package io.github.video2gif.core.train;

import io.github.video2gif.api.RankLoss;
import io.github.video2gif.core.rank.InputNormalisation;
import io.github.video2gif.core.rank.RankNet;

/**
 * The arithmetic of training one RankNet, on whatever computes it (a {@link TrainingBackend}): the
 * {@link RankNetTrainer} owns everything else (pairs, shuffling, learning rates, validation, stopping) and calls
 * these steps in the same order on every backend. A network is created on a fixed table of normalised feature
 * rows and trained on mini-batches of pairs of its rows.
 *
 * <p>The contract every implementation keeps, so that two backends given the same seed train the same network
 * up to float rounding (see {@link RankNetSgd} for the formulas):
 * <ul>
 *   <li>a batch of {@code n} pairs is a matrix of {@code 2n} rows, the positives first, then the negatives in
 *       the same order;</li>
 *   <li>with input dropout, value {@code r * d + j} of the batch's part of the dropout stream decides whether
 *       feature {@code j} of row {@code r} is kept ({@code u < 1 - p}; kept values are scaled by
 *       {@code 1 / (1 - p)}); then, with hidden dropout, the next {@code 2n * h1} values decide the first
 *       hidden layer's units the same way, row by row; the stream ends the step advanced by exactly the values
 *       used (none for a dropout of 0);</li>
 *   <li>the loss and its gradient with respect to the scores come from the given {@link RankLoss} on the
 *       host, in double, averaged over the batch's pairs; scores that are not finite or beyond 1e8 throw an
 *       {@link ArithmeticException};</li>
 *   <li>the weight penalty adds {@code 2 lambda W} to the weight gradients (not the biases), and the update is
 *       Nesterov momentum as Lasagne writes it.</li>
 * </ul>
 * Not thread-safe; {@link #close()} frees what the backend holds (GPU memory, for one).
 */
public interface RankNetStep extends AutoCloseable {
    /** The layer widths, input first. */
    int[] layers();

    /**
     * Computes a mini-batch's mean pair loss and its gradient (with the weight penalty), kept for
     * {@link #nesterovStep}.
     *
     * @param pos         table rows of the positives
     * @param neg         table rows of the negatives
     * @param popularity  per pair
     * @param n           pairs in the batch, {@code 1 <= n <= pos.length}
     * @param loss        the pair loss
     * @param weightDecay lambda of the Frobenius penalty
     * @param dropout     the dropout stream, advanced past the values this step used
     * @param scoresOut   if not null, receives the {@code 2n} scores
     * @return the mean pair loss (without the penalty)
     * @throws ArithmeticException when a score is not finite or beyond 1e8
     */
    double lossAndGradient(int[] pos, int[] neg, float[] popularity, int n, RankLoss loss, double weightDecay,
                           SplitMixStream dropout, double[] scoresOut);

    /**
     * One Nesterov momentum step with the gradient of the last {@link #lossAndGradient} call:
     * {@code v = mu v - lr g; p = p + mu v - lr g}.
     */
    void nesterovStep(double learningRate, double momentum);

    /** Scores {@code rows} normalised rows of {@code table} without dropout. */
    double[] score(float[] table, int rows);

    /** Whether every parameter is finite. */
    boolean finite();

    /**
     * The current parameters: for each layer {@code i} its row-major (inputs x outputs) weights at {@code 2i}
     * and its biases at {@code 2i + 1}; copies.
     */
    float[][] snapshot();

    /** The current parameters as a plain-Java network with the given input normalisation (null: none). */
    default RankNet toRankNet(InputNormalisation normalisation) {
        return fromSnapshot(layers(), snapshot(), normalisation);
    }

    /** A network from a {@link #snapshot()}. */
    static RankNet fromSnapshot(int[] layers, float[][] snapshot, InputNormalisation normalisation) {
        int depth = layers.length - 1;
        if (snapshot.length != 2 * depth) {
            throw new IllegalArgumentException("a snapshot of a " + depth + "-layer network has " + 2 * depth
                    + " arrays, got " + snapshot.length);
        }
        float[][] ws = new float[depth][];
        float[][] bs = new float[depth][];
        for (int i = 0; i < depth; i++) {
            ws[i] = snapshot[2 * i];
            bs[i] = snapshot[2 * i + 1];
        }
        return new RankNet(layers, ws, bs, normalisation);
    }

    /** Frees what the backend holds; the step is unusable afterwards. Does nothing by default. */
    @Override
    default void close() {
    }
}
