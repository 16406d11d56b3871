package io.github.video2gif.core.metrics;

import io.github.video2gif.api.ScoredSegment;
import io.github.video2gif.core.metrics.Metrics.NmsdMode;
import java.util.List;

/** Evaluates one video's predictions: nMSD and AP as {@link Metrics} defines them. */
public final class Evaluation {
    private Evaluation() {
    }

    /**
     * @param id          the video's id, for the report
     * @param frameScores one finite score per frame
     * @param gifs        the video's ground-truth GIFs
     * @param mode        how several GIFs are combined into one nMSD
     */
    public static VideoScore evaluate(String id, double[] frameScores, List<FrameSpan> gifs, NmsdMode mode) {
        double nmsd = Metrics.nmsd(frameScores, gifs, Metrics.ALPHA, mode);
        double ap = Metrics.ap(frameScores, gifs);
        return new VideoScore(id, nmsd, ap);
    }

    /**
     * Evaluates scored segments: each frame takes its segment's score (see {@link FrameScores}).
     *
     * @param frames the video's frame count
     */
    public static VideoScore evaluate(String id, int frames, List<ScoredSegment> segments, List<FrameSpan> gifs) {
        return evaluate(id, FrameScores.of(frames, segments), gifs, NmsdMode.MEAN);
    }
}
