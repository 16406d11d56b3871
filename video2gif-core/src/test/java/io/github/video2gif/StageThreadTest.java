package io.github.video2gif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.video2gif.api.FeatureExtractor;
import io.github.video2gif.api.FeatureTrack;
import io.github.video2gif.api.UnreadableVideoException;
import io.github.video2gif.api.VideoFrame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageThreadTest {
    /** Records the frames it gets and the thread it runs on; fails at frame {@code failAt} if >= 0. */
    static final class Recording implements FeatureExtractor.Session {
        final List<Long> indices = new ArrayList<>();
        final List<String> threads = new ArrayList<>();
        final int failAt;

        Recording(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public void accept(VideoFrame frame) throws UnreadableVideoException {
            if (frame.index() == failAt) {
                throw new UnreadableVideoException(Path.of("v.mp4"), "bad frame " + failAt);
            }
            indices.add(frame.index());
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public FeatureTrack finish() {
            throw new UnsupportedOperationException();
        }
    }

    private static VideoFrame frame(int i) {
        return new VideoFrame(i, i / 25.0, 2, 2, new byte[12]);
    }

    @Test
    void everyFrameReachesTheSessionInOrderOnItsOwnThread() throws Exception {
        Recording session = new Recording(-1);
        try (StageThread stage = new StageThread("video2gif-features", session, 3)) {
            for (int i = 0; i < 500; i++) {
                stage.accept(frame(i));
            }
            stage.finish();
        }
        assertThat(session.indices).hasSize(500);
        for (int i = 0; i < 500; i++) {
            assertThat(session.indices.get(i)).isEqualTo(i);
        }
        assertThat(session.threads).allMatch("video2gif-features"::equals);
    }

    @Test
    void aSessionFailureReachesTheFeeder() throws Exception {
        Recording session = new Recording(10);
        try (StageThread stage = new StageThread("video2gif-features", session, 2)) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 1000; i++) {
                    stage.accept(frame(i));
                }
                stage.finish();
            }).isInstanceOf(UnreadableVideoException.class).hasMessageContaining("bad frame 10");
        }
        assertThat(session.indices).hasSize(10);
    }
}
