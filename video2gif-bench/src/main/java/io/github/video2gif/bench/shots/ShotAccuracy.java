package io.github.video2gif.bench.shots;

import io.github.video2gif.api.Segmentation;
import io.github.video2gif.api.Segmenter;
import io.github.video2gif.api.Transition;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import io.github.video2gif.core.segment.CandidateWindows;
import io.github.video2gif.core.segment.KernelChangePointSegmenter;
import io.github.video2gif.core.segment.ShotBoundaryAccuracy;
import io.github.video2gif.core.synthetic.SyntheticVideo;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Shot-boundary accuracy of the {@code shots} segmenter on generated videos with known cuts, fades, dissolves and
 * wipes, and on annotated real footage. Usage: {@code ShotAccuracy [synthetic-seconds] [seeds] [VIDEO CUTS
 * GRADUAL]...} where CUTS is a comma list of frames and GRADUAL a comma list of start-end ranges.
 */
public final class ShotAccuracy {
    private ShotAccuracy() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 60;
        String seedArg = args.length > 1 ? args[1] : "5";
        int firstSeed = seedArg.contains("-") ? Integer.parseInt(seedArg.split("-")[0]) : 1;
        int lastSeed = Integer.parseInt(seedArg.contains("-") ? seedArg.split("-")[1] : seedArg);
        ShotBoundaryAccuracy total = new ShotBoundaryAccuracy(0, 0, 0, 0, 0, 0);
        for (int seed = firstSeed; seed <= lastSeed; seed++) {
            SyntheticVideo v = SyntheticVideo.randomMixed(seed, seconds, 320, 180, 25);
            Segmentation s = run(v, 25);
            List<long[]> gradual = v.gradualTransitions().stream().map(g -> new long[] {g.startFrame(), g.endFrame()})
                    .collect(Collectors.toList());
            ShotBoundaryAccuracy a = ShotBoundaryAccuracy.score(s, v.cutFrames(), gradual, 2);
            total = total.plus(a);
            System.out.println("synthetic seed " + seed + ": " + a);
            System.out.println("  true cuts " + v.cutFrames());
            System.out.println("  true gradual " + v.gradualTransitions());
            System.out.println("  found cuts " + s.cuts());
            System.out.println("  found gradual " + s.transitions().stream()
                    .filter(t -> t.type() != Transition.Type.CUT).collect(Collectors.toList()));
        }
        System.out.println("synthetic total: " + total);
        for (int i = 2; i + 2 < args.length + 1 && i + 2 <= args.length - 1 + 1 && i + 2 < args.length + 1; i += 3) {
            if (i + 2 >= args.length) {
                break;
            }
            Path video = Path.of(args[i]);
            List<Long> cuts = new ArrayList<>();
            for (String c : args[i + 1].split(",")) {
                if (!c.isBlank()) {
                    cuts.add(Long.parseLong(c.trim()));
                }
            }
            List<long[]> gradual = new ArrayList<>();
            for (String g : args[i + 2].split(",")) {
                if (!g.isBlank()) {
                    String[] p = g.split("-");
                    gradual.add(new long[] {Long.parseLong(p[0].trim()), Long.parseLong(p[1].trim())});
                }
            }
            Segmentation s = runFile(video);
            ShotBoundaryAccuracy a = ShotBoundaryAccuracy.score(s, cuts, gradual, 2);
            System.out.println(video.getFileName() + ": " + a);
            System.out.println("  found cuts " + s.cuts());
            System.out.println("  found " + s.transitions());
        }
    }

    static Segmentation run(SyntheticVideo v, double fps) throws Exception {
        Segmenter seg = new KernelChangePointSegmenter(CandidateWindows.DEFAULT);
        Segmenter.Session session = seg.start(new VideoInfo(Path.of("synthetic"), v.durationSec(), fps,
                v.frameCount(), v.width(), v.height(), 0, "synthetic"));
        for (int i = 0; i < v.frameCount(); i++) {
            session.accept(v.frame(i, 160, 90));
        }
        return session.finish();
    }

    static Segmentation runFile(Path video) throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
            g.setImageWidth(160);
            g.setImageHeight(90);
            g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            g.start();
            double fps = g.getFrameRate();
            Segmenter seg = new KernelChangePointSegmenter(CandidateWindows.DEFAULT);
            Segmenter.Session session = seg.start(new VideoInfo(video, g.getLengthInTime() / 1e6, fps,
                    g.getLengthInVideoFrames(), 160, 90, 0, "x"));
            Frame f;
            long i = 0;
            while ((f = g.grabImage()) != null) {
                ByteBuffer buf = (ByteBuffer) f.image[0];
                byte[] rgb = new byte[160 * 90 * 3];
                int stride = f.imageStride;
                for (int y = 0; y < 90; y++) {
                    buf.position(y * stride);
                    buf.get(rgb, y * 160 * 3, 160 * 3);
                }
                session.accept(new VideoFrame(i, i / fps, 160, 90, rgb));
                i++;
            }
            g.stop();
            return session.finish();
        }
    }
}
