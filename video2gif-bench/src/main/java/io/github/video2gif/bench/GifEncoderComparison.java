package io.github.video2gif.bench;

import io.github.video2gif.api.GifOptions;
import io.github.video2gif.api.GifWriter;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.core.gif.DitherMethod;
import io.github.video2gif.core.gif.JavaGifEncoder;
import io.github.video2gif.core.gif.JavaGifSettings;
import io.github.video2gif.core.gif.Ssim;
import io.github.video2gif.bench.BenchClips.Clip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares the pure-Java GIF encoder with FFmpeg's palettegen+paletteuse ({@link FfmpegPaletteGif}) on the same
 * decoded, scaled frames, in one run: SSIM of the GIF's frames against the source frames, file size and encode
 * time, per clip and as ratios.
 *
 * <p>Clips: Big Buck Bunny seconds 0-30 cut into 5 s pieces at 360 px and 10 fps (decoded with JavaCV's
 * {@code FFmpegFrameGrabber}), and generated scenes ({@link SyntheticClips}) at the same size. Run with
 * <pre>
 * java -cp video2gif-bench/target/benchmarks.jar io.github.video2gif.bench.GifEncoderComparison \
 *      [--video PATH] [--runs 5] [--warmup 3] [--out DIR] [--dither blue-noise] [--lossy 0] [--lossy-mse 4]
 *      [--still N] [--clips bbb-5s,gen-noisy] [--colors N] [--threads N]
 * </pre>
 * Times are the median of {@code --runs} timed encodes after {@code --warmup} untimed ones (the JIT needs them;
 * FFmpeg gets the same). SSIM is computed on BT.601 luma and as the mean over R, G, B ({@link Ssim}), per source
 * frame against the GIF frame showing at the middle of that source frame's time.
 */
public final class GifEncoderComparison {
    private static final int FPS = BenchClips.FPS;

    private record Result(long bytes, double ssimY, double ssimRgb, double millis) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        Path video = Paths.get(opt.getOrDefault("video", defaultVideo()));
        int runs = Integer.parseInt(opt.getOrDefault("runs", "5"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "3"));
        Path outDir = Paths.get(opt.getOrDefault("out", "target/gif-comparison"));
        Files.createDirectories(outDir);
        JavaGifSettings settings = JavaGifSettings.DEFAULT;
        if (opt.containsKey("dither")) {
            settings = settings.withDither(DitherMethod.parse(opt.get("dither")));
        }
        if (opt.containsKey("strength")) {
            settings = settings.withDitherStrength(Double.parseDouble(opt.get("strength")));
        }
        if (opt.containsKey("lossy")) {
            settings = settings.withLossy(Integer.parseInt(opt.get("lossy")));
        }
        if (opt.containsKey("lossy-mse")) {
            settings = settings.withLossyMse(Integer.parseInt(opt.get("lossy-mse")));
        }
        if (opt.containsKey("still")) {
            settings = settings.withStillThreshold(Integer.parseInt(opt.get("still")));
        }
        if (opt.containsKey("threads")) {
            settings = settings.withThreads(Integer.parseInt(opt.get("threads")));
        }
        String only = opt.get("clips");
        GifOptions gifOptions = opt.containsKey("colors")
                ? new GifOptions(0, FPS, 0, Integer.parseInt(opt.get("colors"))) : GifOptions.DEFAULT;

        List<Clip> clips = new ArrayList<>();
        if (Files.isRegularFile(video)) {
            clips.addAll(BenchClips.real(video));
        } else {
            System.out.println("(no real clip: " + video + " not found)");
        }
        clips.addAll(BenchClips.synthetic());
        int[] size = {clips.get(0).frames().get(0).width(), clips.get(0).frames().get(0).height()};
        if (only != null) {
            List<String> names = Arrays.asList(only.split(","));
            clips.removeIf(c -> names.stream().noneMatch(c.name()::startsWith));
        }
        System.out.printf(Locale.ROOT, "%d clips, %dx%d, %d fps; Java settings %s; %d cores%n", clips.size(),
                size[0], size[1], FPS, settings, Runtime.getRuntime().availableProcessors());

