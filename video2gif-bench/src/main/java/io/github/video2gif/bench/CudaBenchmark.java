package io.github.video2gif.bench;

import io.github.video2gif.Video2Gif;
import io.github.video2gif.api.FrameFormat;
import io.github.video2gif.api.FrameStream;
import io.github.video2gif.api.DecodeOptions;
import io.github.video2gif.api.Ranking;
import io.github.video2gif.api.ScoredSegment;
import io.github.video2gif.api.Scorer;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.core.c3d.C3dFeatureExtractor;
import io.github.video2gif.core.c3d.C3dWeights;
import io.github.video2gif.core.c3d.SnippetMean;
import io.github.video2gif.core.io.NdArray;
import io.github.video2gif.core.synthetic.SyntheticVideo;
import io.github.video2gif.core.synthetic.SyntheticVideoDecoder;
import io.github.video2gif.cuda.CudaProbe;
import io.github.video2gif.cuda.GpuC3dNetwork;
import io.github.video2gif.cuda.GpuDevice;
import io.github.video2gif.cuda.GpuMlp;
import io.github.video2gif.cuda.Layout;
import io.github.video2gif.cuda.Precision;
import io.github.video2gif.cuda.RandomC3dWeights;

import io.github.video2gif.ffmpeg.FfmpegVideoDecoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The GPU backend's benchmark harness (plain {@code main}; see {@code video2gif-bench/README.md}, "CUDA backend"):
 * <ul>
 *   <li>{@code c3d}: C3D snippets per second at the released model's size (random weights, which cost the same),
 *       batch sizes 1 to 256, per precision: the GPU's time alone (CUDA events, data on the card) and whole calls
 *       from Java arrays (page-locked copies, transfers overlapping compute across chunks), with the achieved
 *       FLOP/s and its fraction of the card's peak;</li>
 *   <li>{@code mlp}: the Video2GIF MLP (4096-512-128-1) forward, vectors and pairs per second;</li>
 *   <li>{@code rank [minutes] [precision]}: the time to rank a generated video (default 20 minutes, 25 fps)
 *       end to end through the facade: frames rendered at 171 x 128 (no codec), segmentation, C3D on the GPU,
 *       pooling, the MLP on the GPU; and, in the same run, the time to render the frames alone;</li>
 *   <li>{@code rank-file [minutes] [precision]}: a generated H.264 file (default 5 minutes, 640 x 360, 25 fps,
 *       made on first use in {@code bench-videos/}) decoded by FFmpeg: the time to decode it alone at 171 x 128,
 *       against the time to rank it end to end with C3D and the MLP on the GPU, with the C3D batches run one after
 *       the other and overlapped with the preparation of the next ({@code c3d.overlap});</li>
 *   <li>{@code parity DIR}: GPU against CPU reference outputs written by {@link CudaParityReference};</li>
 *   <li>{@code bbb FILE}: the top-5 segments of a real clip (FFmpeg decoding) under fp32, fp16 and bf16, with
 *       random released-shape weights;</li>
 *   <li>{@code train [DIR]}: RankNet training on the GPU against the CPU's for the same seed, and its speed at the
 *       paper's sizes ({@link TrainingParity}); the CPU's results come from ND4J in this process or, where it is
 *       not on the class path, from {@code DIR} ({@link CudaParityReference}).</li>
 * </ul>
 * Without a usable GPU it prints {@code no GPU: <reason>} and exits 0.
 */
public final class CudaBenchmark {
    private static final int[] BATCHES = {1, 2, 4, 8, 16, 32, 64, 128, 256};

