package io.github.video2gif.bench;

import io.github.video2gif.Video2Gif;
import io.github.video2gif.api.Config;
import io.github.video2gif.api.Ranking;
import io.github.video2gif.api.VideoDecoder;
import io.github.video2gif.api.spi.Providers;
import io.github.video2gif.api.spi.VideoDecoderProvider;
import io.github.video2gif.core.segment.KernelChangePointSegmenter;
import io.github.video2gif.core.segment.ShotBoundaryAccuracy;
import io.github.video2gif.core.synthetic.SyntheticVideo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * End-to-end timing of shot segmentation ({@code video2gif shots}: {@code Video2Gif.segment} with the
 * {@code shots} segmenter, i.e. decode at the 160-pixel analysis size + kernel change-point segmentation +
 * candidates) against decode-only (the same FFmpeg decoder at the same size, frames discarded) on the same file,
 * alternating in one JVM after a warm-up of each; wall time, frames per second, process CPU time, and the
 * ratios; the accuracy of the cuts against the video's script; with {@code --memory}, the peak heap and resident
 * set of segmenting each video in a fresh JVM with a 48 MB heap.
 *
 * <pre>
 * java -cp video2gif-bench/target/benchmarks.jar io.github.video2gif.bench.ShotsVsDecode \
 *      [--minutes 1,20] [--repeats 3] [--dir video2gif-bench/target/bench-videos] [--memory]
 * </pre>
 * The videos are {@link BenchVideos#synthetic} (640x360, 25 fps, H.264), generated once into {@code --dir}.
 */
public final class ShotsVsDecode {
    private ShotsVsDecode() {
    }

    public static void main(String[] argv) throws Exception {
        List<String> args = Arrays.asList(argv);
        if (args.size() == 2 && args.get(0).equals("--child")) {
            child(Path.of(args.get(1)));
            return;
        }
        int repeats = Integer.parseInt(RankVsDecode.opt(args, "--repeats", "3"));
        Path dir = Path.of(RankVsDecode.opt(args, "--dir", "video2gif-bench/target/bench-videos"));
        for (String m : RankVsDecode.opt(args, "--minutes", "1,20").split(",")) {
            double minutes = Double.parseDouble(m);
            Path video = BenchVideos.synthetic(dir, minutes, 640, 360, 25);
            Ranking r = time(video, repeats);
            // the file is SyntheticVideo.random(42, ...): its script says where the cuts and fades are
            SyntheticVideo script = SyntheticVideo.random(42, minutes * 60, 640, 360, 25);
            List<long[]> fades = script.gradualTransitions().stream()
                    .map(g -> new long[] {g.startFrame(), g.endFrame()}).toList();
            System.out.println("accuracy against the script: "
                    + ShotBoundaryAccuracy.score(r.segmentation(), script.cutFrames(), fades, 2));
            if (args.contains("--memory")) {
                memory(video);
            }
            System.out.println();
        }
    }

    private static Ranking time(Path video, int repeats) throws Exception {
        VideoDecoder decoder = Providers.select(VideoDecoderProvider.KIND, null, Config.defaults()).provider()
                .create(Config.defaults());
        Video2Gif v2g = Video2Gif.builder().decoder(decoder).segmenter("shots").build();
        System.out.printf(Locale.ROOT, "video: %s%n", video);
        RankVsDecode.decodeOnly(decoder, video, KernelChangePointSegmenter.FORMAT, 1000);
        v2g.segment(video);
        double[] dec = new double[repeats];
        double[] shots = new double[repeats];
        double[] decCpu = new double[repeats];
        double[] shotsCpu = new double[repeats];
        long frames = 0;
        Ranking r = null;
        for (int i = 0; i < repeats; i++) {
            long c0 = RankVsDecode.processCpuNanos();
            long t0 = System.nanoTime();
            frames = RankVsDecode.decodeOnly(decoder, video, KernelChangePointSegmenter.FORMAT, Long.MAX_VALUE);
            long t1 = System.nanoTime();
            long c1 = RankVsDecode.processCpuNanos();
            r = v2g.segment(video);
            long t2 = System.nanoTime();
            long c2 = RankVsDecode.processCpuNanos();
            dec[i] = (t1 - t0) / 1e9;
            shots[i] = (t2 - t1) / 1e9;
            decCpu[i] = (c1 - c0) / 1e9;
            shotsCpu[i] = (c2 - c1) / 1e9;
            System.out.printf(Locale.ROOT, "  run %d: decode-only %.2f s (cpu %.2f s), shots %.2f s (cpu %.2f s), "
                    + "wall ratio %.3f, cpu ratio %.3f%n", i + 1, dec[i], decCpu[i], shots[i], shotsCpu[i],
                    shots[i] / dec[i], shotsCpu[i] / decCpu[i]);
        }
        double d = RankVsDecode.median(dec);
        double s = RankVsDecode.median(shots);
        System.out.printf(Locale.ROOT, "frames %d; %d cuts, %d transitions, %d shots, %d candidates%n", frames,
                r.segmentation().cuts().size(), r.segmentation().transitions().size(),
                r.segmentation().shots().size(), r.segmentation().candidates().size());
        System.out.printf(Locale.ROOT, "decode-only: median %.2f s (%.0f frames/s), cpu %.2f s%n", d, frames / d,
                RankVsDecode.median(decCpu));
        System.out.printf(Locale.ROOT, "shots:       median %.2f s (%.0f frames/s), cpu %.2f s%n", s, frames / s,
                RankVsDecode.median(shotsCpu));
        System.out.printf(Locale.ROOT, "ratio shots / decode-only: wall %.3f, cpu time %.3f%n", s / d,
                RankVsDecode.median(shotsCpu) / RankVsDecode.median(decCpu));
        return r;
    }

    private static void memory(Path video) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                ShotsVsDecode.class.getName(), "--child", video.toString());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
        if (pb.start().waitFor() != 0) {
            throw new IllegalStateException("the child JVM failed for " + video);
        }
    }

    private static void child(Path video) throws Exception {
        long t0 = System.nanoTime();
        Ranking r = Video2Gif.builder().segmenter("shots").build().segment(video);
        double wall = (System.nanoTime() - t0) / 1e9;
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "fresh JVM, -Xmx48m: %d frames segmented in %.1f s, peak RSS %.1f MB, "
                + "peak heap %.1f MB%n", r.video().frameCount(), wall, RankVsDecode.peakRssMb(), heapPeak / 1048576.0);
    }
}