        JavaGifEncoder java = new JavaGifEncoder(settings);
        FfmpegPaletteGif.load();
        // JIT warm-up on every clip before anything is timed
        for (int i = 0; i < warmup; i++) {
            for (Clip c : clips) {
                encodeJava(java, c, outDir.resolve(c.name() + "-java.gif"), gifOptions);
            }
        }
        List<String[]> rows = new ArrayList<>();
        double logSize = 0;
        double logTime = 0;
        double worstDeltaY = Double.MAX_VALUE;
        double worstDeltaRgb = Double.MAX_VALUE;
        double maxSize = 0;
        double maxTime = 0;
        List<String> missQuality = new ArrayList<>();
        List<String> missSize = new ArrayList<>();
        List<String> missTime = new ArrayList<>();
        long totalF = 0;
        long totalJ = 0;
        for (Clip c : clips) {
            Path ff = outDir.resolve(c.name() + "-ffmpeg.gif");
            Path jv = outDir.resolve(c.name() + "-java.gif");
            FfmpegPaletteGif.write(c.frames(), FPS, ff); // warm-up
            double[] tf = new double[runs];
            double[] tj = new double[runs];
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                FfmpegPaletteGif.write(c.frames(), FPS, ff);
                tf[r] = (System.nanoTime() - t0) / 1e6;
                t0 = System.nanoTime();
                encodeJava(java, c, jv, gifOptions);
                tj[r] = (System.nanoTime() - t0) / 1e6;
            }
            Result rf = measure(c, ff, RankVsDecode.median(tf));
            Result rj = measure(c, jv, RankVsDecode.median(tj));
            double sizeRatio = (double) rj.bytes() / rf.bytes();
            double timeRatio = rj.millis() / rf.millis();
            logSize += Math.log(sizeRatio);
            logTime += Math.log(timeRatio);
            worstDeltaY = Math.min(worstDeltaY, rj.ssimY() - rf.ssimY());
            worstDeltaRgb = Math.min(worstDeltaRgb, rj.ssimRgb() - rf.ssimRgb());
            maxSize = Math.max(maxSize, sizeRatio);
            maxTime = Math.max(maxTime, timeRatio);
            rows.add(new String[] {c.name(),
                fmt("%.4f", rf.ssimY()), fmt("%.4f", rj.ssimY()), fmt("%+.4f", rj.ssimY() - rf.ssimY()),
                fmt("%.4f", rf.ssimRgb()), fmt("%.4f", rj.ssimRgb()), fmt("%+.4f", rj.ssimRgb() - rf.ssimRgb()),
                fmt("%.1f", rf.bytes() / 1024.0), fmt("%.1f", rj.bytes() / 1024.0), fmt("%.3f", sizeRatio),
                fmt("%.0f", rf.millis()), fmt("%.0f", rj.millis()), fmt("%.3f", timeRatio)});
            if (rj.ssimY() < rf.ssimY() - 0.005 || rj.ssimRgb() < rf.ssimRgb() - 0.005) {
                missQuality.add(c.name());
            }
            if (sizeRatio > 0.7) {
                missSize.add(c.name());
            }
            if (timeRatio > 0.5) {
                missTime.add(c.name());
            }
            totalF += rf.bytes();
            totalJ += rj.bytes();
            System.out.println("  done " + c.name());
        }
        String[] head = {"clip", "SSIM-Y ffmpeg", "SSIM-Y java", "ΔY", "SSIM-RGB ffmpeg", "SSIM-RGB java", "ΔRGB",
            "KiB ffmpeg", "KiB java", "size ratio", "ms ffmpeg", "ms java", "time ratio"};
        System.out.println();
        System.out.println("| " + String.join(" | ", head) + " |");
        System.out.println("|" + "---|".repeat(head.length));
        for (String[] r : rows) {
            System.out.println("| " + String.join(" | ", r) + " |");
        }
        int n = rows.size();
        System.out.printf(Locale.ROOT, "%nGeometric mean size ratio %.3f (worst %.3f), time ratio %.3f (worst %.3f);"
                + " worst SSIM difference Y %+.4f, RGB %+.4f%n", Math.exp(logSize / n), maxSize,
                Math.exp(logTime / n), maxTime, worstDeltaY, worstDeltaRgb);
        System.out.printf(Locale.ROOT, "All clips together: %.1f KiB (java) vs %.1f KiB (ffmpeg), ratio %.3f%n",
                totalJ / 1024.0, totalF / 1024.0, (double) totalJ / totalF);
        System.out.printf(Locale.ROOT, "Targets: SSIM >= ffmpeg - 0.005: %s; size <= 0.7x: %s; time <= 0.5x: %s%n",
                verdict(missQuality), verdict(missSize), verdict(missTime));
    }

    private static void encodeJava(JavaGifEncoder encoder, Clip c, Path target, GifOptions options)
            throws IOException {
        VideoFrame f0 = c.frames().get(0);
        try (GifWriter w = encoder.open(target, f0.width(), f0.height(), options)) {
            for (VideoFrame f : c.frames()) {
                w.add(f, 1.0 / FPS);
            }
            w.finish();
        }
    }

    private static Result measure(Clip c, Path gif, double millis) throws IOException {
        GifFrames g = GifFrames.read(gif);
        List<VideoFrame> src = c.frames();
        int w = src.get(0).width();
        int h = src.get(0).height();
        if (g.width() != w || g.height() != h) {
            throw new IllegalStateException(gif + " is " + g.width() + "x" + g.height() + ", expected " + w + "x" + h);
        }
        double sy = 0;
        double srgb = 0;
        for (int i = 0; i < src.size(); i++) {
            byte[] shown = g.at((i + 0.5) * 100.0 / FPS);
            sy += Ssim.luma(src.get(i).rgb(), shown, w, h);
            srgb += Ssim.rgb(src.get(i).rgb(), shown, w, h);
        }
        return new Result(Files.size(gif), sy / src.size(), srgb / src.size(), millis);
    }

    private static String defaultVideo() {
        return BenchClips.defaultVideo();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: --name value ...; bad argument " + args[i]);
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }

    private static String verdict(List<String> misses) {
        return misses.isEmpty() ? "met on every clip" : "MISSED on " + String.join(", ", misses);
    }

    private static String fmt(String f, Object... a) {
        return String.format(Locale.ROOT, f, a);
    }
}
