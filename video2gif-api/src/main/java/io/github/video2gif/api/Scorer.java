package io.github.video2gif.api;

import java.util.Map;
import java.util.Optional;

/** Scores segments from their pooled feature vectors; higher is more GIF-worthy. Thread-safe. */
public interface Scorer {
    /** The feature dimension this scorer takes, or -1 when it takes any. */
    int dimension();

    /**
     * The name of the feature extractor whose features this scorer was made for, used when no extractor is
     * chosen explicitly.
     */
    Optional<String> featureExtractor();

    /** Scores a batch of feature vectors (one row each); every score is finite. */
    double[] score(float[][] features);

    /**
     * The named contributions to one vector's score, when the scorer can tell; their sum need not equal the
     * score. Empty by default.
     */
    default Map<String, Double> explain(float[] features) {
        return Map.of();
    }
}
