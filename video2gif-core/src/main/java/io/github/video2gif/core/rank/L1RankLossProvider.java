package io.github.video2gif.core.rank;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.RankLoss;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.RankLossProvider;

/** Provides {@link L1RankLoss} as {@code l1}. */
public final class L1RankLossProvider implements RankLossProvider {
    @Override
    public String name() {
        return "l1";
    }

    @Override
    public int priority() {
        return 70;
    }

    @Override
    public Availability probe() {
        return Availability.yes();
    }

    @Override
    public String description() {
        return "hinge rank loss max(0, 1 - h(s+) + h(s-))";
    }

    @Override
    public RankLoss create(Config config) {
        return new L1RankLoss();
    }
}
