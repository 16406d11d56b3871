package io.github.video2gif.core.train;

import io.github.video2gif.api.Scorer;
import io.github.video2gif.core.metrics.Evaluation;
import io.github.video2gif.core.metrics.EvaluationReport;
import io.github.video2gif.core.metrics.FrameScores;
import io.github.video2gif.core.metrics.Metrics.NmsdMode;
import io.github.video2gif.core.metrics.VideoScore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates a scorer on annotated videos (the entry point of {@code video2gif eval --model ... --annotations
 * ...}): each video's segments are scored, every frame takes its segment's score ({@link FrameScores}), and
 * nMSD and AP are computed against the video's GIFs. Videos without GIFs are left out.
 */
public final class ModelEvaluation {
    private ModelEvaluation() {
    }

    /**
     * @param scorer the model's scorer (for example {@code RankNetModel.load(file).scorer()})
     * @param data   the videos, from {@link TrainingSets#fromAnnotations}
     * @throws IllegalArgumentException when no video has GIFs, or the features do not suit the scorer
     */
    public static EvaluationReport evaluate(Scorer scorer, TrainingData data, NmsdMode mode) {
        Objects.requireNonNull(scorer, "scorer");
        List<VideoScore> out = new ArrayList<>();
        for (TrainingVideo v : data.videos()) {
            if (v.gifs().isEmpty() || v.segments().isEmpty()) {
                continue;
            }
            double[] s = scorer.score(v.features().toArray(float[][]::new));
            try {
                out.add(Evaluation.evaluate(v.id(), FrameScores.ofSpans(v.frames(), v.segments(), s), v.gifSpans(),
                        mode));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("video \"" + v.id() + "\": " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no video with GIFs to evaluate");
        }
        return EvaluationReport.of(out);
    }
}
