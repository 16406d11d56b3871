package io.github.video2gif.core.train;

import java.util.OptionalDouble;

/**
 * What one epoch of training did.
 *
 * @param model          0-based index of the averaged network being trained
 * @param epoch          0-based epoch
 * @param learningRate   the epoch's learning rate
 * @param trainLoss      mean pair loss over the epoch's mini-batches (with dropout, without the weight penalty)
 * @param validationNmsd mean nMSD over the validation videos after the epoch, when there are any
 * @param validationAp   mean AP over the validation videos after the epoch, when there are any
 * @param seconds        wall time of the epoch
 */
public record EpochStats(int model, int epoch, double learningRate, double trainLoss, OptionalDouble validationNmsd,
                         OptionalDouble validationAp, double seconds) {
}
