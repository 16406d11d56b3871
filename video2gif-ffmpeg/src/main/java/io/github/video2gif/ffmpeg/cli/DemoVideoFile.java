package io.github.video2gif.ffmpeg.cli;

import io.github.video2gif.api.Progress;
import io.github.video2gif.api.ProgressListener;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.core.synthetic.SyntheticVideo;
import io.github.video2gif.ffmpeg.FfmpegVideoWriter;
import java.nio.file.Path;

/** Writes a {@link SyntheticVideo} to a video file (H.264 in MP4 at even sizes), atomically. */
final class DemoVideoFile {
    private DemoVideoFile() {
    }

    static void write(SyntheticVideo video, Path target, ProgressListener progress) throws Video2GifException {
        try (FfmpegVideoWriter w = FfmpegVideoWriter.builder(target, video.width(), video.height())
                .fps(video.fps()).open()) {
            int n = video.frameCount();
            for (int i = 0; i < n; i++) {
                w.write(video.frame(i));
                if (i % 25 == 0 || i == n - 1) {
                    progress.onProgress(new Progress("generate", i + 1, n, target.getFileName().toString()));
                }
            }
            w.finish();
        }
    }
}
