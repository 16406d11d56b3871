package io.github.video2gif.core.feature;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.FeatureExtractor;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.FeatureExtractorProvider;

/** Provider {@code cues}: the weights-free named cues of {@link CueFeatureExtractor}. */
public final class CueFeatureExtractorProvider implements FeatureExtractorProvider {
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
        return "weights-free cues: motion, subject motion, contrast, sharpness, colourfulness, darkness, ...";
    }

    @Override
    public FeatureExtractor create(Config config) {
        return new CueFeatureExtractor();
    }
}
