package io.github.video2gif.core.train;

import io.github.video2gif.core.metrics.FrameSpan;
import java.util.List;
import java.util.Objects;

/**
 * One video of a training (or validation) set: its candidate segments with their feature vectors, and the GIFs
 * people made from it.
 *
 * @param id       an id for messages and reports
 * @param frames   the video's frame count
 * @param segments the candidate segments (frame spans)
 * @param features one finite feature vector per segment, all of one dimension (not copied: do not change them)
 * @param gifs     the GIFs made from the video (may be empty: such a video gives no pairs)
 */
public record TrainingVideo(String id, int frames, List<FrameSpan> segments, List<float[]> features,
                            List<TrainingGif> gifs) {
    public TrainingVideo {
        Objects.requireNonNull(id, "id");
        segments = List.copyOf(segments);
        features = List.copyOf(features);
        gifs = List.copyOf(gifs);
        if (frames <= 0) {
            throw new IllegalArgumentException("video \"" + id + "\": frames must be > 0, was " + frames);
        }
        if (segments.size() != features.size()) {
            throw new IllegalArgumentException("video \"" + id + "\": " + segments.size() + " segments but "
                    + features.size() + " feature vectors");
        }
        int d = features.isEmpty() ? 0 : features.get(0).length;
        for (int i = 0; i < features.size(); i++) {
            float[] f = features.get(i);
            if (f.length != d || d == 0) {
                throw new IllegalArgumentException("video \"" + id + "\": feature vector " + i + " has " + f.length
                        + " values, expected " + d);
            }
            for (float v : f) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("video \"" + id + "\": feature vector " + i + " holds " + v);
                }
            }
        }
    }

    /** The feature dimension (0 for a video without segments). */
    public int dimension() {
        return features.isEmpty() ? 0 : features.get(0).length;
    }

    /** The GIFs' frame spans. */
    public List<FrameSpan> gifSpans() {
        return gifs.stream().map(TrainingGif::frames).toList();
    }
}
