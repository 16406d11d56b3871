package io.github.video2gif.bench;

import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.core.synthetic.SyntheticVideo;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

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
        Path tmp = dir.resolve(file.getFileName() + ".part");
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(tmp.toFile(), width, height, 0)) {
            rec.setFormat("mp4");
            rec.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            rec.setVideoCodecName("libopenh264");
            rec.setFrameRate(fps);
            rec.setVideoBitrate(1_500_000);
            rec.setGopSize((int) Math.round(fps * 4));
            rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            rec.start();
            Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
            ByteBuffer buf = (ByteBuffer) frame.image[0];
            for (int i = 0; i < video.frameCount(); i++) {
                VideoFrame f = video.frame(i);
                for (int y = 0; y < height; y++) {
                    buf.position(y * frame.imageStride);
                    buf.put(f.rgb(), y * width * 3, width * 3);
                }
                buf.rewind();
                rec.record(frame, avutil.AV_PIX_FMT_RGB24);
            }
            rec.stop();
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.err.printf(Locale.ROOT, "  done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return file;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
