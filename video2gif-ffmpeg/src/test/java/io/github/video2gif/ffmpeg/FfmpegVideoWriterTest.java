package io.github.video2gif.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.video2gif.api.DecodeOptions;
import io.github.video2gif.api.FrameFormat;
import io.github.video2gif.api.OutputException;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegVideoWriterTest {
    @TempDir
    Path dir;

    private final FfmpegVideoDecoder decoder = new FfmpegVideoDecoder();

    @Test
    void mp4UsesH264AndKeepsEveryFrame() throws IOException {
        Path mp4 = dir.resolve("a.mp4");
        try (FfmpegVideoWriter w = FfmpegVideoWriter.builder(mp4, 128, 72).fps(30).open()) {
            assertThat(w.codecName()).isEqualTo("libopenh264");
            for (int i = 0; i < 30; i++) {
                w.write(new VideoFrame(i, i / 30.0, 128, 72, TestClips.picture(128, 72, i)));
            }
            assertThat(w.framesWritten()).isEqualTo(30);
            assertThat(w.finish()).isEqualTo(mp4);
        }
        VideoInfo info = decoder.probe(mp4);
        assertThat(info.codec()).isEqualTo("h264");
        assertThat(info.frameCount()).isEqualTo(30);
        assertThat(FfmpegVideoDecoderTest.decodeAll(decoder, mp4, DecodeOptions.whole(FrameFormat.original())))
                .hasSize(30);
    }

    @Test
    void webmUsesVp8() throws IOException {
        Path webm = TestClips.constantRate(dir.resolve("a.webm"), 128, 72, 25, 10);
        VideoInfo info = decoder.probe(webm);
        assertThat(info.codec()).isEqualTo("vp8");
        assertThat(info.fps()).isEqualTo(25);
        List<VideoFrame> frames = FfmpegVideoDecoderTest.decodeAll(decoder, webm,
                DecodeOptions.whole(FrameFormat.original()));
        assertThat(frames).hasSize(10);
        assertThat(frames.get(9).timestampSec()).isEqualTo(0.36);
    }

    @Test
    void coloursSurviveTheRoundTrip() throws IOException {
        Path mp4 = TestClips.constantRate(dir.resolve("c.mp4"), 160, 96, 10, 3);
        VideoFrame f = FfmpegVideoDecoderTest.decodeAll(decoder, mp4, DecodeOptions.whole(FrameFormat.original()))
                .get(1);
        byte[] expected = TestClips.picture(160, 96, 1);
        double error = 0;
        for (int i = 0; i < expected.length; i++) {
            error += Math.abs((expected[i] & 0xff) - (f.rgb()[i] & 0xff));
        }
        assertThat(error / expected.length).as("mean absolute error per channel").isLessThan(6);
    }

    @Test
    void closeWithoutFinishKeepsTheOldFileAndLeavesNoTemporaryFile() throws IOException {
        Path target = Files.writeString(dir.resolve("old.mp4"), "previous content");
        try (FfmpegVideoWriter w = FfmpegVideoWriter.builder(target, 64, 36).fps(10).open()) {
            w.write(new VideoFrame(0, 0, 64, 36, TestClips.picture(64, 36, 0)));
        }
        assertThat(Files.readString(target)).isEqualTo("previous content");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("old.mp4");
        }
    }

    @Test
    void callerMistakesAndBadTargets() throws IOException {
        assertThatThrownBy(() -> FfmpegVideoWriter.builder(dir.resolve("a.xyz123"), 64, 36).open())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown video container");
        assertThatThrownBy(() -> FfmpegVideoWriter.builder(dir.resolve("odd.mp4"), 63, 36)
                .codec(FfmpegVideoWriter.Codec.H264).open()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FfmpegVideoWriter.builder(dir.resolve("x/y.mp4"), 64, 36).open())
                .isInstanceOf(OutputException.class);
        try (FfmpegVideoWriter w = FfmpegVideoWriter.builder(dir.resolve("t.mp4"), 64, 36).fps(10).open()) {
            w.write(new VideoFrame(0, 0.5, 64, 36, TestClips.picture(64, 36, 0)));
            assertThatThrownBy(() -> w.write(new VideoFrame(1, 0.5, 64, 36, TestClips.picture(64, 36, 1))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("increase");
            assertThatThrownBy(() -> w.write(new VideoFrame(1, 0.6, 32, 18, TestClips.picture(32, 18, 1))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
