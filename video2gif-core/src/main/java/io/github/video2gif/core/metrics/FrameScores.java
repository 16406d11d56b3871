package io.github.video2gif.core.metrics;

import io.github.video2gif.api.ScoredSegment;
import io.github.video2gif.api.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns segment scores into the frame scores the evaluation works on: every frame gets the score of the
 * segment it belongs to. A frame inside several segments gets the highest of their scores; a frame inside no
 * segment gets a score below every segment's (the lowest segment score minus one), so it ranks last.
 */
public final class FrameScores {
    private FrameScores() {
    }

    /**
     * @param frames   the video's frame count
     * @param segments the scored segments (frames past {@code frames} are ignored)
     */
    public static double[] of(int frames, List<ScoredSegment> segments) {
        Objects.requireNonNull(segments, "segments");
        List<Segment> segs = new ArrayList<>(segments.size());
        double[] scores = new double[segments.size()];
        for (int i = 0; i < scores.length; i++) {
            segs.add(segments.get(i).segment());
            scores[i] = segments.get(i).score();
        }
        return of(frames, segs, scores);
    }

    /**
     * @param frames   the video's frame count
     * @param segments the segments
     * @param scores   one finite score per segment
     */
    public static double[] of(int frames, List<Segment> segments, double[] scores) {
        long[] starts = new long[segments.size()];
        long[] ends = new long[segments.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = segments.get(i).startFrame();
            ends[i] = segments.get(i).endFrame();
        }
        return of(frames, starts, ends, scores);
    }

    /**
     * @param frames   the video's frame count
     * @param segments the segments as frame spans
     * @param scores   one finite score per segment
     */
    public static double[] ofSpans(int frames, List<FrameSpan> segments, double[] scores) {
        long[] starts = new long[segments.size()];
        long[] ends = new long[segments.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = segments.get(i).start();
            ends[i] = segments.get(i).end();
        }
        return of(frames, starts, ends, scores);
    }

    private static double[] of(int frames, long[] starts, long[] ends, double[] scores) {
        if (frames <= 0) {
            throw new IllegalArgumentException("a video must have at least one frame, had " + frames);
        }
        if (starts.length != scores.length) {
            throw new IllegalArgumentException(starts.length + " segments but " + scores.length + " scores");
        }
        double min = Double.POSITIVE_INFINITY;
        for (double s : scores) {
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("segment scores must be finite, saw " + s);
            }
            min = Math.min(min, s);
        }
        double[] out = new double[frames];
        boolean[] covered = new boolean[frames];
        for (int i = 0; i < scores.length; i++) {
            int end = (int) Math.min(frames, ends[i]);
            for (int f = (int) Math.min(frames, starts[i]); f < end; f++) {
                out[f] = covered[f] ? Math.max(out[f], scores[i]) : scores[i];
                covered[f] = true;
            }
        }
        double floor = scores.length == 0 ? 0 : min - 1;
        for (int f = 0; f < frames; f++) {
            if (!covered[f]) {
                out[f] = floor;
            }
        }
        return out;
    }
}
