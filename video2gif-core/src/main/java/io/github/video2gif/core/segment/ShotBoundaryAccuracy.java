package io.github.video2gif.core.segment;

import io.github.video2gif.api.Segmentation;
import io.github.video2gif.api.Transition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How well a segmentation matches annotated shot boundaries.
 *
 * <p>Hard cuts: a detected cut matches a true cut at most {@code tolerance} frames away; matching is one to one,
 * closest pairs first. Gradual transitions (given as {@code {start, endExclusive}} ranges): a true one is
 * <em>found</em> when exactly one detected gradual transition overlaps it and no detected cut lies inside it
 * (a fade found as one transition, not as a burst of cuts); a detected gradual transition that overlaps no true
 * one is a false alarm. A detected cut inside a true gradual transition counts neither for nor against the cut
 * scores (it is charged to the gradual transition instead).
 *
 * @param truePositives   matched cuts
 * @param falsePositives  detected cuts that match nothing
 * @param falseNegatives  true cuts that were missed
 * @param gradualTotal    true gradual transitions
 * @param gradualFound    of those, found as one transition
 * @param gradualFalse    detected gradual transitions overlapping no true one
 */
public record ShotBoundaryAccuracy(int truePositives, int falsePositives, int falseNegatives, int gradualTotal,
                                   int gradualFound, int gradualFalse) {

    /** Scores a segmentation against true cuts and true gradual transitions. */
    public static ShotBoundaryAccuracy score(Segmentation detected, List<Long> trueCuts, List<long[]> trueGradual,
                                             int tolerance) {
        List<Transition> gradual = new ArrayList<>();
        for (Transition t : detected.transitions()) {
            if (t.type() != Transition.Type.CUT) {
                gradual.add(t);
            }
        }
        List<Long> cuts = new ArrayList<>();
        List<Long> cutsInGradual = new ArrayList<>();
        for (long c : detected.cuts()) {
            if (inside(c, trueGradual, 0)) {
                cutsInGradual.add(c);
            } else {
                cuts.add(c);
            }
        }
        int tp = matches(cuts, trueCuts, tolerance);
        int found = 0;
        for (long[] g : trueGradual) {
            int overlapping = 0;
            for (Transition t : gradual) {
                if (t.startFrame() < g[1] && g[0] < t.endFrame()) {
                    overlapping++;
                }
            }
            boolean burst = false;
            for (long c : cutsInGradual) {
                burst |= c >= g[0] && c < g[1];
            }
            if (overlapping == 1 && !burst) {
                found++;
            }
        }
        int falseGradual = 0;
        for (Transition t : gradual) {
            boolean any = false;
            for (long[] g : trueGradual) {
                any |= t.startFrame() < g[1] && g[0] < t.endFrame();
            }
            if (!any) {
                falseGradual++;
            }
        }
        return new ShotBoundaryAccuracy(tp, cuts.size() - tp, trueCuts.size() - tp, trueGradual.size(), found,
                falseGradual);
    }

    private static boolean inside(long c, List<long[]> ranges, int slack) {
        for (long[] r : ranges) {
            if (c >= r[0] - slack && c < r[1] + slack) {
                return true;
            }
        }
        return false;
    }

    /** One-to-one matches within the tolerance, closest pairs first. */
    static int matches(List<Long> detected, List<Long> truth, int tolerance) {
        List<long[]> pairs = new ArrayList<>();
        for (int i = 0; i < detected.size(); i++) {
            for (int j = 0; j < truth.size(); j++) {
                long d = Math.abs(detected.get(i) - truth.get(j));
                if (d <= tolerance) {
                    pairs.add(new long[] {d, i, j});
                }
            }
        }
        pairs.sort((a, b) -> Long.compare(a[0], b[0]));
        boolean[] usedD = new boolean[detected.size()];
        boolean[] usedT = new boolean[truth.size()];
        int m = 0;
        for (long[] p : pairs) {
            if (!usedD[(int) p[1]] && !usedT[(int) p[2]]) {
                usedD[(int) p[1]] = true;
                usedT[(int) p[2]] = true;
                m++;
            }
        }
        return m;
    }

    /** Sums two scores (for a data set of several videos). */
    public ShotBoundaryAccuracy plus(ShotBoundaryAccuracy o) {
        return new ShotBoundaryAccuracy(truePositives + o.truePositives, falsePositives + o.falsePositives,
                falseNegatives + o.falseNegatives, gradualTotal + o.gradualTotal, gradualFound + o.gradualFound,
                gradualFalse + o.gradualFalse);
    }

    /** Hard-cut precision (1 when nothing was detected). */
    public double precision() {
        int d = truePositives + falsePositives;
        return d == 0 ? 1 : (double) truePositives / d;
    }

    /** Hard-cut recall (1 when there is no true cut). */
    public double recall() {
        int t = truePositives + falseNegatives;
        return t == 0 ? 1 : (double) truePositives / t;
    }

    /** Harmonic mean of precision and recall. */
    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "cuts: precision %.3f recall %.3f F1 %.3f (tp %d, fp %d, fn %d); "
                        + "gradual: %d of %d found as one transition, %d false", precision(), recall(), f1(),
                truePositives, falsePositives, falseNegatives, gradualFound, gradualTotal, gradualFalse);
    }
}
