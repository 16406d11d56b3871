package io.github.video2gif.core.dataset;

import io.github.video2gif.api.Segment;
import java.util.List;
import java.util.Objects;

/**
 * What training needs from one decoded video: its frame count and rate, its candidate segments, and each
 * segment's pooled feature vector. This is what {@link FeatureCache} keeps, so a video is decoded once.
 *
 * @param featureExtractor the name of the extractor that made the features
 * @param frames           the video's frame count
 * @param fps              its frame rate
 * @param segments         the candidate segments
 * @param features         one finite vector per segment, all of one dimension
 */
public record AnalyzedVideo(String featureExtractor, long frames, double fps, List<Segment> segments,
                            List<float[]> features) {
    public AnalyzedVideo {
        Objects.requireNonNull(featureExtractor, "featureExtractor");
        segments = List.copyOf(segments);
        features = List.copyOf(features);
        if (frames <= 0) {
            throw new IllegalArgumentException("frames must be > 0, was " + frames);
        }
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("fps must be finite and > 0, was " + fps);
        }
        if (segments.size() != features.size()) {
            throw new IllegalArgumentException(segments.size() + " segments but " + features.size() + " vectors");
        }
        int d = features.isEmpty() ? 0 : features.get(0).length;
        for (float[] f : features) {
            if (f.length != d || d == 0) {
                throw new IllegalArgumentException("feature vectors must share one non-zero dimension");
            }
        }
    }

    /** The feature dimension (0 without segments). */
    public int dimension() {
        return features.isEmpty() ? 0 : features.get(0).length;
    }
}
