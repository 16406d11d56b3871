package io.github.video2gif.api.spi;

import java.util.Objects;

/**
 * One kind of provider: its service interface, its selection key ({@code video2gif.<key>} property,
 * {@code VIDEO2GIF_<KEY>} environment variable) and the module that ships the default implementation.
 *
 * @param <P> the provider interface
 */
public final class ProviderKind<P extends Provider<?>> {
    private final String key;
    private final Class<P> type;
    private final String defaultModule;

    public ProviderKind(String key, Class<P> type, String defaultModule) {
        this.key = Objects.requireNonNull(key, "key");
        this.type = Objects.requireNonNull(type, "type");
        this.defaultModule = Objects.requireNonNull(defaultModule, "defaultModule");
    }

    /** The selection key, for example {@code segmenter}. */
    public String key() {
        return key;
    }

    public Class<P> type() {
        return type;
    }

    /** The Maven artifact that ships the default provider of this kind. */
    public String defaultModule() {
        return defaultModule;
    }

    @Override
    public String toString() {
        return key;
    }
}
