package io.github.video2gif.core.rank;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.RankLoss;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.RankLossProvider;

/** Provides {@link L2RankLoss} as {@code l2}. */
public final class L2RankLossProvider implements RankLossProvider {
    @Override
    public String name() {
        return "l2";
    }

    @Override
    public int priority() {
        return 80;
    }

    @Override
    public Availability probe() {
        return Availability.yes();
    }

    @Override
    public String description() {
        return "squared hinge rank loss max(0, 1 - h(s+) + h(s-))^2";
    }

    @Override
    public RankLoss create(Config config) {
        return new L2RankLoss();
    }
}
