package io.github.video2gif.core.rank;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.RankLoss;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.RankLossProvider;

/** Provides {@link AdaptiveHuberRankLoss} as {@code adaptive-huber}, the paper's loss and the default; setting {@code adaptive-huber.base} (default 1.5). */
public final class AdaptiveHuberRankLossProvider implements RankLossProvider {
    @Override
    public String name() {
        return "adaptive-huber";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Availability probe() {
        return Availability.yes();
    }

    @Override
    public String description() {
        return "adaptive Huber rank loss, delta = 1.5 + normalised GIF popularity (the paper's)";
    }

    @Override
    public RankLoss create(Config config) {
        return new AdaptiveHuberRankLoss(config.number("adaptive-huber.base", HuberRankLoss.PAPER_DELTA, 1e-6, 1e6));
    }
}
