package io.github.video2gif.core.segment;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.Segmenter;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.SegmenterProvider;

/**
 * Provider {@code uniform}: fixed windows of {@code segmenter.segment-seconds} (default 5, as the authors' demo),
 * no shot detection ({@link UniformSegmenter}). Chosen by name only (priority 10).
 */
public final class UniformSegmenterProvider implements SegmenterProvider {
    /** The authors' demo used 5-second segments. */
    public static final double DEFAULT_SECONDS = 5;

    @Override
    public String name() {
        return "uniform";
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
        return "fixed windows of segmenter.segment-seconds (default 5 s, as the authors' demo), no shot detection";
    }

    @Override
    public Segmenter create(Config config) {
        return new UniformSegmenter(config.number("segmenter.segment-seconds", DEFAULT_SECONDS, 0.1, 3600));
    }
}
