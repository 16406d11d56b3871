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
 * <p>A fade-out, black and a fade-in form one transition, typed {@link Transition.Type#FADE_OUT} when it
 * darkens first (at least two frames), {@link Transition.Type#FADE_IN} when it only brightens (the start of a
 * film), {@link Transition.Type#GRADUAL} when it is black only. Ramps longer than 3 s are cut at 3 s.
 */
final class BlackFades {
    /** Frames flatter than this luma standard deviation (and darker than the black level) are black. */
    static final double FLAT_STD = 6;
    /** A fade changes the mean luma by more than this per frame. */
    private static final float STEP = 0.25f;

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
        List<Transition> out = new ArrayList<>();
        int maxRamp = (int) Math.round(3.0 / frameInterval);
        int f = 0;
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
            while (fo > 0 && a - fo < maxRamp && meanLuma[fo - 1] > meanLuma[fo] + STEP) {
                fo--;
            }
            int fi = b;
            while (fi < n && fi - b < maxRamp && fi > 0 && meanLuma[fi] > meanLuma[fi - 1] + STEP) {
                fi++;
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
