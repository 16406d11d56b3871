package io.github.video2gif.core.segment;

import io.github.video2gif.api.Transition;
import java.util.ArrayList;
import java.util.List;

/**
 * Fades through black, found from two numbers per frame (mean and standard deviation of luma): a run of black
 * frames (dark and flat) with the darkening before it and the brightening after it. A fade's brightness is
 * monotone even where its colour histograms jump, so this finds fades that histogram or feature distances
 * would see as a burst of cuts.
 *
 * <p>A ramp extends from the black run as long as the brightness keeps changing by at least a quarter of its
 * change per frame next to the black run (and 0.25 levels). A fade-out, black and a fade-in form one transition, typed {@link Transition.Type#FADE_OUT} when it
 * darkens first (at least two frames), {@link Transition.Type#FADE_IN} when it only brightens (the start of a
 * film), {@link Transition.Type#GRADUAL} when it is black only. Ramps longer than 3 s are cut at 3 s.
 */
final class BlackFades {
    /** Frames flatter than this luma standard deviation (and darker than the black level) are black. */
    static final double FLAT_STD = 6;
    /** A fade changes the mean luma by more than this per frame. */
    private static final float STEP = 0.25f;
    /**
     * ... and by more than this share of its steps next to the black run: a fade is a steady ramp, so the slow
     * drift of brightness in the shot around it is not taken for part of it.
     */
    private static final double SLOPE_SHARE = 0.25;

    private BlackFades() {
    }

    /**
     * @param meanLuma      mean luma (0..255) of each frame
     * @param stdLuma       luma standard deviation of each frame
     * @param n             the number of frames
     * @param frameInterval seconds between frames
     * @param blackLuma     frames darker than this (and flat) are black
     * @return the fades, ascending and disjoint
     */
    static List<Transition> find(float[] meanLuma, float[] stdLuma, int n, double frameInterval, double blackLuma) {
        return find(meanLuma, stdLuma, 0, n, frameInterval, blackLuma);
    }

    /** The fades among frames {@code [from, to)} only (for a look at part of a video while it streams). */
    static List<Transition> find(float[] meanLuma, float[] stdLuma, int from, int to, double frameInterval,
                                 double blackLuma) {
        List<Transition> out = new ArrayList<>();
        int maxRamp = (int) Math.round(3.0 / frameInterval);
        int n = to;
        int f = from;
        while (f < n) {
            if (!black(meanLuma, stdLuma, f, blackLuma)) {
                f++;
                continue;
            }
            int a = f;
            while (f < n && black(meanLuma, stdLuma, f, blackLuma)) {
                f++;
            }
            int b = f; // black run [a, b)
            int fo = a;
            double first = 0; // mean step of the ramp's first frames next to the black run
            while (fo > from && a - fo < maxRamp) {
                double step = meanLuma[fo - 1] - meanLuma[fo];
                if (step <= Math.max(STEP, SLOPE_SHARE * first)) {
                    break;
                }
                fo--;
                if (a - fo <= 3) {
                    first += (step - first) / (a - fo);
                }
            }
            int fi = b;
            first = 0;
            while (fi < n && fi - b < maxRamp && fi > from) {
                double step = meanLuma[fi] - meanLuma[fi - 1];
                if (step <= Math.max(STEP, SLOPE_SHARE * first)) {
                    break;
                }
                fi++;
                if (fi - b <= 3) {
                    first += (step - first) / (fi - b);
                }
            }
            if (!out.isEmpty() && out.get(out.size() - 1).endFrame() >= fo) {
                Transition last = out.remove(out.size() - 1);
                fo = (int) last.startFrame();
            }
            Transition.Type type = a - fo >= 2 ? Transition.Type.FADE_OUT
                    : fi - b >= 2 ? Transition.Type.FADE_IN : Transition.Type.GRADUAL;
            out.add(new Transition(fo, Math.max(fi, b), type));
            f = Math.max(fi, b);
        }
        return out;
    }

    private static boolean black(float[] meanLuma, float[] stdLuma, int f, double blackLuma) {
        return meanLuma[f] < blackLuma && stdLuma[f] < FLAT_STD;
    }
}
