package io.github.video2gif.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.video2gif.api.GifOptions;
import io.github.video2gif.api.GifWriter;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.core.gif.DitherMethod;
import io.github.video2gif.core.gif.JavaGifEncoder;
import io.github.video2gif.core.gif.JavaGifSettings;
import io.github.video2gif.core.gif.Ssim;
import io.github.video2gif.core.gif.SyntheticClips;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FFmpeg and ImageIO read the pure-Java encoder's GIFs alike; the FFmpeg baseline of the benchmark works. */
class GifDecodersTest {
    @TempDir
    Path dir;

    private static int ffmpegFrameCount(Path gif) throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(gif.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            g.start();
            int n = 0;
            Frame f;
            while ((f = g.grabImage()) != null) {
                assertThat(f.imageWidth).isEqualTo(120);
                n++;
            }
            return n;
        }
    }

    @Test
    void ffmpegReadsAsManyFramesAsImageIo() throws Exception {
        for (SyntheticClips.Scene scene : SyntheticClips.Scene.values()) {
            List<VideoFrame> frames = SyntheticClips.render(scene, 120, 68, 15, 10, 3);
            for (DitherMethod d : new DitherMethod[] {DitherMethod.NONE, DitherMethod.BLUE_NOISE}) {
                Path gif = dir.resolve(scene + "-" + d + ".gif");
                JavaGifEncoder enc = new JavaGifEncoder(JavaGifSettings.DEFAULT.withDither(d).withLossy(40));
                try (GifWriter w = enc.open(gif, 120, 68, GifOptions.DEFAULT)) {
                    for (VideoFrame f : frames) {
                        w.add(f, 0.1);
                    }
                    w.finish();
                }
                GifFrames imageIo = GifFrames.read(gif);
                assertThat(ffmpegFrameCount(gif)).as("%s %s", scene, d).isEqualTo(imageIo.frames().size());
                assertThat(imageIo.durationCs()).isEqualTo(150);
            }
        }
    }

    @Test
    void ffmpegShowsTheSamePixelsAsImageIoForNoiseCodedInStrips() throws Exception {
        // 320x160 sensor noise: the default settings code it with the lossy search, each frame in two row strips
        // joined into one code stream
        List<VideoFrame> frames = SyntheticClips.render(SyntheticClips.Scene.NOISY, 320, 160, 5, 10, 3);
        Path gif = dir.resolve("noisy.gif");
        try (GifWriter w = new JavaGifEncoder().open(gif, 320, 160, GifOptions.DEFAULT)) {
            for (VideoFrame f : frames) {
                w.add(f, 0.1);
            }
            w.finish();
        }
        GifFrames imageIo = GifFrames.read(gif);
        assertThat(imageIo.frames()).hasSize(5);
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(gif.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            g.start();
            for (int i = 0; i < 5; i++) {
                Frame f = g.grabImage();
                assertThat(f).as("frame %d", i).isNotNull();
                java.nio.ByteBuffer buf = (java.nio.ByteBuffer) f.image[0];
                byte[] rgb = new byte[320 * 160 * 3];
                for (int y = 0; y < 160; y++) {
                    buf.position(y * f.imageStride);
                    buf.get(rgb, y * 320 * 3, 320 * 3);
                }
                assertThat(rgb).as("frame %d", i).isEqualTo(imageIo.frames().get(i).rgb());
                assertThat(Ssim.luma(frames.get(i).rgb(), rgb, 320, 160)).isGreaterThan(0.98);
            }
            assertThat(g.grabImage()).isNull();
        }
    }

    @Test
    void theFfmpegBaselineWritesAReadableGif() throws Exception {
        List<VideoFrame> frames = SyntheticClips.render(SyntheticClips.Scene.SPRITES, 120, 68, 10, 10, 3);
        Path gif = dir.resolve("ffmpeg.gif");
        FfmpegPaletteGif.write(frames, 10, gif);
        GifFrames g = GifFrames.read(gif);
        assertThat(g.width()).isEqualTo(120);
        assertThat(g.frames()).hasSize(10);
        assertThat(g.durationCs()).isEqualTo(100);
        for (int i = 0; i < 10; i++) {
            assertThat(Ssim.luma(frames.get(i).rgb(), g.at(i * 10 + 5), 120, 68)).isGreaterThan(0.85);
        }
    }
}
