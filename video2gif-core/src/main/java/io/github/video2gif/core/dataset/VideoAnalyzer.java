package io.github.video2gif.core.dataset;

import io.github.video2gif.api.Video2GifException;
import java.nio.file.Path;

/**
 * Decodes a video, cuts it into candidate segments and pools each segment's features: the facade's analysis
 * pass, seen from training. {@link FeatureCache#cached} puts a cache in front of one.
 */
@FunctionalInterface
public interface VideoAnalyzer {
    /** @throws Video2GifException when the video cannot be analysed (the message names it) */
    AnalyzedVideo analyze(Path video) throws Video2GifException;
}
