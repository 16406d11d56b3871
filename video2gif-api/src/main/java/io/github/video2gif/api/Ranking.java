package io.github.video2gif.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A video's candidate segments, best first.
 *
 * @param video        the video, with the frame count measured by the analysis pass
 * @param segments     scored segments sorted by score, highest first (ties: earlier segment first)
 * @param segmentation what the segmenter found (shots, cuts, transitions)
 */
public record Ranking(VideoInfo video, List<ScoredSegment> segments, Segmentation segmentation) {
    /** Best first; ties go to the earlier segment, so that a ranking is deterministic. */
    public static final Comparator<ScoredSegment> BEST_FIRST = Comparator
            .comparingDouble(ScoredSegment::score).reversed()
            .thenComparingLong(s -> s.segment().startFrame())
            .thenComparingLong(s -> s.segment().endFrame());

    public Ranking {
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(segmentation, "segmentation");
        List<ScoredSegment> sorted = new ArrayList<>(Objects.requireNonNull(segments, "segments"));
        sorted.sort(BEST_FIRST);
        segments = List.copyOf(sorted);
    }

    /** The best {@code k} segments (fewer when there are fewer). */
    public List<ScoredSegment> top(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, was " + k);
        }
        return segments.subList(0, Math.min(k, segments.size()));
    }

    /**
     * The best {@code k} segments that do not overlap one another by more than {@code maxOverlap} of the
     * shorter one's length: what a user wants when exporting several GIFs from one video.
     */
    public List<ScoredSegment> topDistinct(int k, double maxOverlap) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, was " + k);
        }
        if (!(maxOverlap >= 0 && maxOverlap <= 1)) {
            throw new IllegalArgumentException("maxOverlap must be in [0, 1], was " + maxOverlap);
        }
        List<ScoredSegment> chosen = new ArrayList<>();
        for (ScoredSegment s : segments) {
            if (chosen.size() == k) {
                break;
            }
            boolean clash = false;
            for (ScoredSegment c : chosen) {
                Segment a = s.segment();
                Segment b = c.segment();
                long overlap = a.overlapFrames(b.startFrame(), b.endFrame());
                if (overlap > maxOverlap * Math.min(a.frames(), b.frames())) {
                    clash = true;
                    break;
                }
            }
            if (!clash) {
                chosen.add(s);
            }
        }
        return List.copyOf(chosen);
    }
}
