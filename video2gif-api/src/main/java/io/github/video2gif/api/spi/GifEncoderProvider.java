package io.github.video2gif.api.spi;

import io.github.video2gif.api.GifEncoder;

/**
 * Provides {@link GifEncoder} implementations, registered in
 * {@code META-INF/services/io.github.video2gif.api.spi.GifEncoderProvider}.
 *
 * <p>Most providers write GIFs. A provider may write another animation format through the same interface (frames
 * with durations in, one file out), for example animated WebP or MP4: it says so with {@link #format()}. Such a
 * provider is used by the facade only when that format is asked for, never as its automatic choice of GIF encoder;
 * give it a priority below the GIF encoders, so that {@link Providers#select} never prefers it either.
 */
public interface GifEncoderProvider extends Provider<GifEncoder> {
    /** The kind: selection key {@code gif-encoder}, default module {@code video2gif-core} (the pure-Java encoder). */
    ProviderKind<GifEncoderProvider> KIND = new ProviderKind<>("gif-encoder", GifEncoderProvider.class, "video2gif-core");

    /**
     * The file format this provider's encoders write, as its usual lower-case file extension without the dot:
     * {@code gif} (the default), or for example {@code webp} or {@code mp4}.
     */
    default String format() {
        return "gif";
    }
}
