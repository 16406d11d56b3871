package io.github.video2gif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.video2gif.api.GifOptions;
import io.github.video2gif.api.OutputException;
import io.github.video2gif.api.Segment;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.spi.ProviderUnavailableException;
import io.github.video2gif.core.gif.DitherMethod;
import io.github.video2gif.core.gif.LoopSeamFinder;
import io.github.video2gif.core.synthetic.SyntheticVideo;
import io.github.video2gif.core.testing.RecordingGifEncoder;
import io.github.video2gif.core.synthetic.SyntheticVideoDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade's export options on exact synthetic frames: formats, dither and lossy, budgets, loops, bounces. */
class Video2GifExportTest {
    private static final Path DEMO = Path.of("demo.synthetic");
    private static final SyntheticVideo VIDEO = SyntheticVideo.demo(320, 180, 25);
    /** The same 1.2 s action shot seven times: the picture repeats exactly every 30 frames. */
    private static final Path PERIODIC = Path.of("periodic.synthetic");
    private static final int PERIOD = 30;
    private static final SyntheticVideo REPEATS = new SyntheticVideo(
            Collections.nCopies(7, new SyntheticVideo.Shot(SyntheticVideo.Kind.ACTION, 1.2, 7, false)), 320, 180, 25);
    private static final SyntheticVideoDecoder DECODER = new SyntheticVideoDecoder().register(DEMO, VIDEO)
            .register(PERIODIC, REPEATS);
    private static final GifOptions SMALL = new GifOptions(160, 10, 0, 256);
    private static final Segment FIRST_3S = new Segment(0, 75, 0, 3);

    @TempDir
    Path dir;

    private static Video2Gif.Builder builder() {
        return Video2Gif.builder().decoder(DECODER);
    }

