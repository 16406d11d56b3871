package io.github.video2gif.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.DecodeOptions;
import io.github.video2gif.api.FrameFormat;
import io.github.video2gif.api.GifOptions;
import io.github.video2gif.api.GifWriter;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import io.github.video2gif.api.spi.GifEncoderProvider;
import io.github.video2gif.api.spi.Providers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WebP and MP4 writers behind --format webp|mp4: frame count, timing and size as decoders see them. */
class FfmpegAnimationEncodersTest {
    private static final Config NO_ENVIRONMENT = Config.of(Map.of(), k -> null, k -> null);

    @TempDir
    Path dir;

    /** 12 frames of 1/8 s and a last one of 0.05 s: 1.55 s in all. */
    private static void writeFrames(GifWriter w, int width, int height) throws Exception {
        for (int i = 0; i < 13; i++) {
            w.add(new VideoFrame(i, i / 8.0, width, height, TestClips.picture(width, height, i)), i < 12 ? 0.125 : 0.05);
        }
    }

    @Test
    void webpHasEveryFrameWithItsDurationTheLoopCountAndTheSourcePicture() throws Exception {
        Path webp = dir.resolve("a.webp");
        try (GifWriter w = new FfmpegWebpEncoder().open(webp, 161, 91, new GifOptions(161, 8, 2, 256))) {
            writeFrames(w, 161, 91);
            w.finish();
        }
        AnimatedWebp a = AnimatedWebp.read(webp);
        assertThat(a.canvasWidth()).isEqualTo(161); // WebP takes odd sizes
        assertThat(a.canvasHeight()).isEqualTo(91);
        assertThat(a.frames()).hasSize(13);
        assertThat(a.frames().get(0).durationMs()).isEqualTo(125);
        assertThat(a.frames().get(12).durationMs()).isEqualTo(50);
        assertThat(a.totalMs()).isEqualTo(1550);
        assertThat(a.loopCount()).isEqualTo(3); // loopCount 2 in GIF terms: plays 3 times
        VideoFrame first = AnimatedWebp.decodeFrame(a.frames().get(0), dir.resolve("frame0.webp"));
        // our decoder delivers even sizes: the 161x91 picture comes scaled to 160x90
        assertThat(first.width()).isEqualTo(160);
        assertThat(first.height()).isEqualTo(90);
        double same = meanAbsDiff(first.rgb(), TestClips.picture(160, 90, 0));
        assertThat(same).isLessThan(6);
        assertThat(meanAbsDiff(first.rgb(), TestClips.picture(160, 90, 9))).isGreaterThan(same + 3);
    }

    @Test
    void webpLoopsForeverByDefaultAndOnceWhenAsked() throws Exception {
        for (int loop : new int[] {0, -1}) {
            Path webp = dir.resolve("loop" + loop + ".webp");
            try (GifWriter w = new FfmpegWebpEncoder(50).open(webp, 64, 48, new GifOptions(64, 8, loop, 256))) {
                writeFrames(w, 64, 48);
                w.finish();
            }
            assertThat(AnimatedWebp.read(webp).loopCount()).isEqualTo(loop == 0 ? 0 : 1);
        }
    }

    @Test
    void mp4HasEveryFrameTheExactDurationAndEvenSizes() throws Exception {
        Path mp4 = dir.resolve("a.mp4");
        try (GifWriter w = new FfmpegMp4Encoder().open(mp4, 161, 91, new GifOptions(161, 8, 0, 256))) {
            writeFrames(w, 161, 91);
            w.finish();
        }
        FfmpegVideoDecoder decoder = new FfmpegVideoDecoder();
        VideoInfo info = decoder.probe(mp4);
        assertThat(info.codec()).isEqualTo("h264");
        assertThat(info.width()).isEqualTo(160); // H.264 needs even sizes: the last column and row go
        assertThat(info.height()).isEqualTo(90);
        assertThat(info.frameCount()).isEqualTo(13);
        assertThat(info.durationSec()).isCloseTo(1.55, within(0.002));
        List<VideoFrame> frames = FfmpegVideoDecoderTest.decodeAll(decoder, mp4,
                DecodeOptions.whole(FrameFormat.original()));
        assertThat(frames).hasSize(13);
        assertThat(frames.get(12).timestampSec()).isCloseTo(1.5, within(0.002));
        byte[] cropped = new byte[160 * 90 * 3];
        byte[] source = TestClips.picture(161, 91, 5);
        for (int y = 0; y < 90; y++) {
            System.arraycopy(source, y * 161 * 3, cropped, y * 160 * 3, 160 * 3);
        }
        assertThat(meanAbsDiff(frames.get(5).rgb(), cropped)).isLessThan(8);
    }

