package io.github.video2gif.bench;

import io.github.video2gif.api.FeatureExtractor;
import io.github.video2gif.api.MeanFeatureTrack;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import io.github.video2gif.core.c3d.C3dFeatureExtractor;
import io.github.video2gif.core.c3d.C3dNetwork;
import io.github.video2gif.core.c3d.C3dWeights;
import io.github.video2gif.core.c3d.PaperModel;
import io.github.video2gif.core.io.NdArray;
import io.github.video2gif.core.io.NpyReader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * C3D on the CPU: snippets per second of {@link C3dNetwork} at the released model's size (random weights), with
 * the GFLOP/s that implies, against a straightforward ND4J forward pass (channels-first, a fresh array per layer)
 * in the same run; and the full-size parity check against {@code make_fixtures.py --full DIR}.
 *
 * <pre>
 *   java -cp video2gif-bench/target/benchmarks.jar io.github.video2gif.bench.C3dCpuBenchmark speed [reps]
 *   java -cp ... io.github.video2gif.bench.C3dCpuBenchmark parity DIR
 *   java -cp ... io.github.video2gif.bench.C3dCpuBenchmark rank VIDEO DIR [batch]
 *   java -cp ... io.github.video2gif.bench.C3dCpuBenchmark resize VIDEO [frames]
 * </pre>
 * {@code resize} compares the network's input pixels when the decoder scales to 171 x 128 (FFmpeg, scaler from
 * {@code video2gif.ffmpeg.scaler}) with the release's own bilinear resize of the original frames.
 * {@code rank} times the authors' demo on one video with the model files in DIR: decode (with whatever
 * {@code VideoDecoder} provider is on the class path) at 171 x 128, C3D snippets every 8 frames with the mirrored
 * average, segment score = mean of snippet scores over uniform 5 s segments, sorted.
 */
public final class C3dCpuBenchmark {
    /** Multiply-adds per snippet of the released C3D (the "38.5 GFLOP" usually quoted). */
    static final double GMAC_PER_SNIPPET = 38.5;

    private C3dCpuBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "speed";
        switch (mode) {
            case "speed" -> speed(args.length > 1 ? Integer.parseInt(args[1]) : 3);
            case "parity" -> parity(Path.of(args[1]));
            case "resize" -> resize(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 100);
            case "rank" -> rank(Path.of(args[1]), Path.of(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 4);
            default -> throw new IllegalArgumentException("usage: speed [reps] | parity DIR | rank VIDEO DIR [batch]");
        }
    }

