package io.github.video2gif.core.score;

import static io.github.video2gif.core.feature.CueFeatureExtractor.COLOURFULNESS;
import static io.github.video2gif.core.feature.CueFeatureExtractor.CONTRAST;
import static io.github.video2gif.core.feature.CueFeatureExtractor.CUT;
import static io.github.video2gif.core.feature.CueFeatureExtractor.DARKNESS;
import static io.github.video2gif.core.feature.CueFeatureExtractor.FADE;
import static io.github.video2gif.core.feature.CueFeatureExtractor.FLATNESS;
import static io.github.video2gif.core.feature.CueFeatureExtractor.MOTION;
import static io.github.video2gif.core.feature.CueFeatureExtractor.SHARPNESS;
import static io.github.video2gif.core.feature.CueFeatureExtractor.SUBJECT_MOTION;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.Scorer;
import io.github.video2gif.core.feature.CueFeatureExtractor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The weights-free default scorer: a sum of named contributions of the {@link CueFeatureExtractor} cues, after
 * the Video2GIF paper's findings. Moving main content, contrast, sharpness and colour raise the score with
 * diminishing returns ({@code x / (x + k)}); darkness, flat pictures, fades and cuts inside lower it.
 *
 * <pre>
 * score = w_motion  * m/(m + 0.12)  + w_subject * s/(s + 0.04) + w_contrast * c/(c + 0.25)
 *       + w_sharp   * h/(h + 0.20)  + w_colour  * q/(q + 0.25)
 *       - w_dark * darkness - w_flat * flatness - w_fade * min(1, 4 fade) - w_cut * min(1, 60 cut)
 * </pre>
 * The weights are settings ({@code scorer.weight.<cue>}); {@link #explain} gives each term.
 */
public final class CueScorer implements Scorer {
    /**
     * Term weights.
     *
     * @param motion        moving content
     * @param subjectMotion the main (central) content moving more than the border
     * @param contrast      contrast
     * @param sharpness     sharpness
     * @param colourfulness colour
     * @param darkness      penalty for dark pictures
     * @param flatness      penalty for flat, uniform pictures
     * @param fade          penalty for fades inside
     * @param cut           penalty for cuts inside
     */
    public record Weights(double motion, double subjectMotion, double contrast, double sharpness,
                          double colourfulness, double darkness, double flatness, double fade, double cut) {
        public static final Weights DEFAULT = new Weights(1.0, 1.2, 0.6, 0.4, 0.5, 1.2, 1.0, 1.0, 0.8);

        public Weights {
            double[] all = {motion, subjectMotion, contrast, sharpness, colourfulness, darkness, flatness, fade, cut};
            for (double w : all) {
                if (!(w >= 0 && w <= 100)) {
                    throw new IllegalArgumentException("cue weights must be in [0, 100]: " + this);
                }
            }
        }

        /** Reads {@code scorer.weight.<cue>} for each cue name of {@link CueFeatureExtractor#CUES}. */
        public static Weights from(Config c) {
            Weights d = DEFAULT;
            return new Weights(
                    c.number("scorer.weight.motion", d.motion, 0, 100),
                    c.number("scorer.weight.subject-motion", d.subjectMotion, 0, 100),
                    c.number("scorer.weight.contrast", d.contrast, 0, 100),
                    c.number("scorer.weight.sharpness", d.sharpness, 0, 100),
                    c.number("scorer.weight.colourfulness", d.colourfulness, 0, 100),
                    c.number("scorer.weight.darkness", d.darkness, 0, 100),
                    c.number("scorer.weight.flatness", d.flatness, 0, 100),
                    c.number("scorer.weight.fade", d.fade, 0, 100),
                    c.number("scorer.weight.cut", d.cut, 0, 100));
        }
    }

    private final Weights w;

    public CueScorer(Weights weights) {
        this.w = weights;
    }

    @Override
    public int dimension() {
        return CueFeatureExtractor.CUES.size();
    }

    @Override
    public Optional<String> featureExtractor() {
        return Optional.of("cues");
    }

    @Override
    public double[] score(float[][] features) {
        double[] out = new double[features.length];
        for (int i = 0; i < features.length; i++) {
            double s = 0;
            for (double t : terms(features[i])) {
                s += t;
            }
            out[i] = s;
        }
        return out;
    }

    @Override
    public Map<String, Double> explain(float[] f) {
        double[] t = terms(f);
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < t.length; i++) {
            m.put(CueFeatureExtractor.CUES.get(i), round(t[i]));
        }
        return m;
    }

    private double[] terms(float[] f) {
        if (f.length != dimension()) {
            throw new IllegalArgumentException("the cue scorer takes " + dimension() + " cues, got " + f.length);
        }
        double[] t = new double[dimension()];
        t[MOTION] = w.motion * sat(f[MOTION], 0.12);
        t[SUBJECT_MOTION] = w.subjectMotion * sat(f[SUBJECT_MOTION], 0.04);
        t[CONTRAST] = w.contrast * sat(f[CONTRAST], 0.25);
        t[SHARPNESS] = w.sharpness * sat(f[SHARPNESS], 0.20);
        t[COLOURFULNESS] = w.colourfulness * sat(f[COLOURFULNESS], 0.25);
        t[DARKNESS] = -w.darkness * clamp(f[DARKNESS]);
        t[FLATNESS] = -w.flatness * clamp(f[FLATNESS]);
        t[FADE] = -w.fade * Math.min(1, 4 * clamp(f[FADE]));
        t[CUT] = -w.cut * Math.min(1, 60 * clamp(f[CUT]));
        return t;
    }

    private static double sat(double x, double k) {
        double c = clamp(x);
        return c / (c + k);
    }

    private static double clamp(double x) {
        return Double.isNaN(x) ? 0 : Math.max(0, Math.min(1, x));
    }

    private static double round(double x) {
        return Math.round(x * 1e4) / 1e4;
    }
}
