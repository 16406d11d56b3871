package io.github.video2gif.core.score;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.Scorer;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.ScorerProvider;

/** Provider {@code cues}: the weights-free default scorer; weights from {@code scorer.weight.<cue>}. */
public final class CueScorerProvider implements ScorerProvider {
    @Override
    public String name() {
        return "cues";
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
        return "weights-free: named cues after the paper's findings, each score explained";
    }

    @Override
    public Scorer create(Config config) {
        return new CueScorer(CueScorer.Weights.from(config));
    }
}
