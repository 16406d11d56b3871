package io.github.video2gif.core.segment;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.Segmenter;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.SegmenterProvider;

/**
 * Provider {@code histogram}: hard cuts from colour histograms, fades through black, GIF-length windows.
 * Settings: {@code segmenter.min-seconds}, {@code segmenter.preferred-seconds}, {@code segmenter.max-seconds},
 * {@code segmenter.stride-seconds}, {@code segmenter.cut-threshold} (the hard threshold, 0..1).
 */
public final class HistogramCutSegmenterProvider implements SegmenterProvider {
    @Override
    public String name() {
        return "histogram";
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
        return "hard cuts from colour histograms, fades through black, 2-6 s windows inside shots";
    }

    @Override
    public Segmenter create(Config config) {
        HistogramCutSegmenter.Settings d = HistogramCutSegmenter.Settings.DEFAULT;
        double hard = config.number("segmenter.cut-threshold", d.hardThreshold(), 0.05, 1.0);
        HistogramCutSegmenter.Settings s = new HistogramCutSegmenter.Settings(hard,
                Math.min(d.softThreshold(), hard), d.ratio(), d.window(), d.minShotSeconds(), d.blackLuma());
        return new HistogramCutSegmenter(s, CandidateWindows.from(config));
    }
}
