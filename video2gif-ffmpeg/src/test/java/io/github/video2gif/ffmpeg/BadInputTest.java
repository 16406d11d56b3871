package io.github.video2gif.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.video2gif.api.DecodeOptions;
import io.github.video2gif.api.EmptyVideoException;
import io.github.video2gif.api.FrameFormat;
import io.github.video2gif.api.FrameStream;
import io.github.video2gif.api.NoVideoStreamException;
import io.github.video2gif.api.TruncatedVideoException;
import io.github.video2gif.api.UnreadableVideoException;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input maps to its precise {@link Video2GifException} subclass, from {@code probe} and from
 * {@code open}/{@code next}, with a message naming the file and what was seen; the JVM survives them all.
 */
class BadInputTest {
    @TempDir
    static Path dir;
    static Path goodMp4;
    static Path goodFastStartMp4;
    static Path goodWebm;

    private final FfmpegVideoDecoder decoder = new FfmpegVideoDecoder();

    @BeforeAll
    static void generate() throws IOException {
        goodMp4 = TestClips.constantRate(dir.resolve("good.mp4"), 160, 90, 24, 48);
        goodFastStartMp4 = dir.resolve("faststart.mp4");
        try (FfmpegVideoWriter w = FfmpegVideoWriter.builder(goodFastStartMp4, 160, 90).fps(24).fastStart(true).open()) {
            for (int i = 0; i < 48; i++) {
                w.write(new VideoFrame(i, i / 24.0, 160, 90, TestClips.picture(160, 90, i)));
            }
            w.finish();
        }
        goodWebm = TestClips.constantRate(dir.resolve("good.webm"), 160, 90, 24, 48);
    }

    /** Runs probe, then open + read to the end; returns what each threw (both must throw the same type). */
    private <T extends Video2GifException> T failsBothWays(Path file, Class<T> type) {
        T fromProbe = catchThrowableOfType(type, () -> decoder.probe(file));
        T fromDecode = catchThrowableOfType(type, () -> {
            try (FrameStream s = decoder.open(file, DecodeOptions.whole(FrameFormat.width(64)))) {
                FfmpegVideoDecoderTest.drain(s);
            }
        });
        assertThat(fromProbe).as("probe of %s", file.getFileName()).isNotNull();
        assertThat(fromDecode).as("decode of %s", file.getFileName()).isNotNull();
        assertThat(fromProbe.getMessage()).startsWith("Cannot read video \"" + file + "\": ");
        assertThat(fromDecode.getMessage()).startsWith("Cannot read video \"" + file + "\": ");
        assertThat(fromProbe.input()).contains(file);
        return fromDecode;
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("missing.mp4");
        assertThat(failsBothWays(missing, VideoNotFoundException.class)).hasMessageEndingWith("no such file");
    }

    @Test
    void directory() throws IOException {
        Path d = Files.createDirectories(dir.resolve("folder.mp4"));
        assertThat(failsBothWays(d, VideoNotFoundException.class)).hasMessageContaining("is a directory");
    }

    @Test
    void zeroByteFile() throws IOException {
        Path empty = Files.write(dir.resolve("empty.mp4"), new byte[0]);
        assertThat(failsBothWays(empty, EmptyVideoException.class)).hasMessageContaining("empty (0 bytes)");
    }

