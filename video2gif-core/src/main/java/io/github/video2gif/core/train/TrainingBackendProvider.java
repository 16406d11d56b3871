package io.github.video2gif.core.train;

import io.github.video2gif.api.spi.Provider;
import io.github.video2gif.api.spi.ProviderKind;

/**
 * Provides {@link TrainingBackend}s, registered in
 * {@code META-INF/services/io.github.video2gif.core.train.TrainingBackendProvider}: {@code cpu} (ND4J, in
 * {@code video2gif-core}, priority 10) and {@code cuda} (an NVIDIA GPU, in {@code video2gif-cuda}, priority 20).
 * Selection is by {@link TrainingBackends#select}: a name, or {@code auto} for the highest-priority available.
 */
public interface TrainingBackendProvider extends Provider<TrainingBackend> {
    /** The kind: selection key {@code train.device}, default module {@code video2gif-core}. */
    ProviderKind<TrainingBackendProvider> KIND = new ProviderKind<>("train.device", TrainingBackendProvider.class,
            "video2gif-core");
}
