package io.github.video2gif.core.rank;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.RankLoss;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.RankLossProvider;

/** Provides {@link ClassificationLoss} as {@code classification}, the paper's GIF vs non-GIF baseline. */
public final class ClassificationLossProvider implements RankLossProvider {
    @Override
    public String name() {
        return "classification";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Availability probe() {
        return Availability.yes();
    }

    @Override
    public String description() {
        return "hinge classification of each segment, GIF vs non-GIF (the paper's baseline)";
    }

    @Override
    public RankLoss create(Config config) {
        return new ClassificationLoss();
    }
}
