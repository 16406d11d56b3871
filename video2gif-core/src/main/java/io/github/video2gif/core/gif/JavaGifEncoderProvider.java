package io.github.video2gif.core.gif;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.GifEncoder;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.GifEncoderProvider;

/**
 * Provides the pure-Java {@link JavaGifEncoder} under the name {@code java}, priority 100 (above FFmpeg's
 * palettegen/paletteuse encoder at 50, so it is the default). Settings come from the {@code gif.*} keys described
 * in {@link JavaGifSettings}.
 */
public final class JavaGifEncoderProvider implements GifEncoderProvider {
    /** The provider's name. */
    public static final String NAME = "java";
    /** The provider's priority. */
    public static final int PRIORITY = 100;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Availability probe() {
        return Availability.yes();
    }

    @Override
    public String description() {
        return "pure-Java GIF encoder: Oklab palette, optional dither, inter-frame optimisation, lossy LZW";
    }

    @Override
    public GifEncoder create(Config config) {
        return new JavaGifEncoder(JavaGifSettings.from(config));
    }
}
