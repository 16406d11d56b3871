package io.github.video2gif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.video2gif.api.FrameStream;
import io.github.video2gif.api.TruncatedVideoException;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import io.github.video2gif.core.image.FrameResizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefetchingFramesTest {
    /** Frames 0..n-1 of 8 x 6 pixels whose values encode the index; fails after {@code failAfter} frames if >= 0. */
    private static FrameStream stream(int n, int failAfter) {
        VideoInfo info = new VideoInfo(Path.of("v.mp4"), n / 25.0, 25, n, 8, 6, 0, "test");
        return new FrameStream() {
            int next;

            @Override
            public VideoInfo info() {
                return info;
            }

            @Override
            public int[] frameSize() {
                return new int[] {8, 6};
            }

            @Override
            public VideoFrame next() throws TruncatedVideoException {
                if (next == failAfter) {
                    throw new TruncatedVideoException(info.path(), "cut short at frame " + next);
                }
                if (next >= n) {
                    return null;
                }
                byte[] rgb = new byte[8 * 6 * 3];
                java.util.Arrays.fill(rgb, (byte) (next * 3));
                int i = next++;
                return new VideoFrame(i, i / 25.0, 8, 6, rgb);
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void companionsArriveWithTheirFramesInOrder() throws Exception {
        List<String> threads = new ArrayList<>();
        try (PrefetchingFrames frames = new PrefetchingFrames(stream(100, -1), 4, f -> {
            synchronized (threads) {
                threads.add(Thread.currentThread().getName());
            }
            return FrameResizer.resize(f, 4, 3);
        })) {
            VideoFrame f;
            int count = 0;
            while ((f = frames.next()) != null) {
                VideoFrame c = frames.companion();
                assertThat(f.index()).isEqualTo(count);
                assertThat(c.index()).isEqualTo(count);
                assertThat(c.width()).isEqualTo(4);
                assertThat(c.height()).isEqualTo(3);
                assertThat(c.rgb()[0] & 0xff).isEqualTo((count * 3) & 0xff); // a flat frame stays flat
                count++;
            }
            assertThat(count).isEqualTo(100);
            assertThat(frames.companion()).isNull();
        }
        assertThat(threads).hasSize(100).allMatch("video2gif-decode"::equals);
    }

    @Test
    void withoutACompanionFunctionThereIsNone() throws Exception {
        try (PrefetchingFrames frames = new PrefetchingFrames(stream(3, -1), 2)) {
            assertThat(frames.next()).isNotNull();
            assertThat(frames.companion()).isNull();
        }
    }

    @Test
    void decoderErrorsReachTheReaderAfterTheFramesBeforeThem() throws Exception {
        try (PrefetchingFrames frames = new PrefetchingFrames(stream(100, 7), 4, f -> f)) {
            for (int i = 0; i < 7; i++) {
                assertThat(frames.next().index()).isEqualTo(i);
            }
            assertThatThrownBy(frames::next).isInstanceOf(TruncatedVideoException.class)
                    .hasMessageContaining("frame 7");
        }
    }
}
