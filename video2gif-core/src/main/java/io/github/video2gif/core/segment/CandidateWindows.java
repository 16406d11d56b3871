package io.github.video2gif.core.segment;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * GIF-length candidate windows inside shots. Defaults follow the Video2GIF dataset: GIFs average 5.8 s and most
 * are 2 to 6 s long.
 *
 * <ul>
 *   <li>A usable range no longer than {@code maxSeconds} (and at least {@code minSeconds}) is one candidate.</li>
 *   <li>A longer range gets windows of {@code preferredSeconds}, one every {@code strideSeconds}, the last one
 *       aligned to the range's end so that no part is left out.</li>
 *   <li>Ranges shorter than {@code minSeconds} give no candidate, except that a video with no candidate at all
 *       gets its longest range as the one candidate (a one-second clip still yields a GIF).</li>
 * </ul>
 *
 * @param minSeconds       shortest candidate
 * @param preferredSeconds length of windows cut from long shots
 * @param maxSeconds       longest candidate
 * @param strideSeconds    distance between window starts in long shots
 */
public record CandidateWindows(double minSeconds, double preferredSeconds, double maxSeconds, double strideSeconds) {
    public static final CandidateWindows DEFAULT = new CandidateWindows(2.0, 4.0, 6.0, 2.0);

    public CandidateWindows {
        if (!(minSeconds > 0 && minSeconds <= preferredSeconds && preferredSeconds <= maxSeconds
                && maxSeconds <= 600)) {
            throw new IllegalArgumentException("need 0 < min <= preferred <= max <= 600 seconds, was min "
                    + minSeconds + ", preferred " + preferredSeconds + ", max " + maxSeconds);
        }
        if (!(strideSeconds > 0 && strideSeconds <= 600)) {
            throw new IllegalArgumentException("stride must be in (0, 600] seconds, was " + strideSeconds);
        }
    }

    /**
     * Reads {@code segmenter.min-seconds}, {@code segmenter.preferred-seconds}, {@code segmenter.max-seconds}
     * and either {@code segmenter.stride-seconds} or {@code segmenter.overlap} (the share of a window that the
     * next one repeats, 0 to 0.95: stride = preferred x (1 - overlap)); by default the stride is half the
     * preferred length.
     */
    public static CandidateWindows from(Config config) {
        double min = config.number("segmenter.min-seconds", DEFAULT.minSeconds, 0.05, 600);
        double max = config.number("segmenter.max-seconds", Math.max(min, DEFAULT.maxSeconds), 0.05, 600);
        double pref = config.number("segmenter.preferred-seconds",
                Math.min(max, Math.max(min, DEFAULT.preferredSeconds)), 0.05, 600);
        var overlap = config.find("segmenter.overlap");
        if (overlap.isPresent() && config.find("segmenter.stride-seconds").isPresent()) {
            throw new IllegalArgumentException("set either segmenter.stride-seconds or segmenter.overlap, not both ("
                    + config.find("segmenter.stride-seconds").get().source() + ", " + overlap.get().source() + ")");
        }
        double stride = overlap.isPresent()
                ? Math.max(0.01, pref * (1 - config.number("segmenter.overlap", 0.5, 0, 0.95)))
                : config.number("segmenter.stride-seconds", pref / 2, 0.01, 600);
        return new CandidateWindows(min, pref, max, stride);
    }

    /**
     * Candidates inside the given usable frame ranges ({@code long[]{start, endExclusive}}, ascending and
     * disjoint).
     */
    public List<Segment> candidates(List<long[]> ranges, Timeline timeline) {
        List<Segment> out = new ArrayList<>();
        long[] longest = null;
        double longestSec = -1;
        for (long[] r : ranges) {
            double start = timeline.secondsAt(r[0]);
            double end = timeline.secondsAt(r[1]);
            double len = end - start;
            if (len > longestSec) {
                longestSec = len;
                longest = r;
            }
            if (len < minSeconds - 1e-9) {
                continue;
            }
            if (len <= maxSeconds + 1e-9) {
                out.add(segment(r[0], r[1], timeline));
                continue;
            }
            double lastStart = end - preferredSeconds;
            for (double t = start; ; t += strideSeconds) {
                boolean last = t >= lastStart - 1e-9;
                double ws = last ? lastStart : t;
                long f0 = Math.max(r[0], timeline.frameAtOrAfter(ws));
                long f1 = Math.min(r[1], timeline.frameAtOrAfter(ws + preferredSeconds));
                if (last) {
                    f1 = r[1];
                }
                if (f1 > f0 && (out.isEmpty() || out.get(out.size() - 1).startFrame() != f0)) {
                    out.add(segment(f0, f1, timeline));
                }
                if (last) {
                    break;
                }
            }
        }
        if (out.isEmpty() && longest != null && longest[1] > longest[0]) {
            out.add(segment(longest[0], longest[1], timeline));
        }
        return out;
    }

    /**
     * The parts of the ranges (ascending, disjoint {@code {start, endExclusive}}) outside the holes (ascending,
     * disjoint): for example shots without their runs of low-quality frames.
     */
    public static List<long[]> excluding(List<long[]> ranges, List<long[]> holes) {
        List<long[]> out = new ArrayList<>();
        int h = 0;
        for (long[] r : ranges) {
            long start = r[0];
            while (h < holes.size() && holes.get(h)[1] <= start) {
                h++;
            }
            int k = h;
            while (k < holes.size() && holes.get(k)[0] < r[1]) {
                long[] hole = holes.get(k);
                if (hole[0] > start) {
                    out.add(new long[] {start, hole[0]});
                }
                start = Math.max(start, hole[1]);
                k++;
            }
            if (start < r[1]) {
                out.add(new long[] {start, r[1]});
            }
        }
        return out;
    }

    private static Segment segment(long f0, long f1, Timeline t) {
        double s = t.secondsAt(f0);
        double e = t.secondsAt(f1);
        if (!(e > s)) {
            e = s + t.frameInterval() * (f1 - f0);
        }
        return new Segment(f0, f1, Math.max(0, s), e);
    }
}
