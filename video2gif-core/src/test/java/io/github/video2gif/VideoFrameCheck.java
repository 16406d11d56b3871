package io.github.video2gif;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.video2gif.api.VideoFrame;
import java.util.List;

final class VideoFrameCheck {
    private VideoFrameCheck() {
    }

    /** GIF frame k must be the video frame on screen at start + k * step. */
    static void assertShowsFrameAt(List<VideoFrame> frames, double start, double step, double fps) {
        for (int k = 0; k < frames.size(); k++) {
            double t = start + k * step;
            long expected = (long) Math.floor(t * fps + 1e-6);
            assertThat(frames.get(k).index()).as("GIF frame %d at %.3f s", k, t).isEqualTo(expected);
        }
    }
}
