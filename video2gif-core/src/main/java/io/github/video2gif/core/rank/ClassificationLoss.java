package io.github.video2gif.core.rank;

import io.github.video2gif.api.RankLoss;

/**
 * The paper's classification baseline (GIF vs non-GIF) written as a pair loss so the same trainer runs it:
 * each segment is classified on its own with a hinge loss on the label {@code +1} (GIF) or {@code -1}
 * (non-GIF): {@code max(0, 1 - h(s+)) + max(0, 1 + h(s-))}. Unlike the rank losses it compares each score
 * with a fixed threshold, not the two scores with each other; its margin is met when {@code h(s+) >= 1} and
 * {@code h(s-) <= -1}. The popularity is ignored.
 */
public final class ClassificationLoss implements RankLoss {
    @Override
    public double loss(double positive, double negative, double popularity) {
        MarginRankLoss.checkPopularity(popularity);
        return Math.max(0, MARGIN - positive) + Math.max(0, MARGIN + negative);
    }

    @Override
    public void gradient(double positive, double negative, double popularity, double[] out) {
        MarginRankLoss.checkPopularity(popularity);
        out[0] = MARGIN - positive > 0 ? -1 : 0;
        out[1] = MARGIN + negative > 0 ? 1 : 0;
    }

    @Override
    public String toString() {
        return "classification";
    }
}