    @Test
    void ditherAndLossyChangeTheFileAndLossyMakesItSmaller() throws Exception {
        Path plain = dir.resolve("plain.gif");
        Path bayer = dir.resolve("bayer.gif");
        Path lossy = dir.resolve("lossy.gif");
        GifExport p = builder().build().export(DEMO, FIRST_3S, plain, SMALL, ExportOptions.DEFAULT);
        builder().dither(DitherMethod.BAYER).build().export(DEMO, FIRST_3S, bayer, SMALL, ExportOptions.DEFAULT);
        GifExport l = builder().lossy(80).build().export(DEMO, FIRST_3S, lossy, SMALL, ExportOptions.DEFAULT);
        assertThat(p.format()).isEqualTo("gif");
        assertThat(p.frames()).isEqualTo(30);
        assertThat(p.bytes()).isEqualTo(Files.size(plain));
        assertThat(Files.readAllBytes(bayer)).isNotEqualTo(Files.readAllBytes(plain));
        assertThat(l.bytes()).isLessThan((long) (p.bytes() * 0.95));
        for (Path gif : List.of(plain, bayer, lossy)) {
            assertThat(imageIoFrames(gif)).isEqualTo(30);
        }
        assertThatThrownBy(() -> builder().lossy(201)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSizeBudgetIsMetAndWhatItChoseIsReported() throws Exception {
        Path free = dir.resolve("free.gif");
        long unbudgeted = builder().build().export(DEMO, FIRST_3S, free, SMALL, ExportOptions.DEFAULT).bytes();
        long budget = unbudgeted / 3;
        Path out = dir.resolve("fit.gif");
        GifExport e = builder().build().export(DEMO, FIRST_3S, out, SMALL, ExportOptions.DEFAULT.withMaxBytes(budget));
        assertThat(Files.size(out)).isLessThanOrEqualTo(budget).isEqualTo(e.bytes());
        assertThat(e.budget()).isPresent();
        var chosen = e.budget().get().chosen();
        assertThat(chosen.bytes()).isEqualTo(e.bytes());
        assertThat(e.budget().get().describe()).contains("budget " + String.format("%,d", budget));
        // something had to give: a smaller frame, a lower rate, fewer colours or loss
        assertThat(chosen.width() < 160 || chosen.fps() < 10 || chosen.colors() < 256 || chosen.lossy() > 0).isTrue();
        assertThat(e.width()).isEqualTo(chosen.width());
        assertThat(imageIoFrames(out)).isEqualTo(e.frames());
        assertThat(imageIoWidth(out)).isEqualTo(chosen.width());
    }

    @Test
    void anImpossibleBudgetFailsAndLeavesNothingBehind() throws Exception {
        Path out = dir.resolve("tiny.gif");
        Video2Gif v = builder().build();
        assertThatThrownBy(() -> v.export(DEMO, FIRST_3S, out, SMALL, ExportOptions.DEFAULT.withMaxBytes(300)))
                .isInstanceOf(OutputException.class).hasMessageContaining("within 300 bytes");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        Files.writeString(out, "precious");
        assertThatThrownBy(() -> v.export(DEMO, FIRST_3S, out, SMALL, ExportOptions.DEFAULT.withMaxBytes(300)))
                .isInstanceOf(OutputException.class);
        assertThat(Files.readString(out)).isEqualTo("precious");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
    }

    @Test
    void aBounceDoublesTheFramesLessTheTurnsAndPlaysThemBackward() throws Exception {
        RecordingGifEncoder enc = new RecordingGifEncoder();
        GifExport e = builder().gifEncoder(enc).build().export(DEMO, new Segment(0, 50, 0, 2), dir.resolve("b.gif"),
                SMALL, ExportOptions.DEFAULT.withBounce(true));
        List<VideoFrame> frames = enc.frames.get(0);
        int n = 20;
        assertThat(frames).hasSize(2 * n - 2);
        assertThat(e.frames()).isEqualTo(2 * n - 2);
        assertThat(e.bounce()).isTrue();
        for (int j = 0; j < n - 2; j++) {
            assertThat(Arrays.equals(frames.get(n + j).rgb(), frames.get(n - 2 - j).rgb())).as("backward frame %d", j)
                    .isTrue();
        }
        // the forward half is the clip itself: at 10 fps, the 25 fps frame on screen at k / 10 s
        for (int k = 0; k < n; k++) {
            assertThat(Arrays.equals(frames.get(k).rgb(), VIDEO.frame((long) Math.floor(k * 2.5), 160, 90).rgb()))
                    .as("forward frame %d", k).isTrue();
        }
        assertThat(Arrays.equals(frames.get(n - 1).rgb(), frames.get(n).rgb())).isFalse();
        assertThat(enc.durations.get(0)).allSatisfy(d -> assertThat(d).isCloseTo(0.1, within(1e-9)));
    }

    @Test
    void aBounceTooBigForMemoryIsRefusedBeforeAnyWork() {
        Segment huge = new Segment(0, 2_500_000, 0, 100_000);
        assertThatThrownBy(() -> builder().build().export(DEMO, huge, dir.resolve("huge.gif"), GifOptions.DEFAULT,
                ExportOptions.DEFAULT.withBounce(true))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1000000 frames of 360x202");
        assertThat(dir.resolve("huge.gif")).doesNotExist();
    }

    @Test
    void aLoopWindowFindsTheSeamOfAPeriodicClip() throws Exception {
        RecordingGifEncoder enc = new RecordingGifEncoder();
        // 2.0 .. 5.0 s is two and a half periods: the jump from the end back to the start shows
        Segment asked = new Segment(50, 125, 2.0, 5.0);
        GifExport e = builder().gifEncoder(enc).build().export(PERIODIC, asked, dir.resolve("loop.gif"),
                GifOptions.DEFAULT, ExportOptions.DEFAULT.withLoopWindow(1.0));
        LoopSeamFinder.LoopChoice loop = e.loop().orElseThrow();
        List<VideoFrame> all = new ArrayList<>();
        for (int i = 0; i < REPEATS.frameCount(); i++) {
            all.add(REPEATS.frame(i, 160, 90));
        }
        double unadjusted = new LoopSeamFinder(0).find(all, 2.0, 5.0).seamDifference();
        assertThat(unadjusted).isGreaterThan(2);
        assertThat(loop.seamDifference()).isLessThan(unadjusted).isZero();
        assertThat(loop.loopScore()).isEqualTo(1.0);
        assertThat(loop.startSec()).isBetween(1.0, 3.0);
        assertThat(loop.endSec()).isBetween(4.0, 6.0);
        long startFrame = Math.round(loop.startSec() * 25);
        long endFrame = Math.round(loop.endSec() * 25);
        assertThat((endFrame - startFrame) % PERIOD).isZero();
        assertThat(e.startSec()).isEqualTo(loop.startSec());
        assertThat(e.endSec()).isEqualTo(loop.endSec());
        // whole frames span exactly the loop; the GIF starts on the chosen frame
        List<VideoFrame> written = enc.frames.get(0);
        assertThat(written).hasSize((int) Math.round((loop.endSec() - loop.startSec()) * 10));
        assertThat(enc.durations.get(0).stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(loop.endSec() - loop.startSec(), within(1e-9));
        assertThat(Arrays.equals(written.get(0).rgb(), REPEATS.frame(startFrame, 360, 202).rgb())).isTrue();
        assertThat(Arrays.equals(written.get(0).rgb(), REPEATS.frame(endFrame, 360, 202).rgb())).isTrue();
        assertThat(Arrays.equals(written.get(0).rgb(), REPEATS.frame(startFrame + 15, 360, 202).rgb())).isFalse();
    }

    @Test
    void theLoopWindowStaysInsideTheVideo() throws Exception {
        RecordingGifEncoder enc = new RecordingGifEncoder();
        GifExport e = builder().gifEncoder(enc).build().export(PERIODIC, new Segment(5, 80, 0.2, 3.2),
                dir.resolve("edge.gif"), GifOptions.DEFAULT, ExportOptions.DEFAULT.withLoopWindow(2.0));
        assertThat(e.startSec()).isGreaterThanOrEqualTo(0);
        double end = REPEATS.durationSec();
        GifExport last = builder().gifEncoder(enc).build().export(PERIODIC,
                new Segment(150, 205, 6.0, end - 0.02), dir.resolve("end.gif"), GifOptions.DEFAULT,
                ExportOptions.DEFAULT.withLoopWindow(2.0));
        assertThat(last.endSec()).isLessThanOrEqualTo(end);
        assertThat(last.loop().orElseThrow().seamDifference()).isZero();
    }

    @Test
    void theFormatComesFromTheOptionOrTheNameAndMismatchesAreCallerMistakes() throws Exception {
        Video2Gif v = builder().build();
        // WebP and MP4 writers live in video2gif-ffmpeg, which this module's tests do not have
        assertThatThrownBy(() -> v.export(DEMO, FIRST_3S, dir.resolve("a.webp"), SMALL, ExportOptions.DEFAULT))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("video2gif-ffmpeg");
        assertThatThrownBy(() -> v.export(DEMO, FIRST_3S, dir.resolve("a.bin"), SMALL,
                ExportOptions.DEFAULT.withFormat("mp4"))).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("mp4");
        assertThatThrownBy(() -> v.export(DEMO, FIRST_3S, dir.resolve("a.gif"), SMALL,
                ExportOptions.DEFAULT.withFormat("mp4"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name it .mp4");
        assertThatThrownBy(() -> v.export(DEMO, FIRST_3S, dir.resolve("a.mp4"), SMALL,
                ExportOptions.DEFAULT.withMaxBytes(100_000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GIF files only");
        Video2Gif recording = builder().gifEncoder(new RecordingGifEncoder()).build();
        assertThatThrownBy(() -> recording.export(DEMO, FIRST_3S, dir.resolve("a.gif"), SMALL,
                ExportOptions.DEFAULT.withMaxBytes(100_000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java GIF encoder");
        // an unknown extension is a GIF
        GifExport odd = v.export(DEMO, FIRST_3S, dir.resolve("clip.anim"), SMALL, ExportOptions.DEFAULT);
        assertThat(odd.format()).isEqualTo("gif");
        assertThat(imageIoFrames(odd.path())).isEqualTo(30);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("clip.anim");
        }
    }

    static int imageIoFrames(Path gif) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
            r.setInput(in);
            int n = r.getNumImages(true);
            for (int i = 0; i < n; i++) {
                r.read(i);
            }
            r.dispose();
            return n;
        }
    }

    static int imageIoWidth(Path gif) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
            r.setInput(in);
            int w = r.getWidth(0);
            r.dispose();
            return w;
        }
    }
}
