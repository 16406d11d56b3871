package io.github.video2gif.core.rank;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.RankLoss;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.RankLossProvider;

/** Provides {@link HuberRankLoss} as {@code huber}; setting {@code huber.delta} (default 1.5, the paper's). */
public final class HuberRankLossProvider implements RankLossProvider {
    @Override
    public String name() {
        return "huber";
    }

    @Override
    public int priority() {
        return 90;
    }

    @Override
    public Availability probe() {
        return Availability.yes();
    }

    @Override
    public String description() {
        return "Huber rank loss, delta = huber.delta (default 1.5)";
    }

    @Override
    public RankLoss create(Config config) {
        return new HuberRankLoss(config.number("huber.delta", HuberRankLoss.PAPER_DELTA, 1e-6, 1e6));
    }
}
