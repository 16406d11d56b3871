package io.github.video2gif.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.DecodeOptions;
import io.github.video2gif.api.FrameFormat;
import io.github.video2gif.api.FrameStream;
import io.github.video2gif.api.VideoFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Decode throughput of {@link FfmpegVideoDecoder} against plain FFmpeg decoding (libavcodec without any pixel
 * conversion) and JavaCV's {@code FFmpegFrameGrabber}, on the same generated 640x360 H.264 clip in one run.
 * Not a unit test: run it by hand, for example
 * {@code java -cp <test class path> io.github.video2gif.ffmpeg.DecodeThroughput [seconds] [repeats] [clip.mp4]}.
 */
public final class DecodeThroughput {
    private DecodeThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        // Optional third argument: a clip to use (generated there first, and kept, when missing).
        boolean keep = args.length > 2;
        Path clip = keep ? Path.of(args[2]) : Files.createTempDirectory("decode-throughput").resolve("clip.mp4");
        if (!Files.exists(clip)) {
            long t0 = System.nanoTime();
            writeTexturedClip(clip, seconds * 30);
            System.out.printf(Locale.ROOT, "generated %d frames 640x360 H.264 (%d kB) in %.1f s (%s)%n",
                    seconds * 30, Files.size(clip) / 1024, (System.nanoTime() - t0) / 1e9, clip);
        }

        FfmpegVideoDecoder area = new FfmpegVideoDecoder(Config.of(Map.of()));
        FfmpegVideoDecoder bilinear = new FfmpegVideoDecoder(Config.of(Map.of("ffmpeg.scaler", "bilinear")));
        FfmpegVideoDecoder fast = new FfmpegVideoDecoder(Config.of(Map.of("ffmpeg.scaler", "fast-bilinear")));
        String[] names = {
            "plain libavcodec decode (no conversion)",
            "FfmpegVideoDecoder width 160, area (default)",
            "FfmpegVideoDecoder width 160, bilinear",
            "FfmpegVideoDecoder width 160, fast-bilinear",
            "FfmpegVideoDecoder original size (default)",
            "JavaCV FFmpegFrameGrabber original size BGR24",
        };
        double[][] fps = new double[names.length][repeats];
        double[][] cpu = new double[names.length][repeats];
        plainDecode(clip); // warm-up: page cache, JIT, decoder tables
        ours(area, clip, FrameFormat.width(160));
        for (int r = 0; r < repeats; r++) {
            measure(fps, cpu, 0, r, () -> plainDecode(clip));
            measure(fps, cpu, 1, r, () -> ours(area, clip, FrameFormat.width(160)));
            measure(fps, cpu, 2, r, () -> ours(bilinear, clip, FrameFormat.width(160)));
            measure(fps, cpu, 3, r, () -> ours(fast, clip, FrameFormat.width(160)));
            measure(fps, cpu, 4, r, () -> ours(area, clip, FrameFormat.original()));
            measure(fps, cpu, 5, r, () -> grabber(clip));
        }
        double plain = median(fps[0]);
        double plainCpu = median(cpu[0]);
        System.out.printf(Locale.ROOT, "%-48s %9s %9s %13s %9s%n", "decoder (median of " + repeats + " runs)",
                "frames/s", "vs plain", "CPU us/frame", "vs plain");
        for (int i = 0; i < names.length; i++) {
            double m = median(fps[i]);
            double c = median(cpu[i]);
            System.out.printf(Locale.ROOT, "%-48s %9.0f %8.2fx %13.0f %8.2fx%n", names[i], m, m / plain, c,
                    c / plainCpu);
        }
        if (!keep) {
            Files.deleteIfExists(clip);
            Files.deleteIfExists(clip.getParent());
        }
    }

    /** A scrolling, zooming texture with moving shapes: motion and detail everywhere, like real footage. */
    private static void writeTexturedClip(Path clip, int frames) throws Exception {
        int w = 640;
        int h = 360;
        java.util.Random rnd = new java.util.Random(42);
        byte[] texture = new byte[1024 * 1024];
        rnd.nextBytes(texture);
        try (FfmpegVideoWriter writer = FfmpegVideoWriter.builder(clip, w, h).fps(30).bitRate(1_500_000).open()) {
            for (int i = 0; i < frames; i++) {
                byte[] rgb = new byte[w * h * 3];
                int dx = i * 3;
                int dy = i;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int tx = ((x + dx) >> 2) & 1023;
                        int ty = ((y + dy) >> 2) & 1023;
                        int v = texture[ty * 1024 + tx] & 0xff;
                        int o = (y * w + x) * 3;
                        rgb[o] = (byte) ((v + x / 3 + i) & 0xff);
                        rgb[o + 1] = (byte) ((v / 2 + y / 2) & 0xff);
                        rgb[o + 2] = (byte) ((255 - v + i * 2) & 0xff);
                    }
                }
                writer.write(new VideoFrame(i, i / 30.0, w, h, rgb));
            }
            writer.finish();
        }
    }

    /** A decode run that returns the number of frames it decoded. */
    private interface Run {
        long frames() throws Exception;
    }

    /** Wall-clock frames/s and process CPU time (all threads, native ones included) per frame. */
    private static void measure(double[][] fps, double[][] cpu, int which, int repeat, Run run) throws Exception {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        long n = run.frames();
        long t1 = System.nanoTime();
        long c1 = os.getProcessCpuTime();
        fps[which][repeat] = n / ((t1 - t0) / 1e9);
        cpu[which][repeat] = (c1 - c0) / 1e3 / n;
    }

    private static long ours(FfmpegVideoDecoder decoder, Path clip, FrameFormat format) throws Exception {
        long n = 0;
        long checksum = 0;
        try (FrameStream s = decoder.open(clip, DecodeOptions.whole(format))) {
            VideoFrame f;
            while ((f = s.next()) != null) {
                checksum += f.rgb()[f.rgb().length / 2];
                n++;
            }
        }
        if (checksum == Long.MIN_VALUE) {
            System.out.println();
        }
        return n;
    }

    private static long plainDecode(Path clip) throws Exception {
        long n = 0;
        try (VideoInput in = VideoInput.open(clip)) {
            AVCodecContext c = avcodec_alloc_context3(avcodec_find_decoder(in.stream.codecpar().codec_id()));
            avcodec_parameters_to_context(c, in.stream.codecpar());
            c.thread_count(0);
            avcodec_open2(c, avcodec_find_decoder(in.stream.codecpar().codec_id()), (AVDictionary) null);
            AVPacket p = av_packet_alloc();
            AVFrame f = av_frame_alloc();
            boolean eof = false;
            while (true) {
                int ret = avcodec_receive_frame(c, f);
                if (ret == 0) {
                    n++;
                    continue;
                }
                if (ret != FfmpegNatives.AVERROR_EAGAIN || eof) {
                    break;
                }
                if (av_read_frame(in.formatContext, p) < 0) {
                    eof = true;
                    avcodec_send_packet(c, null);
                    continue;
                }
                if (p.stream_index() == in.streamIndex) {
                    avcodec_send_packet(c, p);
                }
                av_packet_unref(p);
            }
            av_frame_free(f);
            av_packet_free(p);
            avcodec_free_context(c);
        }
        return n;
    }

    private static long grabber(Path clip) throws Exception {
        long n = 0;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(clip.toFile())) {
            g.start();
            Frame f;
            while ((f = g.grabImage()) != null) {
                if (f.image != null) {
                    n++;
                }
            }
        }
        return n;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
