package io.github.video2gif.core.segment;

import io.github.video2gif.api.Segment;
import io.github.video2gif.api.Transition;
import java.util.ArrayList;
import java.util.List;

/** Shots from boundaries: the frames outside gradual transitions, split at hard cuts. */
final class Shots {
    private Shots() {
    }

    /**
     * The shots of {@code n} frames as {@code {start, endExclusive}} ranges.
     *
     * @param cuts    hard cuts (first frames of new shots), ascending
     * @param gradual gradual transitions (their frames belong to no shot)
     */
    static List<long[]> ranges(int n, List<Long> cuts, List<Transition> gradual) {
        boolean[] inTransition = new boolean[n + 1];
        for (Transition t : gradual) {
            for (long f = t.startFrame(); f < Math.min(n, t.endFrame()); f++) {
                inTransition[(int) f] = true;
            }
        }
        List<long[]> ranges = new ArrayList<>();
        int ci = 0;
        long start = -1;
        for (int f = 0; f <= n; f++) {
            boolean usable = f < n && !inTransition[f];
            boolean cutHere = false;
            while (ci < cuts.size() && cuts.get(ci) <= f) {
                cutHere |= cuts.get(ci) == f;
                ci++;
            }
            if (start >= 0 && (!usable || cutHere)) {
                ranges.add(new long[] {start, f});
                start = -1;
            }
            if (usable && start < 0) {
                start = f;
            }
        }
        return ranges;
    }

    /** The ranges as segments with their times. */
    static List<Segment> segments(List<long[]> ranges, Timeline timeline) {
        List<Segment> shots = new ArrayList<>();
        for (long[] r : ranges) {
            double s = timeline.secondsAt(r[0]);
            double e = timeline.secondsAt(r[1]);
            shots.add(new Segment(r[0], r[1], Math.max(0, s), e > s ? e : s + timeline.frameInterval()));
        }
        return shots;
    }
}