    @Test
    void textFileRenamedMp4() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "Shopping list:\n- milk\n- eggs\n");
        UnreadableVideoException e = failsBothWays(text, UnreadableVideoException.class);
        assertThat(e).isExactlyInstanceOf(UnreadableVideoException.class)
                .hasMessageContaining("avformat_open_input() error -1094995529 (Invalid data found when processing input)")
                .hasMessageContaining("holds text");
    }

    @Test
    void randomBytesRenamedMp4() throws IOException {
        byte[] noise = new byte[50_000];
        new java.util.Random(7).nextBytes(noise);
        Path junk = Files.write(dir.resolve("noise.mp4"), noise);
        assertThat(failsBothWays(junk, UnreadableVideoException.class)).hasMessageContaining("avformat_open_input()");
    }

    @Test
    void truncatedMp4WithItsIndexCutOff() throws IOException {
        Path cut = TestClips.truncatedCopy(goodMp4, dir.resolve("cut.mp4"), 0.5);
        assertThat(failsBothWays(cut, TruncatedVideoException.class))
                .hasMessageContaining("avformat_open_input() error")
                .hasMessageContaining("cut short")
                .hasMessageContaining("'mdat' box");
    }

    @Test
    void truncatedFastStartMp4CutMidStream() throws IOException {
        Path cut = TestClips.truncatedCopy(goodFastStartMp4, dir.resolve("cut-faststart.mp4"), 0.6);
        assertThat(failsBothWays(cut, TruncatedVideoException.class)).hasMessageContaining("cut short");
    }

    @Test
    void truncatedWebm() throws IOException {
        Path cut = TestClips.truncatedCopy(goodWebm, dir.resolve("cut.webm"), 0.5);
        assertThat(failsBothWays(cut, TruncatedVideoException.class)).hasMessageContaining("Matroska Segment");
    }

    @Test
    void fileCutInsideItsHeader() throws IOException {
        Path cut = TestClips.truncatedCopy(goodWebm, dir.resolve("header-only.webm"), 0.01);
        failsBothWays(cut, UnreadableVideoException.class);
    }

    @Test
    void audioOnlyFile() throws IOException {
        Path audio = TestClips.audioOnly(dir.resolve("tone.m4a"));
        assertThat(failsBothWays(audio, NoVideoStreamException.class))
                .hasMessageContaining("no video stream")
                .hasMessageContaining("1 audio (aac) stream");
    }

    @Test
    void videoTrackWithoutFrames() throws IOException {
        Path none = dir.resolve("no-frames.mkv");
        try (FfmpegVideoWriter w = FfmpegVideoWriter.builder(none, 160, 90).fps(24).open()) {
            w.finish();
        }
        failsBothWays(none, EmptyVideoException.class);
    }

    @Test
    void videoWhoseFramesAreAllUndecodable() throws IOException {
        Path zeroed = TestClips.zeroedMediaData(goodMp4, dir.resolve("zeroed.mp4"));
        assertThat(decoder.probe(zeroed).frameCount()).isEqualTo(48); // the index is fine
        EmptyVideoException e = catchThrowableOfType(EmptyVideoException.class, () -> {
            try (FrameStream s = decoder.open(zeroed, DecodeOptions.whole(FrameFormat.width(64)))) {
                FfmpegVideoDecoderTest.drain(s);
            }
        });
        assertThat(e).hasMessageContaining("no decodable frame");
    }

    /**
     * Damaged copies of good files (bytes overwritten at random places, header and index included): each
     * either decodes or fails with a {@link Video2GifException}; nothing else escapes and the JVM survives.
     */
    @Test
    void randomlyDamagedFilesFailCleanly() throws IOException {
        java.util.Random rnd = new java.util.Random(2016);
        int decoded = 0;
        int failed = 0;
        for (Path good : new Path[] {goodMp4, goodFastStartMp4, goodWebm}) {
            byte[] original = Files.readAllBytes(good);
            for (int variant = 0; variant < 12; variant++) {
                byte[] damaged = original.clone();
                int hits = 1 + rnd.nextInt(40);
                for (int i = 0; i < hits; i++) {
                    int at = variant % 3 == 0 ? rnd.nextInt(Math.min(damaged.length, 2048)) : rnd.nextInt(damaged.length);
                    damaged[at] = (byte) rnd.nextInt(256);
                }
                String name = good.getFileName().toString();
                Path file = Files.write(dir.resolve("damaged-" + variant + "-" + name), damaged);
                try {
                    decoder.probe(file);
                    try (FrameStream s = decoder.open(file, DecodeOptions.whole(FrameFormat.width(64)))) {
                        FfmpegVideoDecoderTest.drain(s);
                    }
                    try (FrameStream s = decoder.open(file, DecodeOptions.range(FrameFormat.width(64), 1.0, 1.5))) {
                        FfmpegVideoDecoderTest.drain(s);
                    }
                    decoded++;
                } catch (Video2GifException e) {
                    assertThat(e.getMessage()).startsWith("Cannot read video \"" + file + "\": ");
                    failed++;
                }
            }
        }
        assertThat(decoded + failed).isEqualTo(36);
    }

    @Test
    void aFailedOpenLeavesTheDecoderUsable() throws IOException {
        Path text = Files.writeString(dir.resolve("again.mp4"), "not a video");
        for (int i = 0; i < 50; i++) {
            catchThrowableOfType(UnreadableVideoException.class, () -> decoder.probe(text));
        }
        assertThat(decoder.probe(goodMp4).frameCount()).isEqualTo(48);
    }
}
