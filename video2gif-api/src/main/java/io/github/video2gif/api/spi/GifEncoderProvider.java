package io.github.video2gif.api.spi;

import io.github.video2gif.api.GifEncoder;

/**
 * Provides {@link GifEncoder} implementations, registered in
 * {@code META-INF/services/io.github.video2gif.api.spi.GifEncoderProvider}.
 */
public interface GifEncoderProvider extends Provider<GifEncoder> {
    /** The kind: selection key {@code gif-encoder}, default module {@code video2gif-ffmpeg}. */
    ProviderKind<GifEncoderProvider> KIND = new ProviderKind<>("gif-encoder", GifEncoderProvider.class, "video2gif-ffmpeg");
}