    @Test
    void aFailedOrAbandonedWriteLeavesTheOldFile() throws Exception {
        for (String name : List.of("keep.webp", "keep.mp4")) {
            Path target = Files.writeString(dir.resolve(name), "precious");
            var encoder = name.endsWith(".webp") ? new FfmpegWebpEncoder() : new FfmpegMp4Encoder();
            try (GifWriter w = encoder.open(target, 64, 48, GifOptions.DEFAULT)) {
                w.add(new VideoFrame(0, 0, 64, 48, TestClips.picture(64, 48, 0)), 0.1);
                assertThatThrownBy(() -> w.add(new VideoFrame(1, 0.1, 32, 48, new byte[32 * 48 * 3]), 0.1))
                        .isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(Files.readString(target)).isEqualTo("precious");
        }
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("keep.webp", "keep.mp4");
        }
    }

    @Test
    void webpGoesIntoWebpFilesOnly() {
        assertThatThrownBy(() -> FfmpegVideoWriter.builder(dir.resolve("a.mp4"), 64, 48)
                .codec(FfmpegVideoWriter.Codec.WEBP).open()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(".webp");
        assertThatThrownBy(() -> FfmpegVideoWriter.builder(dir.resolve("a.webp"), 64, 48)
                .codec(FfmpegVideoWriter.Codec.H264).open()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WebP only");
        assertThatThrownBy(() -> FfmpegVideoWriter.builder(dir.resolve("a.webp"), 64, 48).quality(101))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theProvidersAreFoundByFormatAndNeverChosenAsTheGifEncoder() throws Exception {
        List<GifEncoderProvider> all = Providers.all(GifEncoderProvider.KIND);
        assertThat(all).anySatisfy(p -> {
            assertThat(p).isInstanceOf(FfmpegWebpEncoderProvider.class);
            assertThat(p.format()).isEqualTo("webp");
            assertThat(p.probe().available()).as(p.probe().reason()).isTrue();
        });
        assertThat(all).anySatisfy(p -> {
            assertThat(p).isInstanceOf(FfmpegMp4EncoderProvider.class);
            assertThat(p.format()).isEqualTo("mp4");
        });
        assertThat(all).filteredOn(p -> p.format().equals("gif")).extracting(GifEncoderProvider::priority)
                .allSatisfy(pr -> assertThat(pr).isGreaterThan(10));
        assertThat(new FfmpegWebpEncoderProvider().create(Config.of(Map.of("webp.quality", "30"))))
                .isInstanceOfSatisfying(FfmpegWebpEncoder.class, e -> assertThat(e.quality()).isEqualTo(30));
        assertThatThrownBy(() -> new FfmpegWebpEncoderProvider().create(
                Config.of(Map.of("webp.quality", "101"), k -> null, k -> null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("webp.quality");
        assertThat(Providers.select(GifEncoderProvider.KIND, "mp4", NO_ENVIRONMENT).provider().create(NO_ENVIRONMENT))
                .isInstanceOf(FfmpegMp4Encoder.class);
    }

    static double meanAbsDiff(byte[] a, byte[] b) {
        assertThat(a).hasSameSizeAs(b);
        long s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return (double) s / a.length;
    }
}
