package io.github.video2gif.core.feature;

import io.github.video2gif.api.FeatureTrack;
import io.github.video2gif.api.Segment;
import java.util.Arrays;

/**
 * Per-frame cue vectors with prefix sums, so that a segment's mean is O(dimension) whatever its length.
 * Cues that describe the change from the previous frame ({@link CueFeatureExtractor#MOTION},
 * {@link CueFeatureExtractor#SUBJECT_MOTION}, {@link CueFeatureExtractor#FADE}, {@link CueFeatureExtractor#CUT})
 * are averaged over frames {@code startFrame + 1 .. endFrame - 1}, the changes inside the segment; a one-frame
 * segment takes its own frame.
 */
final class CueTrack implements FeatureTrack {
    private static final boolean[] CHANGE_CUES = changeCues();

    private final int dimension;
    private double[] prefix; // (frames + 1) x dimension, row f = sum of rows < f
    private int frames;

    CueTrack(int dimension) {
        this.dimension = dimension;
        this.prefix = new double[1024 * dimension];
    }

    private static boolean[] changeCues() {
        boolean[] c = new boolean[CueFeatureExtractor.CUES.size()];
        c[CueFeatureExtractor.MOTION] = true;
        c[CueFeatureExtractor.SUBJECT_MOTION] = true;
        c[CueFeatureExtractor.FADE] = true;
        c[CueFeatureExtractor.CUT] = true;
        return c;
    }

    /** Appends the next frame's cues. */
    void add(float[] v) {
        if ((frames + 2) * dimension > prefix.length) {
            prefix = Arrays.copyOf(prefix, prefix.length * 2);
        }
        int from = frames * dimension;
        int to = from + dimension;
        for (int d = 0; d < dimension; d++) {
            prefix[to + d] = prefix[from + d] + v[d];
        }
        frames++;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int units() {
        return frames;
    }

    @Override
    public float[] pool(Segment segment) {
        if (frames == 0) {
            throw new IllegalStateException("the cue track is empty");
        }
        int s = (int) Math.min(segment.startFrame(), frames - 1);
        int e = (int) Math.max(s + 1, Math.min(segment.endFrame(), frames));
        float[] out = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            int a = s;
            if (CHANGE_CUES[d] && e - s >= 2) {
                a = s + 1;
            }
            out[d] = (float) ((prefix[e * dimension + d] - prefix[a * dimension + d]) / (e - a));
        }
        return out;
    }
}
