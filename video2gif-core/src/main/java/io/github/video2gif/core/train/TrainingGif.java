package io.github.video2gif.core.train;

import io.github.video2gif.core.metrics.FrameSpan;
import java.util.Objects;

/**
 * A GIF made from a training video: its frames and its normalised popularity.
 *
 * @param frames     the GIF's frames in the video, {@code [start, end)}
 * @param popularity normalised popularity in [0, 1] (see {@link Popularity}); 0 when unknown
 */
public record TrainingGif(FrameSpan frames, double popularity) {
    public TrainingGif {
        Objects.requireNonNull(frames, "frames");
        if (!(popularity >= 0 && popularity <= 1)) {
            throw new IllegalArgumentException("popularity must be in [0, 1], was " + popularity);
        }
    }
}
