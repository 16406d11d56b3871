package io.github.video2gif.core.metrics;

import java.util.Objects;

/**
 * The evaluation of one video.
 *
 * @param id   the video's id
 * @param nmsd its nMSD, a fraction (0 perfect, 1 worst)
 * @param ap   its average precision, a fraction
 */
public record VideoScore(String id, double nmsd, double ap) {
    public VideoScore {
        Objects.requireNonNull(id, "id");
        if (!Double.isFinite(nmsd) || !Double.isFinite(ap)) {
            throw new IllegalArgumentException("nMSD and AP must be finite, were " + nmsd + ", " + ap);
        }
    }
}
