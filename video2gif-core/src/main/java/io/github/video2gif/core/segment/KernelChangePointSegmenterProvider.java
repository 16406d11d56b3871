package io.github.video2gif.core.segment;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.Segmenter;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.SegmenterProvider;

/**
 * Provider {@code shots} (the default): shot boundaries by kernel change-point detection, gradual transitions,
 * fades, low-quality frames, and GIF-length candidates inside shots ({@link KernelChangePointSegmenter}).
 *
 * <p>Settings: the candidate windows ({@code segmenter.min-seconds}, {@code segmenter.preferred-seconds},
 * {@code segmenter.max-seconds}, {@code segmenter.stride-seconds} or {@code segmenter.overlap}, see
 * {@link CandidateWindows#from}), and {@code segmenter.window-seconds} (KTS window, default 10),
 * {@code segmenter.penalty} (KTS penalty weight beta, default 0.5), {@code segmenter.cut-threshold} (smallest
 * change of a hard cut, squared feature distance, default 0.10), {@code segmenter.gradual-threshold} (default
 * 0.16), {@code segmenter.max-gradual-seconds} (default 2), {@code segmenter.dark-luma} (default 18),
 * {@code segmenter.flat-std} (default 5), {@code segmenter.blur-ratio} (default 0.07), see {@link FrameQuality}.
 */
public final class KernelChangePointSegmenterProvider implements SegmenterProvider {
    @Override
    public String name() {
        return "shots";
    }

    @Override
    public int priority() {
        return 200;
    }

    @Override
    public Availability probe() {
        return Availability.yes();
    }

    @Override
    public String description() {
        return "shot boundaries by kernel change-point detection (cuts, fades, dissolves, wipes), GIF-length windows";
    }

    @Override
    public Segmenter create(Config config) {
        KernelChangePointSegmenter.Settings d = KernelChangePointSegmenter.Settings.DEFAULT;
        double window = config.number("segmenter.window-seconds", d.windowSeconds(), 4, 120);
        KernelChangePointSegmenter.Settings s = new KernelChangePointSegmenter.Settings(window,
                config.number("segmenter.penalty", d.beta(), 1e-3, 1e3),
                d.bandwidth(),
                config.number("segmenter.cut-threshold", d.cutThreshold(), 1e-3, 4),
                config.number("segmenter.gradual-threshold", d.gradualThreshold(), 1e-3, 4),
                d.noiseRatio(),
                config.number("segmenter.max-gradual-seconds", Math.min(d.maxGradualSeconds(), window / 4), 0.1,
                        window / 4),
                Math.min(d.anchorSeconds(), window / 4), d.flashSeconds(), d.blackLuma());
        FrameQuality q = FrameQuality.DEFAULT;
        FrameQuality quality = new FrameQuality(config.number("segmenter.dark-luma", q.darkLuma(), 0, 255),
                config.number("segmenter.flat-std", q.flatStd(), 0, 128),
                config.number("segmenter.blur-ratio", q.blurRatio(), 0, 10), q.minRunSeconds());
        return new KernelChangePointSegmenter(s, quality, CandidateWindows.from(config));
    }
}
