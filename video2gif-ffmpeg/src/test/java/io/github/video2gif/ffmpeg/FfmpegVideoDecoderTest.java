package io.github.video2gif.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.video2gif.api.DecodeOptions;
import io.github.video2gif.api.FrameFormat;
import io.github.video2gif.api.FrameStream;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FfmpegVideoDecoderTest {
    @TempDir
    static Path shared;
    static Path clip24;

    @TempDir
    Path dir;

    private final FfmpegVideoDecoder decoder = new FfmpegVideoDecoder();

    @BeforeAll
    static void generate() throws IOException {
        // 4 s at 24 fps, a key frame every second: seeks must decode forward from a key frame.
        try (FfmpegVideoWriter w = FfmpegVideoWriter.builder(shared.resolve("clip24.mp4"), 320, 180).fps(24)
                .keyframeInterval(24).open()) {
            for (int i = 0; i < 96; i++) {
                w.write(new VideoFrame(i, i / 24.0, 320, 180, TestClips.picture(320, 180, i)));
            }
            w.finish();
        }
        clip24 = shared.resolve("clip24.mp4");
    }

    static List<VideoFrame> decodeAll(FfmpegVideoDecoder d, Path file, DecodeOptions options) throws IOException {
        List<VideoFrame> frames = new ArrayList<>();
        try (FrameStream s = d.open(file, options)) {
            VideoFrame f;
            while ((f = s.next()) != null) {
                assertThat(new int[] {f.width(), f.height()}).containsExactly(s.frameSize());
                frames.add(f);
            }
        }
        return frames;
    }

    @Test
    void probeReadsContainerFactsWithoutDecoding() throws IOException {
        VideoInfo info = decoder.probe(clip24);
        assertThat(info.path()).isEqualTo(clip24);
        assertThat(info.fps()).isCloseTo(24, within(1e-9));
        assertThat(info.frameCount()).isEqualTo(96);
        assertThat(info.durationSec()).isCloseTo(4.0, within(1e-6));
        assertThat(info.width()).isEqualTo(320);
        assertThat(info.height()).isEqualTo(180);
        assertThat(info.rotationDegrees()).isZero();
        assertThat(info.codec()).isEqualTo("h264");
    }

    @Test
    void constantRateClipGivesEveryFrameWithExactTimestampsAtTheAnalysisWidth() throws IOException {
        List<VideoFrame> frames = decodeAll(decoder, clip24, DecodeOptions.whole(FrameFormat.width(160)));
        assertThat(frames).hasSize(96);
        for (int i = 0; i < frames.size(); i++) {
            VideoFrame f = frames.get(i);
            assertThat(f.index()).isEqualTo(i);
            assertThat(f.timestampSec()).isEqualTo(i / 24.0);
            assertThat(f.width()).isEqualTo(160);
            assertThat(f.height()).isEqualTo(90);
            assertThat(f.rgb()).hasSize(160 * 90 * 3);
        }
    }

    @Test
    void pixelsArePackedRgbInDisplayOrientation() throws IOException {
        VideoFrame f = decodeAll(decoder, clip24, DecodeOptions.range(FrameFormat.original(), 0, 0.01)).get(0);
        assertThat(f.width()).isEqualTo(320);
        assertThat(corners(f)).isEqualTo("R G B");
    }

    @Test
    void requestedSizesAreHonoured() throws IOException {
        DecodeOptions first = DecodeOptions.range(FrameFormat.exact(33, 17), 0, 0.01);
        assertThat(decodeAll(decoder, clip24, first).get(0).rgb()).hasSize(33 * 17 * 3);
        try (FrameStream s = decoder.open(clip24, DecodeOptions.whole(FrameFormat.fit(100, 100)))) {
            assertThat(s.frameSize()).containsExactly(100, 56);
            assertThat(s.next().rgb()).hasSize(100 * 56 * 3);
        }
        try (FrameStream s = decoder.open(clip24, DecodeOptions.whole(FrameFormat.width(640)))) {
            assertThat(s.frameSize()).containsExactly(640, 360);
        }
    }

    /**
     * Widths whose RGB rows are not a multiple of the SIMD block: swscale's vectorised writers run past the
     * end of such rows, which corrupted the heap (and crashed the JVM) while the output buffer was packed.
     */
    @Test
    void unalignedRowWidthsAreSafe() throws IOException {
        Path clip = TestClips.constantRate(dir.resolve("640.mp4"), 640, 360, 25, 8);
        for (FrameFormat format : new FrameFormat[] {FrameFormat.width(360), FrameFormat.width(362),
                FrameFormat.width(98), FrameFormat.exact(333, 187), FrameFormat.width(1002), FrameFormat.exact(7, 5)}) {
            List<VideoFrame> frames = decodeAll(decoder, clip, DecodeOptions.whole(format));
            assertThat(frames).hasSize(8);
            int[] size = format.resolve(640, 360);
            assertThat(frames.get(7).rgb()).hasSize(size[0] * size[1] * 3);
            assertThat(corners(frames.get(0))).as("%s", format).isEqualTo(size[0] < 20 ? corners(frames.get(0))
                    : "R G B");
        }
        Path oddWriter = TestClips.constantRate(dir.resolve("333.mp4"), 333, 187, 25, 4);
        assertThat(decodeAll(decoder, oddWriter, DecodeOptions.whole(FrameFormat.original()))).hasSize(4);
    }

    @Test
    void variableFrameRateKeepsEachFramesOwnTimestamp() throws IOException {
        double[] times = {0, 0.040, 0.100, 0.250, 0.260, 0.500, 0.900, 0.933, 1.500, 2.000};
        Path vfr = TestClips.variableRate(dir.resolve("vfr.mp4"), 160, 90, times);
        List<VideoFrame> frames = decodeAll(decoder, vfr, DecodeOptions.whole(FrameFormat.original()));
        assertThat(frames).extracting(VideoFrame::timestampSec)
                .usingElementComparator((a, b) -> Math.abs(a - b) < 1e-6 ? 0 : Double.compare(a, b))
                .containsExactly(0.0, 0.040, 0.100, 0.250, 0.260, 0.500, 0.900, 0.933, 1.500, 2.000);
        List<VideoFrame> range = decodeAll(decoder, vfr, DecodeOptions.range(FrameFormat.original(), 0.26, 0.933));
        assertThat(range).extracting(VideoFrame::timestampSec)
                .usingElementComparator((a, b) -> Math.abs(a - b) < 1e-6 ? 0 : Double.compare(a, b))
                .containsExactly(0.260, 0.500, 0.900);
        VideoInfo info = decoder.probe(vfr);
        assertThat(info.frameCount()).isEqualTo(10);
        assertThat(info.fps()).isBetween(3.0, 6.0); // an average: 10 frames over about 2 s
    }

    @Test
    void oddSizedVideoDecodesToEvenOrExactSizes() throws IOException {
        Path odd = TestClips.constantRate(dir.resolve("odd.mp4"), 161, 91, 10, 12);
        VideoInfo info = decoder.probe(odd);
        assertThat(info.width()).isEqualTo(161);
        assertThat(info.height()).isEqualTo(91);
        assertThat(info.codec()).isEqualTo("mpeg4"); // H.264 cannot hold odd sizes
        List<VideoFrame> original = decodeAll(decoder, odd, DecodeOptions.whole(FrameFormat.original()));
        assertThat(original).hasSize(12);
        assertThat(original.get(0).width()).isEqualTo(160);
        assertThat(original.get(0).height()).isEqualTo(90);
        assertThat(corners(original.get(0))).isEqualTo("R G B");
        assertThat(decodeAll(decoder, odd, DecodeOptions.whole(FrameFormat.exact(31, 17))).get(11).rgb())
                .hasSize(31 * 17 * 3);
    }

    @ParameterizedTest
    @ValueSource(ints = {90, 180, 270})
    void rotationMetadataIsAppliedToSizeAndPixels(int degrees) throws IOException {
        Path rotated = dir.resolve("rot" + degrees + ".mp4");
        try (FfmpegVideoWriter w = FfmpegVideoWriter.builder(rotated, 160, 96).fps(10).rotation(degrees).open()) {
            for (int i = 0; i < 5; i++) {
                w.write(new VideoFrame(i, i / 10.0, 160, 96, TestClips.picture(160, 96, i)));
            }
            w.finish();
        }
        VideoInfo info = decoder.probe(rotated);
        assertThat(info.rotationDegrees()).isEqualTo(degrees);
        boolean quarter = degrees != 180;
        assertThat(info.width()).isEqualTo(quarter ? 96 : 160);
        assertThat(info.height()).isEqualTo(quarter ? 160 : 96);

        List<VideoFrame> frames = decodeAll(decoder, rotated, DecodeOptions.whole(FrameFormat.original()));
        assertThat(frames).hasSize(5);
        VideoFrame f = frames.get(0);
        assertThat(f.width()).isEqualTo(info.width());
        // Coded corners: red top-left, green top-right, blue bottom-left; turned clockwise for display.
        String expected = switch (degrees) {
            case 90 -> "B R .";   // blue top-left, red top-right, (white-ish gradient) bottom-left
            case 180 -> ". B G";
            default -> "G . R";
        };
        assertThat(corners(f)).isEqualTo(expected);
        List<VideoFrame> small = decodeAll(decoder, rotated, DecodeOptions.whole(FrameFormat.width(48)));
        assertThat(small.get(0).width()).isEqualTo(48);
        assertThat(small.get(0).height()).isEqualTo(quarter ? 80 : 28);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 90})
    void companionFramesEqualASeparateDecodeAtThatSize(int degrees) throws IOException {
        Path file = clip24;
        if (degrees != 0) {
            file = dir.resolve("rot" + degrees + ".mp4");
            try (FfmpegVideoWriter w = FfmpegVideoWriter.builder(file, 160, 96).fps(10).rotation(degrees).open()) {
                for (int i = 0; i < 12; i++) {
                    w.write(new VideoFrame(i, i / 10.0, 160, 96, TestClips.picture(160, 96, i)));
                }
                w.finish();
            }
        }
        FrameFormat big = FrameFormat.exact(171, 128);
        FrameFormat small = FrameFormat.width(64);
        List<VideoFrame> alone = decodeAll(decoder, file, DecodeOptions.whole(small));
        List<VideoFrame> mains = new ArrayList<>();
        List<VideoFrame> companions = new ArrayList<>();
        try (FrameStream s = decoder.open(file, DecodeOptions.whole(big).withCompanion(small))) {
            assertThat(s.companion()).isNull();
            VideoFrame f;
            while ((f = s.next()) != null) {
                mains.add(f);
                companions.add(s.companion());
            }
        }
        assertThat(mains).hasSameSizeAs(alone);
        assertThat(mains.get(0).width()).isEqualTo(171);
        for (int i = 0; i < alone.size(); i++) {
            VideoFrame c = companions.get(i);
            assertThat(c.index()).isEqualTo(mains.get(i).index());
            assertThat(c.timestampSec()).isEqualTo(mains.get(i).timestampSec());
            assertThat(new int[] {c.width(), c.height()}).containsExactly(alone.get(i).width(), alone.get(i).height());
            assertThat(c.rgb()).as("frame %d", i).isEqualTo(alone.get(i).rgb());
        }
        // without a companion asked for, there is none
        try (FrameStream s = decoder.open(file, DecodeOptions.whole(big))) {
            assertThat(s.next()).isNotNull();
            assertThat(s.companion()).isNull();
        }
    }

    @Test
    void nonSquarePixelsBecomeTheDisplaySize() throws IOException {
        Path anamorphic = dir.resolve("sar.mp4");
        try (FfmpegVideoWriter w = FfmpegVideoWriter.builder(anamorphic, 240, 180).fps(10).sampleAspectRatio(4, 3)
                .open()) {
            for (int i = 0; i < 3; i++) {
                w.write(new VideoFrame(i, i / 10.0, 240, 180, TestClips.picture(240, 180, i)));
            }
            w.finish();
        }
        VideoInfo info = decoder.probe(anamorphic);
        assertThat(info.width()).isEqualTo(320);
        assertThat(info.height()).isEqualTo(180);
        assertThat(decodeAll(decoder, anamorphic, DecodeOptions.whole(FrameFormat.original())).get(0).width())
                .isEqualTo(320);
    }

    @Test
    void rangeDecodeDeliversExactlyTheFramesInsideTheRangeWithIdenticalPixels() throws IOException {
        List<VideoFrame> all = decodeAll(decoder, clip24, DecodeOptions.whole(FrameFormat.width(96)));
        double[][] ranges = {{1.5, 2.5}, {1.0, 2.0}, {0.51, 1.0}, {2.99, 3.05}, {3.9, 100}, {0, 0.1}};
        for (double[] r : ranges) {
            List<VideoFrame> expected = all.stream()
                    .filter(f -> f.timestampSec() >= r[0] && f.timestampSec() < r[1]).toList();
            List<VideoFrame> got = decodeAll(decoder, clip24, DecodeOptions.range(FrameFormat.width(96), r[0], r[1]));
            assertThat(got).as("range %s..%s", r[0], r[1]).hasSameSizeAs(expected).isNotEmpty();
            for (int i = 0; i < got.size(); i++) {
                assertThat(got.get(i).timestampSec()).isEqualTo(expected.get(i).timestampSec());
                assertThat(got.get(i).index()).isEqualTo(i);
                assertThat(got.get(i).rgb()).as("pixels of the frame at %s s", got.get(i).timestampSec())
                        .isEqualTo(expected.get(i).rgb());
            }
        }
    }

    @Test
    void rangeDecodeIsFrameAccurateWithBFrames() throws IOException {
        Path bframes = dir.resolve("b.mp4");
        try (FfmpegVideoWriter w = FfmpegVideoWriter.builder(bframes, 160, 90).fps(25).codec(FfmpegVideoWriter.Codec.MPEG4)
                .bFrames(2).keyframeInterval(12).open()) {
            for (int i = 0; i < 50; i++) {
                w.write(new VideoFrame(i, i / 25.0, 160, 90, TestClips.picture(160, 90, i)));
            }
            w.finish();
        }
        List<VideoFrame> all = decodeAll(decoder, bframes, DecodeOptions.whole(FrameFormat.original()));
        assertThat(all).hasSize(50);
        assertThat(all).extracting(VideoFrame::timestampSec).isSorted();
        List<VideoFrame> got = decodeAll(decoder, bframes, DecodeOptions.range(FrameFormat.original(), 0.6, 1.0));
        assertThat(got).extracting(VideoFrame::timestampSec)
                .containsExactly(all.subList(15, 25).stream().map(VideoFrame::timestampSec).toArray(Double[]::new));
        assertThat(got.get(0).rgb()).isEqualTo(all.get(15).rgb());
    }

    @Test
    void rangeAfterTheEndIsEmptyNotAnError() throws IOException {
        assertThat(decodeAll(decoder, clip24, DecodeOptions.range(FrameFormat.width(32), 50, 60))).isEmpty();
    }

    @Test
    void closeIsIdempotentAndEndsTheStream() throws IOException {
        FrameStream s = decoder.open(clip24, DecodeOptions.whole(FrameFormat.width(32)));
        assertThat(s.next()).isNotNull();
        s.close();
        s.close();
        assertThatThrownBy(s::next).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void manyStreamsOpenedAndClosedDoNotLeak() throws IOException {
        for (int i = 0; i < 200; i++) {
            try (FrameStream s = decoder.open(clip24, DecodeOptions.range(FrameFormat.width(32), 2.0, 2.1))) {
                assertThat(s.next()).isNotNull();
            }
        }
    }

    @Test
    void oneDecoderServesSeveralThreadsAtOnce() throws Exception {
        List<VideoFrame> reference = decodeAll(decoder, clip24, DecodeOptions.whole(FrameFormat.width(64)));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<List<VideoFrame>>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> decodeAll(decoder, clip24, DecodeOptions.whole(FrameFormat.width(64)))));
            }
            for (java.util.concurrent.Future<List<VideoFrame>> run : runs) {
                List<VideoFrame> frames = run.get();
                assertThat(frames).hasSameSizeAs(reference);
                for (int i = 0; i < frames.size(); i++) {
                    assertThat(frames.get(i).rgb()).isEqualTo(reference.get(i).rgb());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nonAsciiFileNamesWork() throws IOException {
        Path named = TestClips.constantRate(dir.resolve("vidéo ü 動画.mp4"), 64, 36, 10, 3);
        assertThat(decodeAll(decoder, named, DecodeOptions.whole(FrameFormat.original()))).hasSize(3);
    }

    @Test
    void badSettingsAreCallerMistakes() {
        assertThatThrownBy(() -> new FfmpegVideoDecoder(io.github.video2gif.api.Config.of(
                java.util.Map.of("ffmpeg.scaler", "nearest-ish"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ffmpeg.scaler");
    }

    /** The colours of the top-left, top-right and bottom-left corners: R, G, B or '.' for none of them. */
    static String corners(VideoFrame f) {
        int m = 2;
        return colour(f, m, m) + " " + colour(f, f.width() - 1 - m, m) + " " + colour(f, m, f.height() - 1 - m);
    }

    private static String colour(VideoFrame f, int x, int y) {
        int o = (y * f.width() + x) * 3;
        int r = f.rgb()[o] & 0xff;
        int g = f.rgb()[o + 1] & 0xff;
        int b = f.rgb()[o + 2] & 0xff;
        if (r > 170 && g < 80 && b < 80) {
            return "R";
        }
        if (g > 170 && r < 80 && b < 80) {
            return "G";
        }
        if (b > 170 && r < 80 && g < 80) {
            return "B";
        }
        return ".";
    }

    static void drain(FrameStream s) throws Video2GifException {
        while (s.next() != null) {
            // read to the end
        }
    }
}
