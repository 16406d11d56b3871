package io.github.video2gif.bench;

import io.github.video2gif.core.synthetic.SyntheticVideo;
import io.github.video2gif.ffmpeg.FfmpegVideoWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Generated benchmark videos: H.264 (OpenH264) MP4 files of {@link SyntheticVideo#random}, cached on disk. */
public final class BenchVideos {
    private BenchVideos() {
    }

    /** A cached synthetic H.264 video of the given length; generated on first use. */
    public static Path synthetic(Path dir, double minutes, int width, int height, double fps) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve(String.format(Locale.ROOT, "synthetic-%smin-%dx%d-%sfps-h264.mp4",
                trim(minutes), width, height, trim(fps)));
        if (Files.isRegularFile(file) && Files.size(file) > 0) {
            return file;
        }
        SyntheticVideo video = SyntheticVideo.random(42, minutes * 60, width, height, fps);
        System.err.printf(Locale.ROOT, "generating %s (%d frames)...%n", file, video.frameCount());
        long t0 = System.nanoTime();
        try (FfmpegVideoWriter w = FfmpegVideoWriter.builder(file, width, height).fps(fps)
                .codec(FfmpegVideoWriter.Codec.H264).bitRate(1_500_000)
                .keyframeInterval((int) Math.round(fps * 4)).open()) {
            for (int i = 0; i < video.frameCount(); i++) {
                w.write(video.frame(i));
            }
            w.finish();
        }
        System.err.printf(Locale.ROOT, "  done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return file;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
