package io.github.video2gif.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.video2gif.api.DecodeOptions;
import io.github.video2gif.api.FrameFormat;
import io.github.video2gif.api.FrameStream;
import io.github.video2gif.api.GifOptions;
import io.github.video2gif.api.GifWriter;
import io.github.video2gif.api.OutputException;
import io.github.video2gif.api.VideoFrame;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegGifEncoderTest {
    @TempDir
    Path dir;

    private final FfmpegGifEncoder encoder = new FfmpegGifEncoder();

    private static VideoFrame frame(int w, int h, int i) {
        return new VideoFrame(i, i / 10.0, w, h, TestClips.picture(w, h, i));
    }

    private Path write(String name, int w, int h, GifOptions options, int frames, double duration) throws IOException {
        Path gif = dir.resolve(name);
        try (GifWriter writer = encoder.open(gif, w, h, options)) {
            for (int i = 0; i < frames; i++) {
                writer.add(frame(w, h, i), duration);
            }
            writer.finish();
        }
        return gif;
    }

    @Test
    void writesAGifThatImageIoAndFfmpegRead() throws Exception {
        Path gif = write("a.gif", 160, 90, new GifOptions(0, 10, 0, 256), 25, 0.1);
        GifFile file = GifFile.read(gif);
        assertThat(file.width()).isEqualTo(160);
        assertThat(file.height()).isEqualTo(90);
        assertThat(file.frames()).isEqualTo(25);
        assertThat(file.delaysCentis()).containsOnly(10);
        assertThat(file.loopCount()).isZero(); // NETSCAPE2.0 present, loop forever
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(gif.toFile())) {
            grabber.start();
            int n = 0;
            while (grabber.grabImage() != null) {
                n++;
            }
            assertThat(n).isEqualTo(25);
            assertThat(grabber.getImageWidth()).isEqualTo(160);
        }
    }

    @Test
    void aDecodedClipBecomesAGifOfTheRequestedWidthAndRate() throws IOException {
        Path clip = TestClips.constantRate(dir.resolve("clip.mp4"), 320, 180, 24, 48);
        FfmpegVideoDecoder decoder = new FfmpegVideoDecoder();
        GifOptions options = GifOptions.DEFAULT.withWidth(200); // 10 fps, loop forever
        Path gif = dir.resolve("clip.gif");
        try (FrameStream s = decoder.open(clip, DecodeOptions.whole(FrameFormat.original()));
             GifWriter writer = encoder.open(gif, 320, 180, options)) {
            VideoFrame f;
            while ((f = s.next()) != null) {
                writer.add(f, 1 / 24.0);
            }
            writer.finish();
        }
        GifFile file = GifFile.read(gif);
        assertThat(file.width()).isEqualTo(200);
        assertThat(file.height()).isEqualTo(112); // 200 * 180 / 320 = 112.5, rounded to even
        assertThat(file.frames()).isEqualTo(20); // 2 s at 10 fps
        assertThat(file.totalCentis()).isEqualTo(200);
        assertThat(decodeCount(decoder, gif)).isEqualTo(20);
    }

    @Test
    void delaysCarryTheirRoundingSoTheTotalNeverDrifts() throws IOException {
        GifFile thirty = GifFile.read(write("30.gif", 64, 36, new GifOptions(0, 30, 0, 256), 30, 1 / 30.0));
        assertThat(thirty.frames()).isEqualTo(30);
        assertThat(thirty.delaysCentis()).containsOnly(3, 4);
        assertThat(thirty.totalCentis()).isEqualTo(100);

        GifFile fifteen = GifFile.read(write("15.gif", 64, 36, new GifOptions(0, 15, 0, 256), 45, 1 / 15.0));
        assertThat(fifteen.delaysCentis()).containsOnly(6, 7);
        assertThat(fifteen.totalCentis()).isEqualTo(300);
    }

    @Test
    void slowFramesAreShownLongerFastFramesDropped() throws IOException {
        // 5 frames of 0.35 s at 10 fps: each covers 3 or 4 slots, 1.75 s in all = 18 slots (0.0 .. 1.7).
        GifFile slow = GifFile.read(write("slow.gif", 64, 36, new GifOptions(0, 10, 0, 256), 5, 0.35));
        assertThat(slow.frames()).isEqualTo(5);
        assertThat(slow.delaysCentis()).containsExactly(40, 30, 40, 30, 40);
        // 50 frames of 0.02 s at 10 fps: every fifth frame survives.
        GifFile fast = GifFile.read(write("fast.gif", 64, 36, new GifOptions(0, 10, 0, 256), 50, 0.02));
        assertThat(fast.frames()).isEqualTo(10);
        assertThat(fast.totalCentis()).isEqualTo(100);
    }

    @Test
    void loopCountIsWrittenOrLeftOut() throws IOException {
        assertThat(GifFile.read(write("l3.gif", 32, 18, new GifOptions(0, 10, 3, 256), 3, 0.1)).loopCount())
                .isEqualTo(3);
        assertThat(GifFile.read(write("once.gif", 32, 18, new GifOptions(0, 10, -1, 256), 3, 0.1)).loopCount())
                .isNull();
    }

    @Test
    void maxColorsBoundsThePalette() throws IOException {
        Path gif = write("16.gif", 96, 54, new GifOptions(0, 10, 0, 16), 2, 0.1);
        BufferedImage first = ImageIO.read(gif.toFile());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < first.getHeight(); y++) {
            for (int x = 0; x < first.getWidth(); x++) {
                colours.add(first.getRGB(x, y));
            }
        }
        assertThat(colours.size()).isBetween(2, 16);
    }

    @Test
    void anUnfinishedGifLeavesTheExistingTargetUntouchedAndNoTemporaryFile() throws IOException {
        Path target = Files.writeString(dir.resolve("keep.gif"), "the old file");
        try (GifWriter writer = encoder.open(target, 64, 36, GifOptions.DEFAULT)) {
            writer.add(frame(64, 36, 0), 0.1);
            writer.add(frame(64, 36, 1), 0.1);
            // no finish(): an error elsewhere, for example
        }
        assertThat(Files.readString(target)).isEqualTo("the old file");
        assertThat(listDir()).containsExactly("keep.gif");
    }

    @Test
    void finishReplacesTheTargetWhole() throws IOException {
        Path target = Files.writeString(dir.resolve("replace.gif"), "the old file");
        write("replace.gif", 64, 36, GifOptions.DEFAULT.withWidth(0), 4, 0.1);
        assertThat(GifFile.read(target).frames()).isEqualTo(4);
        assertThat(listDir()).containsExactly("replace.gif");
    }

    @Test
    void unwritableTargetsAreOutputErrors() throws IOException {
        assertThatThrownBy(() -> encoder.open(dir.resolve("no/such/dir/a.gif"), 64, 36, GifOptions.DEFAULT))
                .isInstanceOf(OutputException.class).hasMessageContaining("does not exist");
        Path folder = Files.createDirectory(dir.resolve("folder.gif"));
        assertThatThrownBy(() -> encoder.open(folder, 64, 36, GifOptions.DEFAULT))
                .isInstanceOf(OutputException.class).hasMessageContaining("is a directory");
    }

    @Test
    void callerMistakesAreRejectedEagerly() throws IOException {
        try (GifWriter writer = encoder.open(dir.resolve("x.gif"), 64, 36, GifOptions.DEFAULT)) {
            assertThatThrownBy(() -> writer.add(frame(32, 18, 0), 0.1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> writer.add(frame(64, 36, 0), 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> writer.add(frame(64, 36, 0), Double.NaN))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class);
        }
        assertThat(listDir()).isEmpty();
    }

    private List<String> listDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static int decodeCount(FfmpegVideoDecoder decoder, Path file) throws IOException {
        return FfmpegVideoDecoderTest.decodeAll(decoder, file, DecodeOptions.whole(FrameFormat.original())).size();
    }
}
