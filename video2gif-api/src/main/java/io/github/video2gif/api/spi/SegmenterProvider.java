package io.github.video2gif.api.spi;

import io.github.video2gif.api.Segmenter;

/**
 * Provides {@link Segmenter} implementations, registered in
 * {@code META-INF/services/io.github.video2gif.api.spi.SegmenterProvider}.
 */
public interface SegmenterProvider extends Provider<Segmenter> {
    /** The kind: selection key {@code segmenter}, default module {@code video2gif-core}. */
    ProviderKind<SegmenterProvider> KIND = new ProviderKind<>("segmenter", SegmenterProvider.class, "video2gif-core");
}
