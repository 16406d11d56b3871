package io.github.video2gif.api.spi;

import io.github.video2gif.api.Scorer;

/**
 * Provides {@link Scorer} implementations, registered in
 * {@code META-INF/services/io.github.video2gif.api.spi.ScorerProvider}.
 */
public interface ScorerProvider extends Provider<Scorer> {
    /** The kind: selection key {@code scorer}, default module {@code video2gif-core}. */
    ProviderKind<ScorerProvider> KIND = new ProviderKind<>("scorer", ScorerProvider.class, "video2gif-core");
}
