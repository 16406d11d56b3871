package io.github.video2gif.ffmpeg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.video2gif.api.DecodeOptions;
import io.github.video2gif.api.FrameFormat;
import io.github.video2gif.api.FrameStream;
import io.github.video2gif.api.ProgressListener;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import io.github.video2gif.core.gif.LoopSeamFinder;
import io.github.video2gif.core.synthetic.SyntheticVideo;
import io.github.video2gif.ffmpeg.AnimatedWebp;
import io.github.video2gif.ffmpeg.FfmpegVideoDecoder;
import io.github.video2gif.ffmpeg.cli.CliTest.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GIF options of gif, gifs and demo as a user runs them, checked on the files with ImageIO and FFmpeg. */
class GifOptionsCliTest {
    private static final FfmpegVideoDecoder DECODER = new FfmpegVideoDecoder();
    @TempDir
    static Path shared;
    /** An action clip: 6 s at 320x180. */
    static Path action;
    /** The same 1.2 s action shot seven times over: the picture repeats every 30 frames. */
    static Path periodic;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeClips() throws Exception {
        action = shared.resolve("action.mp4");
        DemoVideoFile.write(new SyntheticVideo(List.of(new SyntheticVideo.Shot(SyntheticVideo.Kind.ACTION, 6, 3,
                false)), 320, 180, 25), action, ProgressListener.NONE);
        periodic = shared.resolve("periodic.mp4");
        DemoVideoFile.write(new SyntheticVideo(Collections.nCopies(7, new SyntheticVideo.Shot(
                SyntheticVideo.Kind.ACTION, 1.2, 7, false)), 320, 180, 25), periodic, ProgressListener.NONE);
    }

    private Result gif(Path video, String out, String... more) {
        List<String> args = new ArrayList<>(List.of("gif", video.toString(), "--start", "1", "--end", "3", "-o",
                dir.resolve(out).toString(), "--width", "200", "--quiet"));
        args.addAll(List.of(more));
        return CliTest.run(args.toArray(String[]::new));
    }

    @Test
    void ditherAndLossyChangeTheGifAndLossyMakesItSmaller() throws Exception {
        assertThat(gif(action, "plain.gif").code()).isZero();
        Result dithered = gif(action, "dither.gif", "--dither", "sierra-lite");
        assertThat(dithered.code()).as(dithered.err()).isZero();
        assertThat(gif(action, "lossy.gif", "--lossy", "80").code()).isZero();
        byte[] plain = Files.readAllBytes(dir.resolve("plain.gif"));
        assertThat(Files.readAllBytes(dir.resolve("dither.gif"))).isNotEqualTo(plain);
        assertThat(Files.size(dir.resolve("lossy.gif"))).isLessThan((long) (plain.length * 0.95));
        for (String name : List.of("plain.gif", "dither.gif", "lossy.gif")) {
            assertThat(imageIoFrames(dir.resolve(name))).isEqualTo(20);
        }
    }

    @Test
    void maxBytesWritesAGifWithinTheBudgetThatImageIoAndFfmpegRead() throws Exception {
        assertThat(gif(action, "plain.gif").code()).isZero();
        long budgetK = Files.size(dir.resolve("plain.gif")) / 3 / 1000;
        Result r = gif(action, "fit.gif", "--max-bytes", budgetK + "k");
        assertThat(r.code()).as(r.err()).isZero();
        Path fit = dir.resolve("fit.gif");
        assertThat(Files.size(fit)).isLessThanOrEqualTo(budgetK * 1000);
        assertThat(r.out()).contains("budget: ")
                .contains(String.format(Locale.ROOT, "budget %,d bytes", budgetK * 1000));
        int frames = imageIoFrames(fit);
        assertThat(frames).isGreaterThan(1);
        VideoInfo info = DECODER.probe(fit);
        assertThat(decodeAll(fit, DecodeOptions.whole(FrameFormat.original()))).hasSize(frames);
        try (ImageInputStream in = ImageIO.createImageInputStream(fit.toFile())) {
            ImageReader rd = ImageIO.getImageReadersByFormatName("gif").next();
            rd.setInput(in);
            assertThat(info.width()).isEqualTo(rd.getWidth(0) & ~1);
        }
    }

