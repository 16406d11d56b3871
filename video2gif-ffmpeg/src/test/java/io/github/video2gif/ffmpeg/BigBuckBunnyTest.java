package io.github.video2gif.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.video2gif.api.DecodeOptions;
import io.github.video2gif.api.FrameFormat;
import io.github.video2gif.api.FrameStream;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real CC-BY clip from the shared data folder (system property {@code video2gif.sharedData}). */
class BigBuckBunnyTest {
    private Path clip;
    private final FfmpegVideoDecoder decoder = new FfmpegVideoDecoder();

    @BeforeEach
    void findClip() {
        String shared = System.getProperty("video2gif.sharedData");
        Assumptions.assumeTrue(shared != null, "system property video2gif.sharedData is not set");
        clip = Path.of(shared, "bbb", "big_buck_bunny_0_30.webm");
        Assumptions.assumeTrue(Files.isRegularFile(clip), "shared clip not found: " + clip);
    }

    @Test
    void probeAndFullDecodeAgreeWithTheFile() throws IOException {
        VideoInfo info = decoder.probe(clip);
        assertThat(info.width()).isEqualTo(1280);
        assertThat(info.height()).isEqualTo(720);
        assertThat(info.fps()).isEqualTo(24.0);
        assertThat(info.frameCount()).isEqualTo(720);
        assertThat(info.durationSec()).isCloseTo(30.0, within(0.05));

        long count = 0;
        try (FrameStream s = decoder.open(clip, DecodeOptions.whole(FrameFormat.width(160)))) {
            assertThat(s.frameSize()).containsExactly(160, 90);
            VideoFrame f;
            while ((f = s.next()) != null) {
                assertThat(f.index()).isEqualTo(count);
                // Matroska stores milliseconds: i/24 s rounded to the millisecond.
                assertThat(f.timestampSec()).isCloseTo(count / 24.0, within(0.0006));
                count++;
            }
        }
        assertThat(count).isEqualTo(720);
    }

    @Test
    void aSegmentBecomesADefaultGif(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path gif = dir.resolve("bbb.gif");
        io.github.video2gif.api.GifOptions options = io.github.video2gif.api.GifOptions.DEFAULT;
        try (FrameStream s = decoder.open(clip, DecodeOptions.range(options.frameFormat(), 20.0, 22.0));
             io.github.video2gif.api.GifWriter w = new FfmpegGifEncoder().open(gif, s.frameSize()[0],
                     s.frameSize()[1], options)) {
            assertThat(s.frameSize()).containsExactly(360, 202);
            VideoFrame f;
            while ((f = s.next()) != null) {
                w.add(f, 1 / 24.0);
            }
            w.finish();
        }
        GifFile file = GifFile.read(gif);
        assertThat(file.width()).isEqualTo(360);
        assertThat(file.height()).isEqualTo(202);
        assertThat(file.frames()).isEqualTo(20);
        assertThat(file.totalCentis()).isEqualTo(200);
        assertThat(file.loopCount()).isZero();
    }

    @Test
    void aSegmentInTheMiddleStartsAtItsFirstFrame() throws IOException {
        try (FrameStream s = decoder.open(clip, DecodeOptions.range(FrameFormat.width(320), 12.5, 13.0))) {
            int n = 0;
            VideoFrame f;
            while ((f = s.next()) != null) {
                assertThat(f.timestampSec()).isCloseTo((300 + n) / 24.0, within(0.0006));
                n++;
            }
            assertThat(n).isEqualTo(12);
        }
    }
}
