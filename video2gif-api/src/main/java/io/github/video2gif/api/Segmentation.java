package io.github.video2gif.api;

import java.util.List;
import java.util.Objects;

/**
 * What a segmenter found.
 *
 * @param cuts        hard cuts: the 0-based index of the first frame of each new shot, ascending
 * @param transitions all transitions (hard cuts included as {@link Transition.Type#CUT}), ascending
 * @param shots       the shots, in order, covering the video
 * @param candidates  the GIF-length candidate segments to rank
 */
public record Segmentation(List<Long> cuts, List<Transition> transitions, List<Segment> shots,
                           List<Segment> candidates) {
    public Segmentation {
        cuts = List.copyOf(Objects.requireNonNull(cuts, "cuts"));
        transitions = List.copyOf(Objects.requireNonNull(transitions, "transitions"));
        shots = List.copyOf(Objects.requireNonNull(shots, "shots"));
        candidates = List.copyOf(Objects.requireNonNull(candidates, "candidates"));
        for (int i = 1; i < cuts.size(); i++) {
            if (cuts.get(i) <= cuts.get(i - 1)) {
                throw new IllegalArgumentException("cuts must be strictly ascending: " + cuts);
            }
        }
    }
}
