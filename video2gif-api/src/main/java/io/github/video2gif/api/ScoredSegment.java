package io.github.video2gif.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A candidate segment with its score and, where the scorer can tell, the named cues that make up the score.
 *
 * @param segment the segment
 * @param score   higher is more GIF-worthy; finite
 * @param cues    named contributions (insertion order kept); empty when the scorer cannot explain itself
 */
public record ScoredSegment(Segment segment, double score, Map<String, Double> cues) {
    public ScoredSegment {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(cues, "cues");
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite, was " + score);
        }
        cues = Collections.unmodifiableMap(new LinkedHashMap<>(cues));
    }

    public ScoredSegment(Segment segment, double score) {
        this(segment, score, Map.of());
    }
}
