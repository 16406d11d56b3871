package io.github.video2gif.api.spi;

import io.github.video2gif.api.RankLoss;

/**
 * Provides {@link RankLoss} implementations, registered in
 * {@code META-INF/services/io.github.video2gif.api.spi.RankLossProvider}.
 */
public interface RankLossProvider extends Provider<RankLoss> {
    /** The kind: selection key {@code rank-loss}, default module {@code video2gif-core}. */
    ProviderKind<RankLossProvider> KIND = new ProviderKind<>("rank-loss", RankLossProvider.class, "video2gif-core");
}