    private CudaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int device = Integer.getInteger("video2gif.cuda.device", 0);
        Availability a = CudaProbe.availability(device);
        if (!a.available()) {
            System.out.println("no GPU: " + a.reason());
            return;
        }
        GpuDevice gpu = CudaProbe.probe(device).device().orElseThrow();
        System.out.println("device: " + gpu);
        System.out.println("java: " + System.getProperty("java.version") + ", " + Runtime.getRuntime()
                .availableProcessors() + " CPUs");
        String what = args.length == 0 ? "c3d" : args[0];
        boolean ok = true;
        switch (what) {
            case "c3d" -> c3d(gpu, args.length > 1 ? precisions(args[1], gpu) : precisions("all", gpu));
            case "mlp" -> mlp(gpu);
            case "rank" -> rank(gpu, args.length > 1 ? Double.parseDouble(args[1]) : 20,
                    args.length > 2 ? Precision.parse(args[2]) : Precision.FP32);
            case "rank-file" -> rankFile(gpu, args.length > 1 ? Double.parseDouble(args[1]) : 5,
                    args.length > 2 ? Precision.parse(args[2]) : Precision.FP32);
            case "parity" -> ok = CudaParityCheck.run(gpu, Path.of(args[1]));
            case "bbb" -> bbb(gpu, Path.of(args[1]));
            case "train" -> {
                Path dir = args.length > 1 ? Path.of(args[1]) : null;
                ok = TrainingParity.check(gpu, dir);
                System.out.println(ok ? "training parity: all PASS" : "training parity: FAILURES");
                TrainingParity.speed(gpu, dir);
            }
            default -> {
                System.out.println("usage: CudaBenchmark c3d [fp32,fp16,bf16] | mlp | rank [minutes] [precision]"
                        + " | rank-file [minutes] [precision] | parity DIR | bbb FILE | train [DIR]");
                System.exit(2);
            }
        }
        if (!ok) {
            System.exit(1);
        }
    }

    static List<Precision> precisions(String spec, GpuDevice gpu) {
        List<Precision> out = new ArrayList<>();
        for (String s : spec.equals("all") ? new String[] {"fp32", "fp16", "bf16"} : spec.split(",")) {
            Precision p = Precision.parse(s);
            if (p == Precision.BF16 && gpu.computeCapability() < 80) {
                System.out.println("skipping bf16: needs compute capability 8.0");
                continue;
            }
            out.add(p);
        }
        return out;
    }

    // ---- C3D ----

    static void c3d(GpuDevice gpu, List<Precision> precisions) {
        long t0 = System.nanoTime();
        C3dWeights w = RandomC3dWeights.released(7);
        float[] input = RandomC3dWeights.snippets(256, 8);
        System.out.printf(Locale.ROOT, "random released-shape weights and 256 snippets made in %.1f s%n",
                (System.nanoTime() - t0) / 1e9);
        for (Precision p : precisions) {
            for (Layout layout : Layout.values()) {
                boolean main = layout == Layout.defaultFor(p);
                try {
                    c3d(gpu, w, input, p, layout, main ? BATCHES : new int[] {32});
                } catch (RuntimeException e) {
                    // one unsupported precision/layout pair must not hide the others' numbers
                    System.out.printf(Locale.ROOT, "%nC3D %s %s: NOT RUN: %s%n", p.key(), layout.key(), e.getMessage());
                }
            }
        }
    }

    static void c3d(GpuDevice gpu, C3dWeights w, float[] input, Precision p, Layout layout, int[] batches) {
        GpuC3dNetwork.Options o = GpuC3dNetwork.Options.of(p).withLayout(layout).withMaxBatch(256)
                .withDevice(gpu.index());
        long t0 = System.nanoTime();
        try (GpuC3dNetwork net = new GpuC3dNetwork(w, o)) {
            double flops = net.flopsPerSnippet();
            OptionalDouble peak = DevicePeak.peak(gpu, p);
            System.out.printf(Locale.ROOT, "%nC3D %s %s: network ready in %.2f s, chunks of up to %d snippets, %.1f"
                            + " GFLOP per snippet, peak %s%n", p.key(), layout.key(), (System.nanoTime() - t0) / 1e9,
                    net.maxChunk(), flops / 1e9, peak.isPresent() ? String.format(Locale.ROOT, "%.1f TFLOP/s",
                            peak.getAsDouble() / 1e12) : "unknown");
            net.fc6(input, Math.min(net.maxChunk(), 256)); // real values into the staging buffer; warms up
            System.out.println("| batch | GPU only: snippets/s | TFLOP/s | of peak | whole call: snippets/s | ms per"
                    + " call |");
            System.out.println("|---|---|---|---|---|---|");
            for (int b : batches) {
                // the GPU's time for b snippets: full chunks, then the rest
                int full = b / net.maxChunk();
                int rest = b % net.maxChunk();
                double gpuTime = 0;
                if (full > 0) {
                    gpuTime += full * adaptive(passes -> net.timeForward(net.maxChunk(), passes));
                }
                if (rest > 0) {
                    gpuTime += adaptive(passes -> net.timeForward(rest, passes));
                }
                double gpuRate = b / gpuTime;
                double tflops = gpuRate * flops / 1e12;
                // whole calls from Java arrays: pinned copy, transfer, compute, fc6 back
                net.fc6(input, b);
                int calls = Math.max(2, (int) Math.min(20, Math.ceil(0.5 / gpuTime)));
                long c0 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    net.fc6(input, b);
                }
                double perCall = (System.nanoTime() - c0) / 1e9 / calls;
                System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %s | %.1f | %.1f |%n", b, gpuRate, tflops,
                        peak.isPresent() ? String.format(Locale.ROOT, "%.1f %%", 100 * tflops * 1e12
                                / peak.getAsDouble()) : "?", b / perCall, perCall * 1e3);
            }
            System.out.println("algorithms at batch " + Math.min(32, net.maxChunk()) + ": "
                    + net.algorithms(Math.min(32, net.maxChunk())));
        }
    }

    interface Timed {
        double seconds(int passes);
    }

    /** Seconds per pass: a first measurement decides how many passes make about 0.4 s (at least 2, at most 50). */
    static double adaptive(Timed t) {
        double first = t.seconds(1);
        int passes = (int) Math.max(2, Math.min(50, Math.ceil(0.4 / Math.max(first, 1e-6))));
        return t.seconds(passes);
    }

    // ---- MLP ----

    static List<GpuMlp.Layer> randomMlp(long seed, int... widths) {
        SplittableRandom r = new SplittableRandom(seed);
        List<GpuMlp.Layer> out = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            float[] w = new float[widths[i] * widths[i + 1]];
            float[] b = new float[widths[i + 1]];
            double scale = Math.sqrt(6.0 / widths[i]);
            for (int k = 0; k < w.length; k++) {
                w[k] = (float) ((r.nextDouble() * 2 - 1) * scale);
            }
            for (int k = 0; k < b.length; k++) {
                b[k] = (float) (r.nextDouble() * 0.2 - 0.1);
            }
            out.add(new GpuMlp.Layer(widths[i], widths[i + 1], w, b));
        }
        return out;
    }

    static void mlp(GpuDevice gpu) {
        List<GpuMlp.Layer> layers = randomMlp(3, 4096, 512, 128, 1);
        int maxRows = 65536;
        try (GpuMlp mlp = new GpuMlp(layers, gpu.index(), maxRows)) {
            double flopsPerRow = 2.0 * mlp.multiplyAddsPerRow();
            OptionalDouble peak = DevicePeak.peak(gpu, Precision.FP32);
            System.out.printf(Locale.ROOT, "%nMLP 4096-512-128-1 forward, fp32 (no TF32), %.2f MFLOP per vector%n",
                    flopsPerRow / 1e6);
            SplittableRandom r = new SplittableRandom(4);
            float[][] x = new float[8192][4096];
            for (float[] row : x) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = (float) r.nextDouble();
                }
            }
            mlp.score(x); // real values on the card
            System.out.println("| rows | GPU only: vectors/s | pairs/s (2 vectors each) | TFLOP/s | of fp32 peak |");
            System.out.println("|---|---|---|---|---|");
            for (int rows : new int[] {100, 1024, 8192, 65536}) {
                double s = adaptive(passes -> mlp.timeForward(rows, passes));
                double rate = rows / s;
                double tflops = rate * flopsPerRow / 1e12;
                System.out.printf(Locale.ROOT, "| %d | %.3g | %.3g | %.1f | %s |%n", rows, rate, rate / 2, tflops,
                        peak.isPresent() ? String.format(Locale.ROOT, "%.1f %%", 100 * tflops * 1e12
                                / peak.getAsDouble()) : "?");
            }
            long t0 = System.nanoTime();
            int calls = 5;
            for (int i = 0; i < calls; i++) {
                mlp.score(x);
            }
            double perCall = (System.nanoTime() - t0) / 1e9 / calls;
            System.out.printf(Locale.ROOT, "whole score() calls of 8192 vectors from Java arrays: %.3g vectors/s"
                    + " (%.1f ms per call)%n", 8192 / perCall, perCall * 1e3);
        }
    }

    /** Scores pooled features with a GPU MLP. */
    static Scorer scorer(GpuMlp mlp) {
        return new Scorer() {
            @Override
            public int dimension() {
                return mlp.inputDimension();
            }

            @Override
            public Optional<String> featureExtractor() {
                return Optional.of("cuda");
            }

            @Override
            public double[] score(float[][] features) {
                return mlp.score(features);
            }
        };
    }

    static SnippetMean randomMean(long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        float[] m = new float[3 * 16 * 128 * 171];
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) (90 + r.nextDouble() * 60);
        }
        return SnippetMean.of(new NdArray(new int[] {3, 16, 128, 171}, m), null);
    }

    // ---- end to end ----

    static void rank(GpuDevice gpu, double minutes, Precision precision) throws Exception {
        SyntheticVideo video = SyntheticVideo.random(42, minutes * 60, 640, 360, 25);
        Path path = Path.of("generated-" + minutes + "min.mp4");
        SyntheticVideoDecoder decoder = new SyntheticVideoDecoder().register(path, video);
        System.out.printf(Locale.ROOT, "%nrank a generated %.0f-minute video (%d frames at 25 fps, rendered at the"
                + " analysis size, no codec), C3D %s on the GPU, the MLP on the GPU%n", minutes, video.frameCount(),
                precision.key());
        long t0 = System.nanoTime();
        long frames = 0;
        try (FrameStream s = decoder.open(path, DecodeOptions.whole(FrameFormat.exact(SnippetMean.WIDTH,
                SnippetMean.HEIGHT)))) {
            while (s.next() != null) {
                frames++;
            }
        }
        double render = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "rendering the %d frames at 171 x 128 alone: %.1f s (%.0f frames/s)%n", frames,
                render, frames / render);
        C3dWeights w = RandomC3dWeights.released(7);
        try (GpuC3dNetwork net = new GpuC3dNetwork(w, GpuC3dNetwork.Options.of(precision).withDevice(gpu.index()));
             GpuMlp mlp = new GpuMlp(randomMlp(3, 4096, 512, 128, 1), gpu.index(), 4096)) {
            Video2Gif v2g = Video2Gif.builder().decoder(decoder)
                    .featureExtractor(new C3dFeatureExtractor(net, randomMean(5), null,
                            new C3dFeatureExtractor.Options(8, 32, false, false)))
                    .scorer(scorer(mlp)).build();
            long r0 = System.nanoTime();
            Ranking ranking = v2g.analyze(path);
            double total = (System.nanoTime() - r0) / 1e9;
            long snippets = (video.frameCount() - 16) / 8 + 2;
            System.out.printf(Locale.ROOT, "ranked %d candidates in %.1f s end to end (about %d snippets: %.0f"
                            + " snippets/s through the whole pipeline); best: %s%n", ranking.segments().size(), total,
                    snippets, snippets / total, ranking.segments().isEmpty() ? "-" : ranking.segments().get(0));
        }
    }

    static void rankFile(GpuDevice gpu, double minutes, Precision precision) throws Exception {
        Path file = BenchVideos.synthetic(Path.of("bench-videos"), minutes, 640, 360, 25);
        FfmpegVideoDecoder decoder = new FfmpegVideoDecoder();
        System.out.printf(Locale.ROOT, "%nrank %s (H.264, FFmpeg decoding at 171 x 128 with its default threads), C3D"
                + " %s and the MLP on the GPU; decode-only in the same run%n", file.getFileName(), precision.key());
        C3dWeights w = RandomC3dWeights.released(7);
        SnippetMean mean = randomMean(5);
        try (GpuC3dNetwork net = new GpuC3dNetwork(w, GpuC3dNetwork.Options.of(precision).withDevice(gpu.index()));
             GpuMlp mlp = new GpuMlp(randomMlp(3, 4096, 512, 128, 1), gpu.index(), 4096)) {
            int rounds = 3; // round 0 warms up
            double[] decodeTimes = new double[rounds - 1];
            double[] serialTimes = new double[rounds - 1];
            double[] overlapTimes = new double[rounds - 1];
            long snippets = 0;
            for (int round = 0; round < rounds; round++) {
                long t0 = System.nanoTime();
                long frames = 0;
                try (FrameStream s = decoder.open(file, DecodeOptions.whole(FrameFormat.exact(SnippetMean.WIDTH,
                        SnippetMean.HEIGHT)))) {
                    while (s.next() != null) {
                        frames++;
                    }
                }
                double decode = (System.nanoTime() - t0) / 1e9;
                snippets = (frames - 16) / 8 + 2;
                double[] ranked = new double[2];
                for (int mode = 0; mode < 2; mode++) {
                    C3dFeatureExtractor.Options o = new C3dFeatureExtractor.Options(8, 32, false, false, mode == 1);
                    Video2Gif v2g = Video2Gif.builder().decoder(decoder)
                            .featureExtractor(new C3dFeatureExtractor(net, mean, null, o)).scorer(scorer(mlp)).build();
                    StackSampler sampler = round == rounds - 1 && mode == 1 ? new StackSampler(Set.of("main",
                            "video2gif-decode", "video2gif-features", "video2gif-c3d-forward"), 3) : null;
                    long r0 = System.nanoTime();
                    v2g.analyze(file);
                    ranked[mode] = (System.nanoTime() - r0) / 1e9;
                    if (sampler != null) {
                        System.out.println("where the threads were during the last overlapped run (stack samples):");
                        sampler.print(8);
                    }
                }
                System.out.printf(Locale.ROOT, "round %d: decode-only %.2f s (%d frames, %.0f frames/s); rank with"
                                + " batches in series %.2f s, overlapped %.2f s%s%n", round, decode, frames,
                        frames / decode, ranked[0], ranked[1], round == 0 ? " (warm-up)" : "");
                if (round > 0) {
                    decodeTimes[round - 1] = decode;
                    serialTimes[round - 1] = ranked[0];
                    overlapTimes[round - 1] = ranked[1];
                }
            }
            double d = RankVsDecode.median(decodeTimes);
            double sr = RankVsDecode.median(serialTimes);
            double ov = RankVsDecode.median(overlapTimes);
            System.out.printf(Locale.ROOT, "median: decode-only %.2f s; rank in series %.2f s (%.0f snippets/s, %.2fx"
                            + " decode-only); rank overlapped %.2f s (%.0f snippets/s, %.2fx decode-only)%n", d, sr,
                    snippets / sr, sr / d, ov, snippets / ov, ov / d);
        }
    }

    // ---- a real clip under three precisions ----

    static void bbb(GpuDevice gpu, Path clip) throws Exception {
        C3dWeights w = RandomC3dWeights.released(7);
        SnippetMean mean = randomMean(5);
        System.out.printf(Locale.ROOT, "%ntop-5 segments of %s (FFmpeg decoding, mirrored snippets as the release,"
                + " random released-shape weights and MLP) per precision%n", clip.getFileName());
        List<List<ScoredSegment>> tops = new ArrayList<>();
        List<double[]> allScores = new ArrayList<>();
        for (Precision p : precisions("all", gpu)) {
            try (GpuC3dNetwork net = new GpuC3dNetwork(w, GpuC3dNetwork.Options.of(p).withDevice(gpu.index()));
                 GpuMlp mlp = new GpuMlp(randomMlp(3, 4096, 512, 128, 1), gpu.index(), 4096)) {
                Video2Gif v2g = Video2Gif.builder()
                        .featureExtractor(new C3dFeatureExtractor(net, mean, null,
                                new C3dFeatureExtractor.Options(8, 32, true, false)))
                        .scorer(scorer(mlp)).build();
                long t0 = System.nanoTime();
                Ranking r = v2g.analyze(clip);
                double s = (System.nanoTime() - t0) / 1e9;
                List<ScoredSegment> sorted = r.segments();
                List<ScoredSegment> top = r.top(5);
                tops.add(top);
                double[] byStart = sorted.stream().sorted((x, y) -> Double.compare(x.segment().startSec(),
                        y.segment().startSec())).mapToDouble(ScoredSegment::score).toArray();
                allScores.add(byStart);
                System.out.printf(Locale.ROOT, "%s: %d candidates in %.1f s; top 5: %s%n", p.key(), sorted.size(), s,
                        describe(top));
            }
        }
        for (int i = 1; i < tops.size(); i++) {
            boolean same = describe(tops.get(i)).equals(describe(tops.get(0)));
            double worst = 0;
            double range = Arrays.stream(allScores.get(0)).max().orElse(0) - Arrays.stream(allScores.get(0)).min()
                    .orElse(0);
            for (int k = 0; k < allScores.get(0).length; k++) {
                worst = Math.max(worst, Math.abs(allScores.get(i)[k] - allScores.get(0)[k]));
            }
            System.out.printf(Locale.ROOT, "precision %d vs fp32: same top-5 order: %s; largest score difference %.3g"
                    + " (%.2g of the fp32 score range)%n", i, same, worst, worst / Math.max(range, 1e-30));
        }
    }

    private static String describe(List<ScoredSegment> top) {
        StringBuilder b = new StringBuilder();
        for (ScoredSegment s : top) {
            b.append(String.format(Locale.ROOT, "[%.2f-%.2f s]", s.segment().startSec(), s.segment().endSec()));
        }
        return b.toString();
    }
}
