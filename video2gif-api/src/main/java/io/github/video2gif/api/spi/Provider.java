package io.github.video2gif.api.spi;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.Video2GifException;

/**
 * A factory of one implementation of a video2gif service, found by {@link java.util.ServiceLoader}.
 *
 * <p>Rules: a public no-argument constructor that does nothing costly; a stable lower-case {@link #name()};
 * {@link #probe()} cheap and never throwing; native libraries loaded in {@link #create(Config)} only.
 *
 * @param <T> the service type
 */
public interface Provider<T> {
    /** Stable name users select it by, lower-case letters, digits and dashes. */
    String name();

    /** Among available providers of a kind, the highest priority is chosen by default. */
    int priority();

    /** Whether this provider can work here; cheap, never throws. */
    Availability probe();

    /** A one-line description for listings. */
    default String description() {
        return name();
    }

    /**
     * Creates the service.
     *
     * @param config settings (precedence: explicit, system property, environment, default)
     * @throws Video2GifException when a file it needs (weights, a model) cannot be used
     * @throws IllegalArgumentException when a setting is invalid
     */
    T create(Config config) throws Video2GifException;
}
