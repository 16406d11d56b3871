package io.github.video2gif.core.gif;

import io.github.video2gif.api.UnreadableGifException;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.core.gif.ImageIoGifs.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.github.video2gif.core.gif.ImageIoGifs.CLEAR;
import static io.github.video2gif.core.gif.ImageIoGifs.fill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GifReaderTest {
    private static final int RED = 0xFF0000;
    private static final int GREEN = 0x00FF00;
    private static final int BLUE = 0x0000FF;
    private static final int WHITE = 0xFFFFFF;

    @TempDir
    Path tmp;

    private static List<GifReader.Frame> readAll(byte[] gif) throws UnreadableGifException {
        return readAll(gif, GifReader.Limits.DEFAULT);
    }

    private static List<GifReader.Frame> readAll(byte[] gif, GifReader.Limits limits) throws UnreadableGifException {
        List<GifReader.Frame> frames = new ArrayList<>();
        try (GifReader r = GifReader.open(new ByteArrayInputStream(gif), "test.gif", limits)) {
            for (GifReader.Frame f = r.next(); f != null; f = r.next()) {
                frames.add(f);
            }
        }
        return frames;
    }

    @Test
    void compositesImageIoFramesWithEveryDisposalMethodAndTransparency() throws IOException {
        int w = 12;
        int h = 10;
        int[] patch = new int[4 * 3];
        for (int i = 0; i < patch.length; i++) {
            patch[i] = i % 3 == 0 ? CLEAR : BLUE;
        }
        List<Spec> frames = List.of(
                new Spec(0, 0, w, h, gradient(w, h), "doNotDispose", 10, false),
                new Spec(2, 3, 4, 3, patch, "restoreToBackgroundColor", 20, false),
                new Spec(5, 1, 3, 3, fill(3, 3, GREEN), "restoreToPrevious", 5, false),
                new Spec(0, 0, 2, 2, fill(4, 1, WHITE), "none", 7, false),
                new Spec(8, 6, 4, 4, new int[] {RED, CLEAR, RED, CLEAR, CLEAR, RED, CLEAR, RED,
                        RED, CLEAR, RED, CLEAR, CLEAR, RED, CLEAR, RED}, "doNotDispose", 0, false));
        byte[] gif = ImageIoGifs.write(w, h, frames);
        List<int[]> expected = ImageIoGifs.composites(w, h, frames);

        List<GifReader.Frame> got = readAll(gif);

        assertThat(got).hasSize(frames.size());
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).width()).isEqualTo(w);
            assertThat(got.get(i).height()).isEqualTo(h);
            assertThat(got.get(i).argb()).as("composite of frame %d", i).containsExactly(expected.get(i));
        }
        // Spot checks that a reader ignoring disposal would fail.
        assertThat(got.get(1).pixel(3, 3)).isEqualTo(0xFF000000 | BLUE);
        assertThat(got.get(2).pixel(3, 3)).as("disposal 2 cleared the patch").isZero();
        assertThat(got.get(2).pixel(6, 2)).isEqualTo(0xFF000000 | GREEN);
        assertThat(got.get(3).pixel(6, 2)).as("disposal 3 restored what was under the green square")
                .isEqualTo(got.get(1).pixel(6, 2));
        assertThat(got.get(4).pixel(9, 6)).as("transparent pixel keeps the canvas").isEqualTo(got.get(3).pixel(9, 6));
        // Delays and timestamps: 0 cs is shown for 0.1 s, like browsers.
        assertThat(got).extracting(GifReader.Frame::delayCentiseconds).containsExactly(10, 20, 5, 7, 0);
        assertThat(got).extracting(GifReader.Frame::delaySec).containsExactly(0.1, 0.2, 0.05, 0.07, 0.1);
        assertThat(got.get(4).timestampSec()).isCloseTo(0.42, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void readsInterlacedFramesAndLocalPalettesLikeImageIoReader() throws IOException {
        int w = 37;
        int h = 29;
        Random rnd = new Random(7);
        List<Spec> frames = new ArrayList<>();
        for (int f = 0; f < 4; f++) {
            int[] px = new int[w * h];
            int[] palette = new int[200];
            for (int i = 0; i < palette.length; i++) {
                palette[i] = rnd.nextInt(0x1000000);
            }
            for (int i = 0; i < px.length; i++) {
                px[i] = palette[rnd.nextInt(palette.length)];
            }
            frames.add(new Spec(0, 0, w, h, px, "none", 4, f % 2 == 1));
        }
        byte[] gif = ImageIoGifs.write(w, h, frames);

        List<GifReader.Frame> got = readAll(gif);

        List<BufferedImage> reference = imageIoFrames(gif);
        assertThat(got).hasSize(4);
        for (int f = 0; f < 4; f++) {
            int[] expect = reference.get(f).getRGB(0, 0, w, h, null, 0, w);
            assertThat(got.get(f).argb()).as("frame %d", f).containsExactly(expect);
        }
        assertThat(got.get(1).argb()).isNotEqualTo(got.get(0).argb());
    }

    @Test
    void decodesALargeNoisyFrameThatFillsTheLzwTable() throws IOException {
        int w = 160;
        int h = 120;
        Random rnd = new Random(1);
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = (rnd.nextInt(120) * 0x020202) ^ (rnd.nextBoolean() ? 0x100 : 0);
        }
        // Mix noise with flat runs so both long strings and table resets occur.
        for (int y = 40; y < 80; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = 0x123456;
            }
        }
        byte[] gif = ImageIoGifs.write(w, h, List.of(Spec.full(w, h, px, 3)));

        GifReader.Frame f = readAll(gif).get(0);

        for (int i = 0; i < px.length; i++) {
            if ((f.argb()[i] & 0xFFFFFF) != px[i] || (f.argb()[i] >>> 24) != 0xFF) {
                throw new AssertionError("pixel " + i + ": " + Integer.toHexString(f.argb()[i]) + " != "
                        + Integer.toHexString(px[i]));
            }
        }
    }

    @Test
    void keepsDecodingAtTwelveBitsWhenTheTableIsFullAndNeverCleared() throws IOException {
        int w = 100;
        int h = 60;
        int[] palette = new int[256];
        int[] idx = new int[w * h];
        Random rnd = new Random(3);
        for (int i = 0; i < palette.length; i++) {
            palette[i] = rnd.nextInt(0x1000000);
        }
        for (int i = 0; i < idx.length; i++) {
            idx[i] = rnd.nextInt(256);
        }
        byte[] gif = RawGif.header(w, h, palette)
                .image(0, 0, w, h, null, false, 8, RawGif.literalLzwNoClear(8, idx)).trailer().bytes();

        GifReader.Frame f = readAll(gif).get(0);

        for (int i = 0; i < idx.length; i++) {
            assertThat(f.argb()[i]).as("pixel %d", i).isEqualTo(0xFF000000 | palette[idx[i]]);
        }
    }

    @Test
    void readsAFileFromDiskAndReportsLoopAndSize() throws IOException {
        byte[] gif = ImageIoGifs.write(8, 6, List.of(Spec.full(8, 6, fill(8, 6, RED), 10),
                Spec.full(8, 6, fill(8, 6, GREEN), 10)));
        Path file = tmp.resolve("a.gif");
        Files.write(file, gif);
        try (GifReader r = GifReader.open(file)) {
            assertThat(r.width()).isEqualTo(8);
            assertThat(r.height()).isEqualTo(6);
            GifReader.Frame f0 = r.next();
            assertThat(r.loopCount()).isZero();
            VideoFrame vf = f0.toVideoFrame(0);
            assertThat(vf.rgb()).hasSize(8 * 6 * 3);
            assertThat(vf.rgb()[0]).isEqualTo((byte) 0xFF);
            assertThat(vf.rgb()[1]).isZero();
            assertThat(r.next().pixel(7, 5)).isEqualTo(0xFF000000 | GREEN);
            assertThat(r.next()).isNull();
            assertThat(r.next()).isNull();
            assertThat(r.framesRead()).isEqualTo(2);
        }
    }

    @Test
    void handCraftedFramesCompositeAsSpecified() throws IOException {
        int[] pal = {0x000000, RED, GREEN, BLUE};
        int[] interlacedRows = new int[3 * 10];
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 3; x++) {
                interlacedRows[y * 3 + x] = 1 + y % 3;
            }
        }
        byte[] gif = RawGif.header(4, 10, pal).loop(3).comment("hello")
                .gce(1, 0, -1).image(0, 0, 4, 10, null, false, fill(4, 10, 1))
                // Interlaced 3x10 frame with a local palette that swaps red and blue.
                .gce(0, 2, 0).image(1, 0, 3, 10, new int[] {0x000000, BLUE, GREEN, RED}, true, interlacedRows)
                // A frame sticking out of the canvas: only its visible part is drawn.
                .gce(0, 5, -1).image(3, 8, 5, 5, null, false, fill(5, 5, 2))
                .trailer().bytes();

        List<GifReader.Frame> got = readAll(gif);

        assertThat(got).hasSize(3);
        GifReader.Frame f1 = got.get(1);
        assertThat(f1.pixel(0, 0)).isEqualTo(0xFF000000 | RED);
        for (int y = 0; y < 10; y++) {
            int want = new int[] {BLUE, GREEN, RED}[y % 3];
            assertThat(f1.pixel(2, y)).as("row %d", y).isEqualTo(0xFF000000 | want);
        }
        assertThat(got.get(2).pixel(3, 9)).isEqualTo(0xFF000000 | GREEN);
        assertThat(got.get(2).pixel(2, 9)).isEqualTo(f1.pixel(2, 9));
        assertThat(got).extracting(GifReader.Frame::delaySec).containsExactly(0.1, 0.02, 0.05);
    }

    @Test
    void endsNormallyWithoutTrailerAndStopsAtTrailingGarbage() throws IOException {
        int[] pal = {0, RED};
        RawGif body = RawGif.header(2, 2, pal).image(0, 0, 2, 2, null, false, fill(2, 2, 1));
        assertThat(readAll(body.bytes())).hasSize(1);
        assertThat(readAll(body.raw(0x00, 0x13, 0x37).bytes())).hasSize(1);
    }

    @Test
    void stopsDecodingOnceAFrameIsFullAndSkipsTheRestOfItsData() throws IOException {
        int[] pal = {0, RED, GREEN, BLUE};
        int[] many = new int[200_000];
        java.util.Arrays.fill(many, 3);
        byte[] gif = RawGif.header(4, 4, pal).image(0, 0, 4, 4, null, false, many)
                .image(0, 0, 1, 1, null, false, new int[] {2}).trailer().bytes();

        List<GifReader.Frame> got = readAll(gif);

        assertThat(got).hasSize(2);
        assertThat(got.get(0).pixel(3, 3)).isEqualTo(0xFF000000 | BLUE);
        assertThat(got.get(1).pixel(0, 0)).isEqualTo(0xFF000000 | GREEN);
    }

    @Test
    void refusesAbsurdLogicalScreensBeforeAllocating() {
        byte[] gif = RawGif.header(65535, 65535, new int[] {0, RED}).bytes();
        assertThatThrownBy(() -> readAll(gif)).isInstanceOf(GifLimitException.class)
                .hasMessageContaining("65535x65535").hasMessageContaining("test.gif");
    }

    @Test
    void refusesAFrameLargerThanTheLimitEvenOnASmallCanvas() {
        byte[] gif = RawGif.header(10, 10, new int[] {0, RED})
                .image(0, 0, 65535, 65535, null, false, 2, RawGif.codes(3, 4, 5)).trailer().bytes();
        assertThatThrownBy(() -> readAll(gif)).isInstanceOf(GifLimitException.class)
                .hasMessageContaining("frame 0 is 65535x65535");
    }

    @Test
    void refusesTooManyFrames() {
        RawGif g = RawGif.header(2, 2, new int[] {0, RED});
        for (int i = 0; i < 6; i++) {
            g.image(0, 0, 2, 2, null, false, fill(2, 2, 1));
        }
        byte[] gif = g.trailer().bytes();
        assertThatThrownBy(() -> readAll(gif, new GifReader.Limits(1 << 20, 5, 1L << 40)))
                .isInstanceOf(GifLimitException.class).hasMessageContaining("more than 5 frames");
    }

    @Test
    void budgetsDecodedPixelsAgainstTinyFilesThatExpandHugely() throws IOException {
        // Each frame is 9 bytes of data declaring a 2000x2000 image: a few hundred bytes ask for gigapixels.
        RawGif g = RawGif.header(2000, 2000, new int[] {0, RED});
        for (int i = 0; i < 200; i++) {
            g.image(0, 0, 2000, 2000, null, false, 2, RawGif.codes(3, 4, 5));
        }
        byte[] gif = g.trailer().bytes();
        assertThat(gif.length).isLessThan(4000);
        assertThatThrownBy(() -> readAll(gif, new GifReader.Limits(4_000_000, 10_000, 40_000_000)))
                .isInstanceOf(GifLimitException.class).hasMessageContaining("budget");
    }

    @Test
    void aRealLzwBombIsStoppedByTheCanvasLimit() throws IOException {
        int n = 1500;
        byte[] gif = ImageIoGifs.write(n, n, List.of(Spec.full(n, n, fill(n, n, RED), 0)));
        assertThat(gif.length).as("highly compressed").isLessThan(n * n / 50);
        assertThatThrownBy(() -> readAll(gif, new GifReader.Limits(1_000_000, 100, 1L << 40)))
                .isInstanceOf(GifLimitException.class);
        assertThat(readAll(gif).get(0).pixel(n - 1, n - 1)).isEqualTo(0xFF000000 | RED);
    }

    @Test
    void reportsTruncationWithTheOffset() throws IOException {
        byte[] whole = ImageIoGifs.write(20, 20, List.of(Spec.full(20, 20, gradient(20, 20), 5),
                Spec.full(20, 20, fill(20, 20, GREEN), 5)));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 10);
        List<GifReader.Frame> got = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (GifReader r = GifReader.open(new ByteArrayInputStream(cut), "cut.gif", GifReader.Limits.DEFAULT)) {
                for (GifReader.Frame f = r.next(); f != null; f = r.next()) {
                    got.add(f);
                }
            }
        }).isInstanceOf(TruncatedGifException.class).hasMessageContaining("cut.gif")
                .hasMessageContaining("ends at byte " + cut.length).hasMessageContaining("after 1 complete frames");
        assertThat(got).hasSize(1);
    }

    @Test
    void everyPrefixAndRandomDamageGivesAFrameListOrAGifError() throws IOException {
        int w = 23;
        int h = 17;
        List<Spec> frames = List.of(
                new Spec(0, 0, w, h, gradient(w, h), "doNotDispose", 10, false),
                new Spec(3, 2, 5, 4, fill(5, 4, CLEAR), "restoreToPrevious", 10, true),
                new Spec(1, 1, 8, 8, gradient(8, 8), "restoreToBackgroundColor", 10, false));
        byte[] whole = ImageIoGifs.write(w, h, frames);
        for (int len = 0; len < whole.length; len++) {
            assertReadsOrFailsCleanly(java.util.Arrays.copyOf(whole, len));
        }
        Random rnd = new Random(42);
        for (int trial = 0; trial < 2000; trial++) {
            byte[] damaged = whole.clone();
            int flips = 1 + rnd.nextInt(4);
            for (int i = 0; i < flips; i++) {
                damaged[rnd.nextInt(damaged.length)] = (byte) rnd.nextInt(256);
            }
            assertReadsOrFailsCleanly(damaged);
        }
    }

    private static void assertReadsOrFailsCleanly(byte[] gif) {
        try {
            readAll(gif, new GifReader.Limits(1 << 22, 1000, 1L << 26));
        } catch (UnreadableGifException e) {
            assertThat(e.getMessage()).contains("test.gif");
        } catch (Throwable t) {
            throw new AssertionError("unexpected " + t + " for a " + gif.length + "-byte input", t);
        }
    }

    @Test
    void rejectsCorruptLzwCodes() {
        int[] pal = {0, RED, GREEN, BLUE};
        // Clear, literal 1, then code 9 although only code 6 would be next.
        byte[] gif = RawGif.header(4, 4, pal).image(0, 0, 4, 4, null, false, 2, RawGif.codes(3, 4, 1, 7))
                .trailer().bytes();
        assertThatThrownBy(() -> readAll(gif)).isInstanceOf(UnreadableGifException.class)
                .hasMessageContaining("LZW code 7").hasMessageContaining("only 6 codes");
    }

    @Test
    void rejectsNonGifsEmptyFilesMissingFilesAndImagelessFiles() throws IOException {
        assertThatThrownBy(() -> readAll("\u0089PNG\r\n\u001a\n....".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
                .isInstanceOf(UnreadableGifException.class).hasMessageContaining("89 50 4e 47");
        assertThatThrownBy(() -> readAll(new byte[0])).isInstanceOf(UnreadableGifException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> GifReader.open(tmp.resolve("missing.gif")))
                .isInstanceOf(UnreadableGifException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> GifReader.open(tmp)).isInstanceOf(UnreadableGifException.class)
                .hasMessageContaining("directory");
        assertThatThrownBy(() -> readAll(RawGif.header(4, 4, new int[] {0, 1}).trailer().bytes()))
                .isInstanceOf(UnreadableGifException.class).hasMessageContaining("no image");
        assertThatThrownBy(() -> readAll(RawGif.header(4, 4, null)
                .image(0, 0, 2, 2, null, false, new int[] {1, 1, 1, 1}).trailer().bytes()))
                .isInstanceOf(UnreadableGifException.class).hasMessageContaining("colour table");
    }

    private static int[] gradient(int w, int h) {
        int[] p = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // At most 8 x 8 x 2 colours, so it fits one palette.
                p[y * w + x] = ((x * 7 / Math.max(1, w - 1)) * 36 << 16) | ((y * 7 / Math.max(1, h - 1)) * 36 << 8)
                        | ((x + y) % 2 == 0 ? 0x40 : 0xC0);
            }
        }
        return p;
    }

    private static List<BufferedImage> imageIoFrames(byte[] gif) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        List<BufferedImage> out = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
            reader.setInput(in);
            int n = reader.getNumImages(true);
            for (int i = 0; i < n; i++) {
                out.add(reader.read(i));
            }
        } finally {
            reader.dispose();
        }
        return out;
    }
}
