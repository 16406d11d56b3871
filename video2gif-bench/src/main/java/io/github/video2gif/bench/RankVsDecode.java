package io.github.video2gif.bench;

import io.github.video2gif.Video2Gif;
import io.github.video2gif.api.DecodeOptions;
import io.github.video2gif.api.FrameFormat;
import io.github.video2gif.api.FrameStream;
import io.github.video2gif.api.Ranking;
import io.github.video2gif.api.VideoDecoder;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.spi.Providers;
import io.github.video2gif.api.spi.VideoDecoderProvider;
import io.github.video2gif.api.Config;
import io.github.video2gif.core.feature.CueFeatureExtractor;
import io.github.video2gif.core.synthetic.SyntheticVideo;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * End-to-end harness: the wall time of {@code Video2Gif.analyze} (decode + segment + features + score) against
 * decode-only (the same decoder at the same analysis size, frames discarded) on the same file in the same run,
 * and the peak memory of ranking a short and a long video, each in a fresh JVM with the same heap limit: peak
 * resident set size (VmHWM) and the peak live heap (heap in use right after a collection).
 *
 * <pre>
 * java -cp video2gif-bench/target/benchmarks.jar io.github.video2gif.bench.RankVsDecode \
 *      [--minutes 5] [--repeats 3] [--video FILE] [--memory 1,20] [--child-heap 128m]
 *      [--dir video2gif-bench/target/bench-videos]
 * </pre>
 * Videos are generated once (640x360, 25 fps, H.264) from {@link SyntheticVideo#random} and kept in
 * {@code --dir}.
 */
public final class RankVsDecode {
    private RankVsDecode() {
    }

    public static void main(String[] argv) throws Exception {
        List<String> args = Arrays.asList(argv);
        if (args.size() == 2 && args.get(0).equals("--child-rank")) {
            childRank(Path.of(args.get(1)));
            return;
        }
        double minutes = Double.parseDouble(opt(args, "--minutes", "5"));
        int repeats = Integer.parseInt(opt(args, "--repeats", "3"));
        Path dir = Path.of(opt(args, "--dir", "video2gif-bench/target/bench-videos"));
        String memory = opt(args, "--memory", "");
        childHeap = opt(args, "--child-heap", childHeap);
        Path video = opt(args, "--video", null) != null ? Path.of(opt(args, "--video", null))
                : BenchVideos.synthetic(dir, minutes, 640, 360, 25);

        if (repeats > 0) {
            timeRankAgainstDecode(video, repeats);
        }
        if (!memory.isEmpty()) {
            System.out.println();
            System.out.println("peak memory of rank, each in a fresh JVM (-Xmx" + childHeap + "):");
            System.out.printf(Locale.ROOT, "%8s  %10s  %12s  %14s  %10s%n", "minutes", "frames", "peak RSS MB",
                    "live heap MB", "wall s");
            double firstRss = 0;
            for (String m : memory.split(",")) {
                Path v = BenchVideos.synthetic(dir, Double.parseDouble(m), 640, 360, 25);
                String[] r = runChild(v);
                double rss = Double.parseDouble(r[1]);
                if (firstRss == 0) {
                    firstRss = rss;
                }
                System.out.printf(Locale.ROOT, "%8s  %10s  %12.1f  %14.1f  %10s   (RSS %.2fx the first)%n", m, r[0],
                        rss, Double.parseDouble(r[2]), r[3], rss / firstRss);
            }
        }
    }

    private static void timeRankAgainstDecode(Path video, int repeats) throws Exception {
        VideoDecoder decoder = Providers.select(VideoDecoderProvider.KIND, null, Config.defaults()).provider()
                .create(Config.defaults());
        Video2Gif v2g = Video2Gif.builder().decoder(decoder).build();
        FrameFormat format = CueFeatureExtractor.FORMAT;
        System.out.printf(Locale.ROOT, "video: %s%n", video);
        // warm-up: JIT and native libraries
        decodeOnly(decoder, video, format, 500);
        v2g.analyze(video);
        double[] dec = new double[repeats];
        double[] rank = new double[repeats];
        double[] decCpu = new double[repeats];
        double[] rankCpu = new double[repeats];
        long frames = 0;
        int candidates = 0;
        for (int i = 0; i < repeats; i++) {
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            frames = decodeOnly(decoder, video, format, Long.MAX_VALUE);
            long t1 = System.nanoTime();
            long c1 = processCpuNanos();
            Ranking r = v2g.analyze(video);
            long t2 = System.nanoTime();
            long c2 = processCpuNanos();
            candidates = r.segments().size();
            dec[i] = (t1 - t0) / 1e9;
            rank[i] = (t2 - t1) / 1e9;
            decCpu[i] = (c1 - c0) / 1e9;
            rankCpu[i] = (c2 - c1) / 1e9;
            System.out.printf(Locale.ROOT, "  run %d: decode-only %.2f s (cpu %.2f s), rank %.2f s (cpu %.2f s), "
                    + "wall ratio %.3f, cpu ratio %.3f%n", i + 1, dec[i], decCpu[i], rank[i], rankCpu[i],
                    rank[i] / dec[i], rankCpu[i] / decCpu[i]);
        }
        double d = median(dec);
        double r = median(rank);
        System.out.printf(Locale.ROOT, "frames %d, candidates %d, analysis size %dx%d%n", frames, candidates,
                format.resolve(640, 360)[0], format.resolve(640, 360)[1]);
        System.out.printf(Locale.ROOT, "decode-only: median %.2f s (%.0f frames/s)%n", d, frames / d);
        System.out.printf(Locale.ROOT, "rank:        median %.2f s (%.0f frames/s)%n", r, frames / r);
        System.out.printf(Locale.ROOT, "ratio rank / decode-only: wall %.3f (target <= 1.5), cpu time %.3f%n", r / d,
                median(rankCpu) / median(decCpu));
    }

    static long decodeOnly(VideoDecoder decoder, Path video, FrameFormat format, long max) throws Exception {
        long n = 0;
        try (FrameStream s = decoder.open(video, DecodeOptions.whole(format))) {
            VideoFrame f;
            while (n < max && (f = s.next()) != null) {
                n++;
            }
        }
        return n;
    }

    private static void childRank(Path video) throws Exception {
        // the live heap: the heap in use right after each collection, sampled; its peak over the run
        long[] livePeak = {0};
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long live = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                        live += pool.getCollectionUsage().getUsed();
                    }
                }
                synchronized (livePeak) {
                    livePeak[0] = Math.max(livePeak[0], live);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long t0 = System.nanoTime();
        Ranking r = Video2Gif.rank(video);
        double wall = (System.nanoTime() - t0) / 1e9;
        sampler.interrupt();
        sampler.join();
        System.out.printf(Locale.ROOT, "RESULT %d %.1f %.1f %.1f%n", r.video().frameCount(), peakRssMb(),
                livePeak[0] / 1048576.0, wall);
    }

    private static String childHeap = "128m";

    private static String[] runChild(Path video) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx" + childHeap, "-cp", System.getProperty("java.class.path"),
                RankVsDecode.class.getName(), "--child-rank", video.toString());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        String result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    result = line.substring(7);
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException("the child JVM failed for " + video);
        }
        return result.split(" ");
    }

    /** CPU time of this process, all threads, in nanoseconds. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    /** VmHWM of this process in MB (Linux). */
    static double peakRssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static String opt(List<String> args, String name, String def) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : def;
    }

}
