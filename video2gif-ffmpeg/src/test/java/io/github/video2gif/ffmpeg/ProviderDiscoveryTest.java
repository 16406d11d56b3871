package io.github.video2gif.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.spi.GifEncoderProvider;
import io.github.video2gif.api.spi.Providers;
import io.github.video2gif.api.spi.VideoDecoderProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderDiscoveryTest {
    private static final Config NO_ENVIRONMENT = Config.of(Map.of(), k -> null, k -> null);

    @Test
    void theDecoderIsFoundByServiceLoaderAndChosenByDefault() throws Exception {
        assertThat(Providers.all(VideoDecoderProvider.KIND))
                .anySatisfy(p -> {
                    assertThat(p).isInstanceOf(FfmpegVideoDecoderProvider.class);
                    assertThat(p.name()).isEqualTo("ffmpeg");
                    assertThat(p.priority()).isEqualTo(100);
                    assertThat(p.probe().available()).as(p.probe().reason()).isTrue();
                });
        var selection = Providers.select(VideoDecoderProvider.KIND, null, NO_ENVIRONMENT);
        assertThat(selection.provider()).isInstanceOf(FfmpegVideoDecoderProvider.class);
        assertThat(Providers.select(VideoDecoderProvider.KIND, "ffmpeg", NO_ENVIRONMENT).provider()
                .create(NO_ENVIRONMENT)).isInstanceOf(FfmpegVideoDecoder.class);
    }

    @Test
    void theGifEncoderIsFoundWithTheReferencePriority() throws Exception {
        assertThat(Providers.all(GifEncoderProvider.KIND))
                .anySatisfy(p -> {
                    assertThat(p).isInstanceOf(FfmpegGifEncoderProvider.class);
                    assertThat(p.name()).isEqualTo("ffmpeg");
                    assertThat(p.priority()).isEqualTo(50);
                    assertThat(p.probe().available()).isTrue();
                });
        assertThat(Providers.select(GifEncoderProvider.KIND, "ffmpeg", NO_ENVIRONMENT).provider()
                .create(NO_ENVIRONMENT)).isInstanceOf(FfmpegGifEncoder.class);
    }
}
