package io.github.video2gif.api;

/**
 * A loss on one training pair: a segment that was made into a GIF ({@code positive}) and one from the same
 * video that was not ({@code negative}), given the scores the network gave them. The paper's losses are
 * functions of {@code u = margin - positive + negative} with margin 1.
 *
 * <p>Implementations are stateless and thread-safe. Contract: the loss is finite and non-negative for finite
 * scores, and {@link #gradient} returns its partial derivatives (a sub-gradient at kinks).
 */
public interface RankLoss {
    /** The margin the paper uses. */
    double MARGIN = 1.0;

    /**
     * @param positive   score of the GIF segment
     * @param negative   score of the non-GIF segment
     * @param popularity the GIF's normalised popularity in [0, 1] (0 when unknown); only adaptive losses read it
     */
    double loss(double positive, double negative, double popularity);

    /**
     * The partial derivatives of {@link #loss} with respect to {@code positive} and {@code negative}, written to
     * {@code out[0]} and {@code out[1]}.
     */
    void gradient(double positive, double negative, double popularity, double[] out);
}
