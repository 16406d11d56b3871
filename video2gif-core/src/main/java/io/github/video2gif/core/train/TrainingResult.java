package io.github.video2gif.core.train;

import io.github.video2gif.core.rank.RankNetModel;
import java.util.List;

/**
 * A trained model and how training went.
 *
 * @param model         the trained model (its networks averaged)
 * @param history       one entry per epoch and network, in order
 * @param pairs         training pairs per epoch
 * @param pairsPerSecond training speed over all epochs
 * @param bestEpochs    per network, the 0-based epoch whose weights were kept
 */
public record TrainingResult(RankNetModel model, List<EpochStats> history, int pairs, double pairsPerSecond,
                             List<Integer> bestEpochs) {
    public TrainingResult {
        history = List.copyOf(history);
        bestEpochs = List.copyOf(bestEpochs);
    }
}
