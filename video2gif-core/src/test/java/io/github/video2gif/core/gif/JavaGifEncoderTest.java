package io.github.video2gif.core.gif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.video2gif.api.GifOptions;
import io.github.video2gif.api.GifWriter;
import io.github.video2gif.api.OutputException;
import io.github.video2gif.api.Progress;
import io.github.video2gif.api.VideoFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaGifEncoderTest {
    @TempDir
    Path dir;

    private static final GifOptions OPTIONS = new GifOptions(0, 10, 0, 256);

    private static Path write(JavaGifEncoder encoder, Path target, List<VideoFrame> frames, double seconds,
                              GifOptions options) throws IOException {
        VideoFrame f0 = frames.get(0);
        try (GifWriter w = encoder.open(target, f0.width(), f0.height(), options)) {
            for (VideoFrame f : frames) {
                w.add(f, seconds);
            }
            w.finish();
        }
        return target;
    }

    private static byte[] solid(int w, int h, int rgb) {
        byte[] b = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            b[i * 3] = (byte) (rgb >> 16);
            b[i * 3 + 1] = (byte) (rgb >> 8);
            b[i * 3 + 2] = (byte) rgb;
        }
        return b;
    }

    @Test
    void imageIoReadsEveryFrameWithItsDelayDisposalAndTheLoop() throws IOException {
        List<VideoFrame> frames = SyntheticClips.render(SyntheticClips.Scene.SPRITES, 96, 64, 12, 30, 1);
        Path gif = write(new JavaGifEncoder(), dir.resolve("a.gif"), frames, 1.0 / 30, OPTIONS);
        GifTestReader r = GifTestReader.read(gif);
        assertThat(r.width).isEqualTo(96);
        assertThat(r.height).isEqualTo(64);
        assertThat(r.frames).hasSize(12);
        assertThat(r.frames.stream().map(GifTestReader.Frame::delayCs))
                .containsExactly(3, 4, 3, 3, 4, 3, 3, 4, 3, 3, 4, 3);
        assertThat(r.frames).allSatisfy(f -> assertThat(f.disposal()).isEqualTo("doNotDispose"));
        assertThat(r.loopCount).isZero();
        // the first frame covers the screen; later ones are cropped to what changed
        assertThat(r.frames.get(0).width() * r.frames.get(0).height()).isEqualTo(96 * 64);
        for (int i = 0; i < 12; i++) {
            assertThat(Ssim.luma(frames.get(i).rgb(), r.rgb(i), 96, 64)).as("frame %d", i).isGreaterThan(0.95);
        }
    }

    @Test
    void fewColourClipsComeBackPixelForPixel() throws IOException {
        List<VideoFrame> frames = SyntheticClips.render(SyntheticClips.Scene.FLAT, 160, 100, 20, 10, 4);
        Path gif = write(new JavaGifEncoder(), dir.resolve("flat.gif"), frames, 0.1, OPTIONS);
        GifTestReader r = GifTestReader.read(gif);
        assertThat(r.frames).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(r.rgb(i)).as("frame %d", i).isEqualTo(frames.get(i).rgb());
        }
        // inter-frame optimisation: the later frames are small rectangles
        assertThat(r.frames.subList(1, 20)).anySatisfy(f -> assertThat(f.width() * f.height()).isLessThan(160 * 100 / 4));
        assertThat(r.frames.subList(1, 20)).allSatisfy(f -> assertThat(f.transparentIndex()).isNotNegative());
    }

    @Test
    void everyDitherAndLossyLevelDecodesToTheSameFrameCount() throws IOException {
        List<VideoFrame> frames = SyntheticClips.render(SyntheticClips.Scene.PAN, 80, 48, 6, 10, 2);
        for (DitherMethod d : DitherMethod.values()) {
            for (int lossy : new int[] {0, 80}) {
                JavaGifSettings s = JavaGifSettings.DEFAULT.withDither(d).withLossy(lossy);
                Path gif = write(new JavaGifEncoder(s), dir.resolve(d + "-" + lossy + ".gif"), frames, 0.1, OPTIONS);
                GifTestReader r = GifTestReader.read(gif);
                assertThat(r.frames).as("%s lossy %d", d, lossy).hasSize(6);
                for (int i = 0; i < 6; i++) {
                    assertThat(Ssim.luma(frames.get(i).rgb(), r.rgb(i), 80, 48)).isGreaterThan(0.8);
                }
            }
        }
    }

    @Test
    void noisyScenesAreSmallerAndNoPixelStraysBeyondTheTolerances() throws IOException {
        // 320x160: large enough for two row strips; sensor noise makes LZW take well over 4 bits a pixel
        List<VideoFrame> frames = SyntheticClips.render(SyntheticClips.Scene.NOISY, 320, 160, 6, 10, 3);
        JavaGifSettings exact = JavaGifSettings.DEFAULT.withLossyMse(0).withStillThreshold(0);
        Path reference = write(new JavaGifEncoder(exact), dir.resolve("exact.gif"), frames, 0.1, OPTIONS);
        Path plain = write(new JavaGifEncoder(JavaGifSettings.DEFAULT.withLossyMse(0)), dir.resolve("plain.gif"),
                frames, 0.1, OPTIONS);
        Path lossy = write(new JavaGifEncoder(JavaGifSettings.DEFAULT.withThreads(2)), dir.resolve("default.gif"),
                frames, 0.1, OPTIONS);
        assertThat(Files.size(lossy)).as("the squared-error tolerance pays on noise")
                .isLessThan(Files.size(plain) * 85 / 100);
        GifTestReader mapped = GifTestReader.read(reference);
        GifTestReader shown = GifTestReader.read(lossy);
        assertThat(shown.frames).hasSize(6);
        int mse = JavaGifSettings.DEFAULT_LOSSY_MSE;
        int still = JavaGifSettings.DEFAULT_STILL_THRESHOLD;
        for (int i = 0; i < 6; i++) {
            byte[] src = frames.get(i).rgb();
            byte[] m = mapped.rgb(i);
            byte[] d = shown.rgb(i);
            for (int p = 0; p < 320 * 160; p++) {
                int s = rgb(src, p);
                int want = rgb(m, p);
                int got = rgb(d, p);
                // within the squared-error tolerance of the mapped colour's error, or (left from an earlier frame)
                // within the still threshold: measured against this frame's source, so nothing accumulates
                boolean near = LzwEncoder.sq(s, got) <= LzwEncoder.sq(s, want) + mse
                        || LzwEncoder.distance(s, got) <= LzwEncoder.distance(s, want) + still;
                assertThat(near).as("frame %d pixel %d: source %06x mapped %06x shown %06x", i, p, s, want, got)
                        .isTrue();
            }
            assertThat(Ssim.rgb(src, d, 320, 160)).isGreaterThan(Ssim.rgb(src, m, 320, 160) - 0.01);
        }
        // the strips do not depend on the number of threads
        Path oneThread = write(new JavaGifEncoder(JavaGifSettings.DEFAULT.withThreads(1)), dir.resolve("one.gif"),
                frames, 0.1, OPTIONS);
        assertThat(Files.readAllBytes(oneThread)).isEqualTo(Files.readAllBytes(lossy));
    }

    @Test
    void cleanScenesAreNotTouchedByTheSquaredErrorTolerance() throws IOException {
        // LZW compresses these well: the search would buy little, so they are coded exactly as without it
        for (SyntheticClips.Scene scene : new SyntheticClips.Scene[] {SyntheticClips.Scene.SPRITES,
            SyntheticClips.Scene.FLAT}) {
            List<VideoFrame> frames = SyntheticClips.render(scene, 120, 80, 8, 10, 5);
            byte[] with = Files.readAllBytes(write(new JavaGifEncoder(), dir.resolve(scene + "-a.gif"), frames, 0.1,
                    OPTIONS));
            byte[] without = Files.readAllBytes(write(new JavaGifEncoder(JavaGifSettings.DEFAULT.withLossyMse(0)),
                    dir.resolve(scene + "-b.gif"), frames, 0.1, OPTIONS));
            assertThat(with).as("%s", scene).isEqualTo(without);
        }
    }

    private static int rgb(byte[] b, int p) {
        return (b[p * 3] & 0xFF) << 16 | (b[p * 3 + 1] & 0xFF) << 8 | (b[p * 3 + 2] & 0xFF);
    }

    /** Frames of two scenes with nothing in common: warm gradients, then cold ones, slowly moving. */
    private static List<VideoFrame> twoScenes(int w, int h, int frames) {
        List<VideoFrame> out = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            boolean warm = f < frames / 2;
            byte[] rgb = new byte[w * h * 3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = (y * w + x) * 3;
                    int u = (x + f) * 255 / (w + frames);
                    int v = y * 255 / h;
                    rgb[i] = (byte) (warm ? 128 + u / 2 : v / 4);
                    rgb[i + 1] = (byte) (warm ? v / 2 : 64 + u / 2);
                    rgb[i + 2] = (byte) (warm ? (u + v) / 8 : 128 + v / 2);
                }
            }
            out.add(new VideoFrame(f, f / 10.0, w, h, rgb));
        }
        return out;
    }

    @Test
    void aSceneTheGlobalPaletteServesBadlyGetsItsOwnPalette() throws IOException {
        List<VideoFrame> frames = twoScenes(96, 64, 12);
        GifOptions few = new GifOptions(0, 10, 0, 32);
        GifTestReader r = GifTestReader.read(write(new JavaGifEncoder(), dir.resolve("two.gif"), frames, 0.1, few));
        assertThat(r.frames).hasSize(12);
        assertThat(r.frames.subList(0, 6)).noneMatch(GifTestReader.Frame::localColorTable);
        assertThat(r.frames.subList(6, 12)).allMatch(GifTestReader.Frame::localColorTable);
        // the palette switch redraws the whole frame
        assertThat(r.frames.get(6).width() * r.frames.get(6).height()).isEqualTo(96 * 64);
        GifTestReader global = GifTestReader.read(write(new JavaGifEncoder(JavaGifSettings.DEFAULT
                .withLocalPalettes(false)), dir.resolve("two-global.gif"), frames, 0.1, few));
        assertThat(global.frames).noneMatch(GifTestReader.Frame::localColorTable);
        double withLocal = 0;
        double globalOnly = 0;
        for (int i = 0; i < 12; i++) {
            withLocal += Ssim.rgb(frames.get(i).rgb(), r.rgb(i), 96, 64) / 12;
            globalOnly += Ssim.rgb(frames.get(i).rgb(), global.rgb(i), 96, 64) / 12;
        }
        assertThat(withLocal).isGreaterThan(globalOnly + 0.01);
        // one scene: no local tables
        List<VideoFrame> one = SyntheticClips.render(SyntheticClips.Scene.PAN, 96, 64, 8, 10, 1);
        assertThat(GifTestReader.read(write(new JavaGifEncoder(), dir.resolve("one.gif"), one, 0.1, few)).frames)
                .noneMatch(GifTestReader.Frame::localColorTable);
    }

    @Test
    void identicalFramesMergeIntoOneLongerFrame() throws IOException {
        byte[] red = solid(20, 20, 0xFF0000);
        byte[] blue = solid(20, 20, 0x0000FF);
        List<VideoFrame> frames = List.of(new VideoFrame(0, 0, 20, 20, red), new VideoFrame(1, 0.1, 20, 20, red),
                new VideoFrame(2, 0.2, 20, 20, red), new VideoFrame(3, 0.3, 20, 20, blue));
        GifTestReader r = GifTestReader.read(write(new JavaGifEncoder(), dir.resolve("m.gif"), frames, 0.1, OPTIONS));
        assertThat(r.frames.stream().map(GifTestReader.Frame::delayCs)).containsExactly(30, 10);
        assertThat(r.frames.get(1).canvas()[0]).isEqualTo(0x0000FF);
    }

    @Test
    void framesTooShortForBrowsersMergeWithoutLosingTime() throws IOException {
        List<VideoFrame> frames = SyntheticClips.render(SyntheticClips.Scene.SPRITES, 40, 30, 30, 100, 3);
        GifTestReader r = GifTestReader.read(write(new JavaGifEncoder(), dir.resolve("s.gif"), frames, 1.0 / 150,
                OPTIONS));
        // 30 frames of 1/150 s = 20 cs: no delay below 2 cs, the total kept exactly
        assertThat(r.frames).allSatisfy(f -> assertThat(f.delayCs()).isGreaterThanOrEqualTo(2));
        assertThat(r.frames.stream().mapToInt(GifTestReader.Frame::delayCs).sum()).isEqualTo(20);
    }

    @Test
    void loopCountsAndPlayOnce() throws IOException {
        List<VideoFrame> frames = SyntheticClips.render(SyntheticClips.Scene.FLAT, 32, 24, 3, 10, 1);
        assertThat(GifTestReader.read(write(new JavaGifEncoder(), dir.resolve("l3.gif"), frames, 0.1,
                new GifOptions(0, 10, 3, 256))).loopCount).isEqualTo(3);
        assertThat(GifTestReader.read(write(new JavaGifEncoder(), dir.resolve("once.gif"), frames, 0.1,
                new GifOptions(0, 10, -1, 256))).loopCount).isEqualTo(-1);
    }

    @Test
    void paletteLimitIsHonoured() throws IOException {
        List<VideoFrame> frames = SyntheticClips.render(SyntheticClips.Scene.PAN, 64, 48, 4, 10, 1);
        Path gif = write(new JavaGifEncoder(), dir.resolve("p.gif"), frames, 0.1, new GifOptions(0, 10, 0, 16));
        GifTestReader r = GifTestReader.read(gif);
        for (int i = 0; i < r.frames.size(); i++) {
            assertThat(java.util.Arrays.stream(r.frames.get(i).canvas()).distinct().count()).isLessThanOrEqualTo(16);
        }
        byte[] bytes = Files.readAllBytes(gif);
        // global colour table of 32 entries (16 colours, a transparent slot, padding): size bits 4
        assertThat(bytes[10] & 7).isEqualTo(4);
    }

    @Test
    void closeWithoutFinishLeavesAnExistingFileAndNoLitter() throws IOException {
        Path target = dir.resolve("keep.gif");
        Files.writeString(target, "previous");
        List<VideoFrame> frames = SyntheticClips.render(SyntheticClips.Scene.SPRITES, 40, 30, 4, 10, 1);
        try (GifWriter w = new JavaGifEncoder(JavaGifSettings.DEFAULT.withMemoryBudgetBytes(0)).open(target, 40, 30,
                OPTIONS)) {
            for (VideoFrame f : frames) {
                w.add(f, 0.1);
            }
        }
        assertThat(Files.readString(target)).isEqualTo("previous");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
        // finishing replaces it in one move
        write(new JavaGifEncoder(), target, frames, 0.1, OPTIONS);
        assertThat(GifTestReader.read(target).frames).hasSize(4);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void spillingFramesToDiskAndThreadCountDoNotChangeTheFile() throws IOException {
        List<VideoFrame> frames = SyntheticClips.render(SyntheticClips.Scene.SPRITES, 64, 40, 15, 10, 8);
        byte[] memory = Files.readAllBytes(write(new JavaGifEncoder(JavaGifSettings.DEFAULT.withThreads(1)),
                dir.resolve("a.gif"), frames, 0.1, OPTIONS));
        byte[] spilled = Files.readAllBytes(write(new JavaGifEncoder(JavaGifSettings.DEFAULT.withThreads(3)
                .withMemoryBudgetBytes(64 * 40 * 3 * 4)), dir.resolve("b.gif"), frames, 0.1, OPTIONS));
        assertThat(spilled).isEqualTo(memory);
        JavaGifSettings blue = JavaGifSettings.DEFAULT.withDither(DitherMethod.BLUE_NOISE);
        assertThat(Files.readAllBytes(write(new JavaGifEncoder(blue.withThreads(1)), dir.resolve("c.gif"), frames, 0.1,
                OPTIONS))).isEqualTo(Files.readAllBytes(write(new JavaGifEncoder(blue.withThreads(4)),
                dir.resolve("d.gif"), frames, 0.1, OPTIONS)));
    }

    @Test
    void reportsProgressPerFrame() throws IOException {
        List<Progress> seen = new ArrayList<>();
        List<VideoFrame> frames = SyntheticClips.render(SyntheticClips.Scene.SPRITES, 32, 24, 5, 10, 1);
        write(new JavaGifEncoder(JavaGifSettings.DEFAULT, seen::add), dir.resolve("p.gif"), frames, 0.1, OPTIONS);
        assertThat(seen).hasSize(5);
        assertThat(seen.get(4).fraction()).isEqualTo(1.0);
        assertThat(seen.get(0).task()).isEqualTo("gif");
    }

    @Test
    void callerMistakesAndBadTargetsFailClearly() throws IOException {
        JavaGifEncoder enc = new JavaGifEncoder();
        assertThatThrownBy(() -> enc.open(dir.resolve("missing/x.gif"), 10, 10, OPTIONS))
                .isInstanceOf(OutputException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> enc.open(dir, 10, 10, OPTIONS)).isInstanceOf(OutputException.class)
                .hasMessageContaining("is a directory");
        assertThatThrownBy(() -> enc.open(dir.resolve("x.gif"), 0, 10, OPTIONS))
                .isInstanceOf(IllegalArgumentException.class);
        try (GifWriter w = enc.open(dir.resolve("x.gif"), 10, 10, OPTIONS)) {
            assertThatThrownBy(() -> w.add(new VideoFrame(0, 0, 12, 10, new byte[360]), 0.1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12x10");
            assertThatThrownBy(() -> w.add(new VideoFrame(0, 0, 10, 10, new byte[300]), 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration");
            assertThatThrownBy(w::finish).isInstanceOf(IllegalStateException.class).hasMessageContaining("no frames");
        }
        assertThat(dir.resolve("x.gif")).doesNotExist();
    }
}
