package io.github.video2gif.api.spi;

import io.github.video2gif.api.VideoDecoder;

/**
 * Provides {@link VideoDecoder} implementations, registered in
 * {@code META-INF/services/io.github.video2gif.api.spi.VideoDecoderProvider}.
 */
public interface VideoDecoderProvider extends Provider<VideoDecoder> {
    /** The kind: selection key {@code video-decoder}, default module {@code video2gif-ffmpeg}. */
    ProviderKind<VideoDecoderProvider> KIND = new ProviderKind<>("video-decoder", VideoDecoderProvider.class, "video2gif-ffmpeg");
}