    static void speed(int reps) throws Exception {
        C3dWeights w = randomReleasedShape(7);
        System.out.printf(Locale.ROOT, "C3D %s: %.2f G multiply-adds per snippet, %d parameters, %d cores%n", w,
                w.multiplyAddsPerSnippet() / 1e9, w.parameterCount(), Runtime.getRuntime().availableProcessors());
        C3dNetwork net = new C3dNetwork(w);
        Naive naive = new Naive(w, false);
        Naive naiveLast = new Naive(w, true);
        float[] input = new float[8 * C3dNetwork.SNIPPET_VALUES];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) (r.nextDouble() * 255 - 128);
        }
        // same numbers from both
        float[][] a = net.fc6(input, 1);
        float[][] b = naive.fc6(input, 1);
        double err = 0;
        double scale = 0;
        for (int k = 0; k < a[0].length; k++) {
            err = Math.max(err, Math.abs(a[0][k] - b[0][k]));
            scale = Math.max(scale, Math.abs(b[0][k]));
        }
        System.out.printf(Locale.ROOT, "agreement with the straightforward pass: max |diff| %.3g of max %.3g%n",
                err, scale);
        float[][] c = naiveLast.fc6(input, 1);
        for (int k = 0; k < a[0].length; k++) {
            err = Math.max(err, Math.abs(c[0][k] - b[0][k]));
        }
        System.out.printf(Locale.ROOT, "and with its channels-last variant: max |diff| %.3g%n", err);
        int[] batches = {1, 2, 4, 8};
        for (int round = 0; round < 2; round++) { // two rounds, interleaved, against machine noise
            for (int batch : batches) {
                report("C3dNetwork (channels-last, reused buffers)", batch, time(() -> net.fc6(input, batch), reps),
                        reps);
            }
            for (int batch : new int[] {1, 4}) {
                report("straightforward ND4J (channels-first, fresh arrays)", batch,
                        time(() -> naive.fc6(input, batch), reps), reps);
                report("straightforward ND4J (channels-last, fresh arrays)", batch,
                        time(() -> naiveLast.fc6(input, batch), reps), reps);
            }
        }
    }

    interface Pass {
        void run();
    }

    static double time(Pass p, int reps) {
        p.run(); // warm-up: JIT, oneDNN kernels, buffers
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            p.run();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    static void report(String what, int batch, double seconds, int reps) {
        double perSnippet = seconds / (reps * batch);
        System.out.printf(Locale.ROOT, "%-52s batch %d: %.3f s/snippet, %.2f snippets/s, %.1f GFLOP/s at 38.5"
                + " GFLOP (multiply-adds) per snippet%n", what, batch, perSnippet, 1 / perSnippet,
                GMAC_PER_SNIPPET / perSnippet);
    }

    static C3dWeights randomReleasedShape(long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        List<NdArray> arrays = new ArrayList<>();
        int[] ch = {64, 128, 256, 256, 512, 512, 512, 512};
        int in = 3;
        for (int c : ch) {
            arrays.add(random(r, new int[] {c, in, 3, 3, 3}, Math.sqrt(2.0 / (27 * in))));
            arrays.add(random(r, new int[] {c}, 0.1));
            in = c;
        }
        arrays.add(random(r, new int[] {8192, 4096}, Math.sqrt(2.0 / 8192)));
        arrays.add(random(r, new int[] {4096}, 0.1));
        return C3dWeights.of(arrays, null);
    }

    static NdArray random(SplittableRandom r, int[] shape, double scale) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((r.nextDouble() * 2 - 1) * scale * Math.sqrt(3));
        }
        return new NdArray(shape, v);
    }

    /** Full-size parity with the numpy reference written by make_fixtures.py --full DIR. */
    static void parity(Path dir) throws Exception {
        long t0 = System.nanoTime();
        PaperModel model = PaperModel.load(dir.resolve("c3d_model.pkl"), dir.resolve("snipplet_mean.npy"),
                dir.resolve("video2gif_weights.npz"));
        System.out.printf(Locale.ROOT, "loaded the full-size model in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        NdArray fc6 = NpyReader.readArray(dir.resolve("expected_fc6.npy"));
        NdArray scores = NpyReader.readArray(dir.resolve("expected_scores.npy"));
        int dim = fc6.dim(2);
        for (boolean scoring : new boolean[] {false, true}) {
            C3dFeatureExtractor.Options o = new C3dFeatureExtractor.Options(8, 2, true, false);
            FeatureExtractor fx = scoring ? model.snippetScoreExtractor(o) : model.featureExtractor(
                    new C3dFeatureExtractor.Options(8, 2, false, false));
            MeanFeatureTrack track;
            long t1 = System.nanoTime();
            try (FeatureExtractor.Session s = fx.start(new VideoInfo(dir.resolve("x"), 0.96, 25, 24, 171, 128, 0,
                    "synthetic"))) {
                for (int t = 0; t < 24; t++) {
                    s.accept(frame(t));
                }
                track = (MeanFeatureTrack) s.finish();
            }
            double secs = (System.nanoTime() - t1) / 1e9;
            for (int u = 0; u < track.units(); u++) {
                float[] got = track.unit(u);
                if (scoring) {
                    double want = (scores.get(u, 0) + scores.get(u, 1)) / 2;
                    System.out.printf(Locale.ROOT, "snippet %d mirrored-mean score: java %.6f numpy %.6f rel. err %.2e%n",
                            u, got[0], want, Math.abs(got[0] - want) / Math.abs(want));
                } else {
                    double err = 0;
                    double scale = 0;
                    for (int k = 0; k < dim; k++) {
                        err = Math.max(err, Math.abs(got[k] - fc6.get(u, 0, k)));
                        scale = Math.max(scale, Math.abs(fc6.get(u, 0, k)));
                    }
                    double[] s = model.head().score(new float[][] {got});
                    double want = scores.get(u, 0);
                    System.out.printf(Locale.ROOT, "snippet %d fc6 (%d values): max |err| / max |value| = %.2e;"
                            + " score java %.6f numpy %.6f rel. err %.2e%n", u, dim, err / scale, s[0], want,
                            Math.abs(s[0] - want) / Math.abs(want));
                }
            }
            System.out.printf(Locale.ROOT, "(%s: %.1f s for 24 frames)%n", scoring ? "scores, mirrored" : "fc6",
                    secs);
        }
    }

    static void rank(Path video, Path dir, int batch) throws Exception {
        long t0 = System.nanoTime();
        PaperModel model = PaperModel.load(dir.resolve("c3d_model.pkl"), dir.resolve("snipplet_mean.npy"),
                dir.resolve("video2gif_weights.npz"));
        double load = (System.nanoTime() - t0) / 1e9;
        var decoder = io.github.video2gif.api.spi.Providers.select(
                io.github.video2gif.api.spi.VideoDecoderProvider.KIND, null,
                io.github.video2gif.api.Config.defaults()).provider()
                .create(io.github.video2gif.api.Config.defaults());
        FeatureExtractor fx = model.snippetScoreExtractor(new C3dFeatureExtractor.Options(8, batch, true, false));
        long t1 = System.nanoTime();
        MeanFeatureTrack track;
        VideoInfo info;
        long frames = 0;
        try (var stream = decoder.open(video, io.github.video2gif.api.DecodeOptions.whole(fx.frameFormat()))) {
            info = stream.info();
            try (FeatureExtractor.Session s = fx.start(info)) {
                for (VideoFrame f = stream.next(); f != null; f = stream.next()) {
                    s.accept(f);
                    frames++;
                }
                track = (MeanFeatureTrack) s.finish();
            }
        }
        long perSegment = Math.max(1, Math.round(5 * info.fps()));
        List<double[]> ranked = new ArrayList<>();
        for (long start = 0; start < frames; start += perSegment) {
            long end = Math.min(frames, start + perSegment);
            var seg = new io.github.video2gif.api.Segment(start, end, start / info.fps(), end / info.fps());
            ranked.add(new double[] {start, end, track.pool(seg)[0]});
        }
        ranked.sort((a, b) -> Double.compare(b[2], a[2]));
        double secs = (System.nanoTime() - t1) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %d frames at %.2f fps, %d snippets x 2 (mirrored), %d segments of 5 s;"
                + " model load %.1f s, decode + C3D + scoring + ranking %.1f s (%.2f snippets/s)%n", video.getFileName(),
                frames, info.fps(), track.units(), ranked.size(), load, secs, 2 * track.units() / secs);
        for (double[] r : ranked) {
            System.out.printf(Locale.ROOT, "  frames %5.0f-%5.0f score %.4f%n", r[0], r[1], r[2]);
        }
    }

    static void resize(Path video, int maxFrames) throws Exception {
        var config = io.github.video2gif.api.Config.defaults();
        var decoder = io.github.video2gif.api.spi.Providers.select(
                io.github.video2gif.api.spi.VideoDecoderProvider.KIND, null, config).provider().create(config);
        float[] a = new float[io.github.video2gif.core.c3d.SnippetPreprocessor.FRAME_VALUES];
        float[] b = new float[a.length];
        double sum = 0;
        double max = 0;
        long n = 0;
        try (var scaled = decoder.open(video, io.github.video2gif.api.DecodeOptions.whole(
                io.github.video2gif.api.FrameFormat.exact(171, 128)));
             var original = decoder.open(video, io.github.video2gif.api.DecodeOptions.whole(
                     io.github.video2gif.api.FrameFormat.original()))) {
            for (int i = 0; i < maxFrames; i++) {
                VideoFrame fs = scaled.next();
                VideoFrame fo = original.next();
                if (fs == null || fo == null) {
                    break;
                }
                io.github.video2gif.core.c3d.SnippetPreprocessor.prepareFrame(fs, a);
                io.github.video2gif.core.c3d.SnippetPreprocessor.prepareFrame(fo, b);
                for (int k = 0; k < a.length; k++) {
                    double d = Math.abs(a[k] - b[k]);
                    sum += d;
                    max = Math.max(max, d);
                }
                n += a.length;
                if (i == 0) {
                    System.out.printf(Locale.ROOT, "original frames %dx%d%n", fo.width(), fo.height());
                }
            }
        }
        System.out.printf(Locale.ROOT, "decoder scaler %s vs release bilinear: mean |diff| %.2f, max %.0f"
                + " (0-255 scale) over %d values%n", config.string("ffmpeg.scaler", "area"), sum / n, max, n);
    }

    /** make_fixtures.frame_pixels(). */
    static VideoFrame frame(int t) {
        int h = 128;
        int w = 171;
        byte[] rgb = new byte[h * w * 3];
        int i = 0;
        for (long y = 0; y < h; y++) {
            for (long x = 0; x < w; x++) {
                for (long ch = 0; ch < 3; ch++) {
                    long v = ((t * 73856093L) ^ (y * 19349663L) ^ (x * 83492791L) ^ (ch * 2654435761L)) & 0xffffffffL;
                    v = (v * 2246822519L) & 0xffffffffL;
                    rgb[i++] = (byte) (v >>> 24);
                }
            }
        }
        return new VideoFrame(t, t / 25.0, w, h, rgb);
    }

    /**
     * The obvious way to write C3D with ND4J: a new array for every result, channels-first (as the weights and the
     * release) or channels-last.
     */
    static final class Naive {
        final INDArray[] w = new INDArray[8];
        final INDArray[] b = new INDArray[8];
        final INDArray fc6W;
        final INDArray fc6B;
        final boolean last;

        Naive(C3dWeights weights, boolean channelsLast) {
            this.last = channelsLast;
            for (int i = 0; i < 8; i++) {
                w[i] = nd(weights.convWeights(i));
                b[i] = nd(weights.convBias(i));
            }
            fc6W = nd(weights.fc6Weights());
            fc6B = nd(weights.fc6Bias()).reshape(1, weights.featureDimension());
        }

        static INDArray nd(NdArray a) {
            long[] s = new long[a.rank()];
            for (int i = 0; i < s.length; i++) {
                s[i] = a.dim(i);
            }
            return Nd4j.create(a.data(), s, 'c');
        }

        float[][] fc6(float[] input, int n) {
            // input is (n, 16, 112, 112, 3)
            INDArray x = Nd4j.create(java.util.Arrays.copyOf(input, n * C3dNetwork.SNIPPET_VALUES),
                    new long[] {n, 16, 112, 112, 3}, 'c');
            if (!last) {
                x = x.permute(0, 4, 1, 2, 3).dup('c');
            }
            int c = last ? 4 : 1;
            for (int i = 0; i < 8; i++) {
                long[] s = x.shape();
                s[c] = w[i].size(0);
                INDArray out = Nd4j.createUninitialized(DataType.FLOAT, s, 'c');
                Nd4j.exec(DynamicCustomOp.builder("conv3dnew").addInputs(x, w[i], b[i]).addOutputs(out)
                        .addIntegerArguments(3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, last ? 1 : 0, 1).build());
                x = Transforms.relu(out, false);
                int kd = i == 0 ? 1 : (i == 1 || i == 3 || i == 5 || i == 7) ? 2 : 0;
                if (i == 7) {
                    s = x.shape();
                    int hAxis = last ? 2 : 3;
                    long[] ps = s.clone();
                    ps[hAxis]++;
                    ps[hAxis + 1]++;
                    INDArray p = Nd4j.zeros(DataType.FLOAT, ps);
                    org.nd4j.linalg.indexing.INDArrayIndex[] view = new org.nd4j.linalg.indexing.INDArrayIndex[5];
                    for (int k = 0; k < 5; k++) {
                        view[k] = k == hAxis || k == hAxis + 1 ? NDArrayIndex.interval(0, s[k]) : NDArrayIndex.all();
                    }
                    p.get(view).assign(x);
                    x = p;
                }
                if (kd > 0) {
                    s = x.shape();
                    long[] ps = s.clone();
                    int d0 = last ? 1 : 2;
                    ps[d0] /= kd;
                    ps[d0 + 1] /= 2;
                    ps[d0 + 2] /= 2;
                    INDArray pooled = Nd4j.createUninitialized(DataType.FLOAT, ps, 'c');
                    Nd4j.exec(DynamicCustomOp.builder("maxpool3dnew").addInputs(x).addOutputs(pooled)
                            .addIntegerArguments(kd, 2, 2, kd, 2, 2, 0, 0, 0, 1, 1, 1, 0, 0, last ? 1 : 0).build());
                    x = pooled;
                }
            }
            if (last) {
                x = x.permute(0, 4, 1, 2, 3).dup('c');
            }
            INDArray f = Transforms.relu(x.reshape(n, -1).mmul(fc6W).addiRowVector(fc6B), false);
            return f.toFloatMatrix();
        }
    }
}
