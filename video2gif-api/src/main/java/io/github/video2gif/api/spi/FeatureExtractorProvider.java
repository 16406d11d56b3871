package io.github.video2gif.api.spi;

import io.github.video2gif.api.FeatureExtractor;

/**
 * Provides {@link FeatureExtractor} implementations, registered in
 * {@code META-INF/services/io.github.video2gif.api.spi.FeatureExtractorProvider}.
 */
public interface FeatureExtractorProvider extends Provider<FeatureExtractor> {
    /** The kind: selection key {@code feature-extractor}, default module {@code video2gif-core}. */
    ProviderKind<FeatureExtractorProvider> KIND = new ProviderKind<>("feature-extractor", FeatureExtractorProvider.class, "video2gif-core");
}
