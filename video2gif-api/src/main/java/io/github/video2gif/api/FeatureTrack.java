package io.github.video2gif.api;

/** Features of a whole video, from which a segment's feature vector is pooled. */
public interface FeatureTrack {
    /** Dimension of the pooled vectors. */
    int dimension();

    /** Number of time units (frames, snippets) in the track. */
    int units();

    /**
     * The feature vector of a segment. Every segment gets one, also one shorter than a unit (it takes the
     * nearest unit).
     */
    float[] pool(Segment segment);
}
