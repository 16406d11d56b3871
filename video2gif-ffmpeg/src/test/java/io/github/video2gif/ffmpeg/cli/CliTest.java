package io.github.video2gif.ffmpeg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.video2gif.core.synthetic.SyntheticVideo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line tool as a user runs it: exit codes, one-line errors, JSON, real GIF files. */
class CliTest {
    @TempDir
    static Path shared;
    static Path demoDir;
    static Result demo;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.runForTest(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void runTheDemo() {
        demoDir = shared.resolve("demo");
        demo = run("demo", "--out", demoDir.toString(), "--quiet");
    }

    @Test
    void demoWritesAtLeastThreeGifsThatImageIoAndFfmpegRead() throws Exception {
        assertThat(demo.code()).as(demo.err()).isZero();
        List<Path> gifs;
        try (var s = Files.list(demoDir)) {
            gifs = s.filter(p -> p.toString().endsWith(".gif")).sorted().toList();
        }
        assertThat(gifs).hasSizeGreaterThanOrEqualTo(3);
        for (Path gif : gifs) {
            try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
                ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
                r.setInput(in);
                int frames = r.getNumImages(true);
                assertThat(frames).as(gif.toString()).isGreaterThan(1);
                assertThat(r.getWidth(0)).isEqualTo(360);
                r.dispose();
            }
            try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(gif.toFile())) {
                g.start();
                assertThat(g.getImageWidth()).isEqualTo(360);
                int n = 0;
                while (g.grabImage() != null) {
                    n++;
                }
                assertThat(n).isGreaterThan(1);
                g.stop();
            }
        }
        assertThat(demo.out()).contains("wrote " + gifs.size() + " GIFs");
    }

    @Test
    void rankJsonIsValidSortedAndInsideTheVideo() {
        Path video = demoDir.resolve("demo.mp4");
        Result r = run("rank", video.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) JsonTestParser.parse(r.out().trim());
        @SuppressWarnings("unchecked")
        Map<String, Object> v = (Map<String, Object>) json.get("video");
        assertThat(v).containsKeys("path", "durationSec", "fps", "frames", "width", "height");
        assertThat((Double) v.get("width")).isEqualTo(640.0);
        assertThat((Double) v.get("frames")).isEqualTo(SyntheticVideo.demo(640, 360, 25).frameCount());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> segs = (List<Map<String, Object>>) json.get("segments");
        assertThat(segs).isNotEmpty();
        double prev = Double.MAX_VALUE;
        for (int i = 0; i < segs.size(); i++) {
            Map<String, Object> s = segs.get(i);
            assertThat(s).containsKeys("rank", "startSec", "endSec", "startFrame", "endFrame", "score", "cues");
            assertThat((Double) s.get("rank")).isEqualTo(i + 1.0);
            assertThat((Double) s.get("score")).isLessThanOrEqualTo(prev);
            prev = (Double) s.get("score");
            assertThat((Double) s.get("startSec")).isGreaterThanOrEqualTo(0.0);
            assertThat((Double) s.get("endSec")).isLessThanOrEqualTo((Double) v.get("durationSec") + 1e-6);
        }
    }

    @Test
    void gifCommandWritesOneGifOfTheRequestedWidth(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("one.gif");
        Result r = run("gif", demoDir.resolve("demo.mp4").toString(), "--start", "1", "--end", "3", "-o",
                out.toString(), "--width", "200", "--fps", "8");
        assertThat(r.code()).as(r.err()).isZero();
        try (ImageInputStream in = ImageIO.createImageInputStream(out.toFile())) {
            ImageReader rd = ImageIO.getImageReadersByFormatName("gif").next();
            rd.setInput(in);
            assertThat(rd.getNumImages(true)).isEqualTo(16);
            assertThat(rd.getWidth(0)).isEqualTo(200);
        }
    }

    @Test
    void badInputsExitWithTwoAndOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.mp4"));
        Path text = Files.writeString(dir.resolve("notes.mp4"), "this is not a video\n".repeat(50));
        Path truncated = dir.resolve("truncated.mp4");
        byte[] whole = Files.readAllBytes(demoDir.resolve("demo.mp4"));
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        Path audio = audioOnly(dir.resolve("audio.m4a"));
        Path missing = dir.resolve("missing.mp4");
        for (Path bad : List.of(empty, text, truncated, audio, missing, dir)) {
            Result r = run("rank", bad.toString());
            assertThat(r.code()).as("%s: %s", bad, r.err()).isEqualTo(2);
            String[] lines = r.err().strip().split("\n");
            assertThat(lines).as(r.err()).hasSize(1);
            assertThat(lines[0]).startsWith("video2gif: ").contains(bad.getFileName().toString());
        }
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err"));
        }
    }

    @Test
    void providersListsEveryKindWithTheGpuBackendsAndWhyTheyCannotRun() {
        Result r = run("providers");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("train.device (video2gif.train.device):").contains("feature-extractor (");
        String training = r.out().substring(r.out().indexOf("train.device ("));
        assertThat(training).contains("  cuda ").contains("  cpu ");
        var gpu = io.github.video2gif.cuda.CudaProbe.availability(0);
        if (!gpu.available()) {
            assertThat(training).contains("[unavailable: ");
        }
    }

    @Test
    void usageMistakesExitWithTwo() {
        assertThat(run("frobnicate").code()).isEqualTo(2);
        assertThat(run("rank").code()).isEqualTo(2);
        assertThat(run("rank", "x.mp4", "--top", "zero").err()).contains("--top must be a whole number");
        assertThat(run("rank", "x.mp4", "--bogus").err()).contains("unknown option --bogus");
        assertThat(run("rank", "x.mp4", "--segmenter", "nope").err()).contains("Unknown segmenter \"nope\"");
        assertThat(run("gif", "x.mp4", "--start", "3", "--end", "1", "-o", "a.gif").code()).isEqualTo(2);
        assertThat(run("--help").code()).isZero();
    }

    @Test
    void anExistingGifSurvivesAFailedExport(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("keep.gif");
        Files.writeString(out, "precious");
        Result r = run("gif", dir.resolve("missing.mp4").toString(), "--start", "0", "--end", "1", "-o", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(Files.readString(out)).isEqualTo("precious");
    }

    static Path audioOnly(Path file) throws IOException {
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), 1)) {
            rec.setFormat("mp4");
            rec.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            rec.setSampleRate(44100);
            rec.setAudioChannels(1);
            rec.start();
            short[] samples = new short[44100];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) (8000 * Math.sin(i * 2 * Math.PI * 440 / 44100));
            }
            rec.recordSamples(44100, 1, ShortBuffer.wrap(samples));
            rec.stop();
        }
        Assumptions.assumeTrue(Files.size(file) > 0, "could not write an audio-only file");
        return file;
    }
}
