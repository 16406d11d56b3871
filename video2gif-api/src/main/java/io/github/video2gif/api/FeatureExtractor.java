package io.github.video2gif.api;

import java.util.List;

/**
 * Describes a video's content as feature vectors over time units (frames, snippets), from one streaming pass.
 */
public interface FeatureExtractor {
    /** Dimension of the feature vectors. */
    int dimension();

    /**
     * Names of the feature dimensions when they have a meaning of their own (used to explain scores), or an
     * empty list for learned features.
     */
    List<String> featureNames();

    /** The frame size this extractor analyses. */
    FrameFormat frameFormat();

    /** Starts the analysis of one video. */
    Session start(VideoInfo video) throws Video2GifException;

    /** The analysis of one video. */
    interface Session extends FrameSink, AutoCloseable {
        /** Called once after the last frame. */
        FeatureTrack finish() throws Video2GifException;

        /** Releases any resources; idempotent. */
        @Override
        default void close() {
        }
    }
}
