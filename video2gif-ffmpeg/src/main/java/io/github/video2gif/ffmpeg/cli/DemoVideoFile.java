package io.github.video2gif.ffmpeg.cli;

import io.github.video2gif.api.OutputException;
import io.github.video2gif.api.Progress;
import io.github.video2gif.api.ProgressListener;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.core.synthetic.SyntheticVideo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/** Writes a {@link SyntheticVideo} to an MP4 file (MPEG-4 part 2), atomically. */
final class DemoVideoFile {
    private DemoVideoFile() {
    }

    static void write(SyntheticVideo video, Path target, ProgressListener progress) throws Video2GifException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".part.mp4");
        } catch (IOException e) {
            throw new OutputException(target, "Cannot write \"" + target + "\": " + e.getMessage(), e);
        }
        boolean done = false;
        try {
            avutil.av_log_set_level(avutil.AV_LOG_ERROR);
            try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(tmp.toFile(), video.width(), video.height(), 0)) {
                rec.setFormat("mp4");
                rec.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
                rec.setFrameRate(video.fps());
                rec.setVideoQuality(3);
                rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                rec.start();
                Frame frame = new Frame(video.width(), video.height(), Frame.DEPTH_UBYTE, 3);
                ByteBuffer buf = (ByteBuffer) frame.image[0];
                int n = video.frameCount();
                for (int i = 0; i < n; i++) {
                    VideoFrame f = video.frame(i);
                    byte[] rgb = f.rgb();
                    int stride = frame.imageStride;
                    for (int y = 0; y < video.height(); y++) {
                        buf.position(y * stride);
                        buf.put(rgb, y * video.width() * 3, video.width() * 3);
                    }
                    buf.rewind();
                    rec.record(frame, avutil.AV_PIX_FMT_RGB24);
                    if (i % 25 == 0 || i == n - 1) {
                        progress.onProgress(new Progress("generate", i + 1, n, target.getFileName().toString()));
                    }
                }
                rec.stop();
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            done = true;
        } catch (IOException e) {
            throw new OutputException(target, "Cannot write \"" + target + "\": " + e.getMessage(), e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }
}