    @Test
    void anImpossibleBudgetExitsWithTwoOneLineAndNoFile() throws Exception {
        Result r = gif(action, "tiny.gif", "--max-bytes", "1k");
        assertThat(r.code()).isEqualTo(2);
        String[] lines = r.err().strip().split("\n");
        assertThat(lines).hasSize(1);
        assertThat(lines[0]).startsWith("video2gif: ").contains("tiny.gif").contains("within 1,000 bytes");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void bounceDoublesTheFramesLessTheTurnsAndPlaysThemBackward() throws Exception {
        Path out = dir.resolve("bounce.gif");
        Result r = CliTest.run("gif", action.toString(), "--start", "1", "--end", "2", "-o", out.toString(),
                "--width", "160", "--bounce", "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("18 frames").contains("bounce");
        assertThat(imageIoFrames(out)).isEqualTo(18);
        List<VideoFrame> f = decodeAll(out, DecodeOptions.whole(FrameFormat.original()));
        assertThat(f).hasSize(18);
        for (int j = 0; j < 8; j++) {
            double mirrored = meanAbsDiff(f.get(10 + j), f.get(8 - j));
            assertThat(mirrored).as("frame %d against %d", 10 + j, 8 - j).isLessThan(1.5);
            // and not just any frame would do: the clip moves
            int other = 8 - j >= 4 ? 8 - j - 3 : 8 - j + 3;
            assertThat(meanAbsDiff(f.get(10 + j), f.get(other))).isGreaterThan(mirrored + 1);
        }
    }

    @Test
    void aLoopWindowFindsTheSeamOfAPeriodicClip() throws Exception {
        Path out = dir.resolve("loop.gif");
        Result r = CliTest.run("gif", periodic.toString(), "--start", "2", "--end", "5", "-o", out.toString(),
                "--loop-window", "1", "--json", "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) JsonTestParser.parse(r.out().trim());
        @SuppressWarnings("unchecked")
        Map<String, Object> loop = (Map<String, Object>) json.get("loop");
        double start = (Double) loop.get("startSec");
        double end = (Double) loop.get("endSec");
        assertThat(start).isBetween(1.0, 3.0);
        assertThat(end).isBetween(4.0, 6.0);
        assertThat((Double) json.get("startSec")).isEqualTo(start);
        assertThat((Double) json.get("endSec")).isEqualTo(end);
        // the same seam measured on the video as asked (2.0 .. 5.0 s: two and a half periods) is far worse
        List<VideoFrame> frames = decodeAll(periodic, DecodeOptions.range(FrameFormat.width(160), 1.9, 5.1));
        double asked = new LoopSeamFinder(0).find(frames, 2.0, 5.0).seamDifference();
        double chosen = (Double) loop.get("seamDifference");
        assertThat(chosen).isLessThan(asked / 4);
        assertThat((Double) loop.get("score")).isGreaterThan(0.7);
        long periods = Math.round((end - start) / 1.2);
        assertThat(end - start).isCloseTo(periods * 1.2, within(0.041));
        int expectedFrames = (int) Math.round((end - start) * 10);
        assertThat(imageIoFrames(out)).isEqualTo(expectedFrames);
        assertThat(((Double) json.get("frames")).intValue()).isEqualTo(expectedFrames);
    }

    @Test
    void gifsKeepsLoopWindowsInsideShotsAndWritesOtherFormats() throws Exception {
        Path video = shared.resolve("demo.mp4");
        if (!Files.exists(video)) {
            DemoVideoFile.write(SyntheticVideo.demo(320, 180, 25), video, ProgressListener.NONE);
        }
        Result shots = CliTest.run("shots", video.toString(), "--json", "--quiet");
        assertThat(shots.code()).as(shots.err()).isZero();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> shotList = (List<Map<String, Object>>) ((Map<String, Object>) JsonTestParser
                .parse(shots.out().trim())).get("shots");
        Result r = CliTest.run("gifs", video.toString(), "--out", dir.resolve("loops").toString(), "--top", "4",
                "--width", "160", "--loop-window", "1.5", "--json", "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> gifs = (List<Map<String, Object>>) JsonTestParser.parse(r.out().trim());
        assertThat(gifs).hasSize(4);
        for (Map<String, Object> g : gifs) {
            double segStart = (Double) g.get("segmentStartSec");
            Map<String, Object> shot = shotList.stream().filter(s -> (Double) s.get("startSec") <= segStart + 1e-6
                    && (Double) s.get("endSec") > segStart).findFirst().orElseThrow();
            assertThat((Double) g.get("startSec")).as("%s in %s", g, shot)
                    .isGreaterThanOrEqualTo((Double) shot.get("startSec") - 1e-6);
            assertThat((Double) g.get("endSec")).as("%s in %s", g, shot).isLessThan((Double) shot.get("endSec"));
            assertThat(g).containsKeys("loop", "path", "bytes", "rank", "score");
            assertThat(Files.size(Path.of((String) g.get("path")))).isEqualTo(((Double) g.get("bytes")).longValue());
        }
        Result webp = CliTest.run("gifs", video.toString(), "--out", dir.resolve("webp").toString(), "--top", "2",
                "--width", "160", "--format", "webp", "--quiet");
        assertThat(webp.code()).as(webp.err()).isZero();
        try (var files = Files.list(dir.resolve("webp"))) {
            List<Path> written = files.sorted().toList();
            assertThat(written).hasSize(2).allSatisfy(p -> assertThat(p.toString()).endsWith(".webp"));
            for (Path p : written) {
                assertThat(AnimatedWebp.read(p).frames()).hasSizeGreaterThan(10);
            }
        }
    }

    @Test
    void webpAndMp4HaveTheFramesDurationAndSizeAsked() throws Exception {
        Result mp4 = gif(action, "clip.mp4", "--fps", "8");
        assertThat(mp4.code()).as(mp4.err()).isZero();
        Path mp4File = dir.resolve("clip.mp4");
        VideoInfo info = DECODER.probe(mp4File);
        assertThat(info.codec()).isEqualTo("h264");
        assertThat(info.width()).isEqualTo(200);
        assertThat(info.height()).isEqualTo(112);
        assertThat(info.durationSec()).isCloseTo(2.0, within(0.01));
        assertThat(decodeAll(mp4File, DecodeOptions.whole(FrameFormat.original()))).hasSize(16);

        Result webp = gif(action, "clip.webp", "--fps", "8");
        assertThat(webp.code()).as(webp.err()).isZero();
        assertThat(webp.out()).contains("webp");
        AnimatedWebp a = AnimatedWebp.read(dir.resolve("clip.webp"));
        assertThat(a.canvasWidth()).isEqualTo(200);
        assertThat(a.canvasHeight()).isEqualTo(112);
        assertThat(a.frames()).hasSize(16);
        assertThat(a.totalMs()).isEqualTo(2000);
        assertThat(a.loopCount()).isZero();
        // the first frame shows the video at 1 s
        VideoFrame first = AnimatedWebp.decodeFrame(a.frames().get(0), dir.resolve("first.webp"));
        List<VideoFrame> source = decodeAll(action, DecodeOptions.range(FrameFormat.width(200), 1.0, 1.5));
        assertThat(meanAbsDiff(first, source.get(0))).isLessThan(8).isLessThan(meanAbsDiff(first, source.get(12)));

        // a bounce goes with any format
        Result bounced = gif(action, "bounce.mp4", "--fps", "8", "--bounce");
        assertThat(bounced.code()).as(bounced.err()).isZero();
        assertThat(DECODER.probe(dir.resolve("bounce.mp4")).frameCount()).isEqualTo(30);
        Result explicit = gif(action, "clip.bin", "--fps", "8", "--format", "webp");
        assertThat(explicit.code()).as(explicit.err()).isZero();
        assertThat(AnimatedWebp.read(dir.resolve("clip.bin")).frames()).hasSize(16);
    }

    @Test
    void optionsThatDoNotGoTogetherAreUsageErrors() throws Exception {
        String[][] cases = {
            {"x.mp4", "--lossy is for GIF output", "--lossy", "40"},
            {"x.webp", "--dither is for GIF output", "--dither", "bayer"},
            {"x.mp4", "--colors is for GIF output", "--colors", "64"},
            {"x.mp4", "--max-bytes is for GIF output", "--max-bytes", "100k"},
            {"x.bin", "--max-bytes is for GIF output", "--format", "mp4", "--max-bytes", "100k"},
            {"x.gif", "names a gif file but --format is mp4", "--format", "mp4"},
            {"x.gif", "unknown --format \"bmp\"", "--format", "bmp"},
            {"x.gif", "leave out --loop-window", "--bounce", "--loop-window", "1"},
            {"x.gif", "--max-bytes: not a byte count", "--max-bytes", "lots"},
            {"x.gif", "leave out --lossy", "--max-bytes", "100k", "--lossy", "20"},
            {"x.gif", "unknown dither method \"fancy\"", "--dither", "fancy"},
            {"x.gif", "not of --gif-encoder ffmpeg", "--gif-encoder", "ffmpeg", "--dither", "bayer"},
            {"x.gif", "needs the java GIF encoder", "--gif-encoder", "ffmpeg", "--max-bytes", "100k"},
            {"x.gif", "--lossy must be between 0 and 200", "--lossy", "300"},
            {"x.gif", "--loop-window must be between", "--loop-window", "-1"},
        };
        for (String[] c : cases) {
            String[] more = java.util.Arrays.copyOfRange(c, 2, c.length);
            Result r = gif(action, c[0], more);
            assertThat(r.code()).as("%s: %s", String.join(" ", more), r.err()).isEqualTo(2);
            String[] lines = r.err().strip().split("\n");
            assertThat(lines).as(r.err()).hasSize(1);
            assertThat(lines[0]).startsWith("video2gif: ").contains(c[1]);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    static List<VideoFrame> decodeAll(Path file, DecodeOptions options) throws Exception {
        List<VideoFrame> frames = new ArrayList<>();
        try (FrameStream s = DECODER.open(file, options)) {
            VideoFrame f;
            while ((f = s.next()) != null) {
                frames.add(f);
            }
        }
        return frames;
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

    static double meanAbsDiff(VideoFrame a, VideoFrame b) {
        assertThat(a.width()).isEqualTo(b.width());
        assertThat(a.height()).isEqualTo(b.height());
        long s = 0;
        byte[] x = a.rgb();
        byte[] y = b.rgb();
        for (int i = 0; i < x.length; i++) {
            s += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
        }
        return (double) s / x.length;
    }
}
