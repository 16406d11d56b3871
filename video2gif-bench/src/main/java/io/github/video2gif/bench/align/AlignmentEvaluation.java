package io.github.video2gif.bench.align;

import io.github.video2gif.api.DecodeOptions;
import io.github.video2gif.api.FrameStream;
import io.github.video2gif.api.ProgressListener;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.VideoDecoder;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import io.github.video2gif.bench.align.GifMaker.Crop;
import io.github.video2gif.bench.align.GifMaker.Spec;
import io.github.video2gif.core.align.GifAligner;
import io.github.video2gif.core.align.GifAlignment;
import io.github.video2gif.core.align.HashTrack;
import io.github.video2gif.core.align.SyntheticFootage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Measures GIF-to-video alignment on real footage (issue 8): GIFs are cut from Big Buck Bunny at known times with
 * different widths, frame rates (5-15 fps), palettes and dithering, some cropped or captioned, and aligned with
 * the video; the mean start and end errors are reported. Negatives check that GIFs from other footage are not
 * matched: GIFs from {@code big_buck_bunny_432_433.webm} (a later scene of the same film), GIFs from the second
 * half of the 30 s clip aligned against its first half only, and GIFs of synthetic footage.
 *
 * <pre>
 * java -cp ... io.github.video2gif.bench.align.AlignmentEvaluation [DATA_DIR] [--gifs N] [--seed S] [--keep DIR]
 * </pre>
 * DATA_DIR defaults to {@code ../shared/data} (the folder holding {@code bbb/}).
 */
public final class AlignmentEvaluation {
    private static final String[] CAPTIONS = {"WHEN YOU WAKE UP", "me on monday", "NOPE", "this is fine",
        "BIG BUCK BUNNY", "when the wifi drops"};

    private AlignmentEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of("../shared/data");
        int count = 24;
        long seed = 8;
        Path keep = null;
        boolean reuse = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--gifs" -> count = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--keep" -> keep = Path.of(args[++i]);
                case "--reuse" -> reuse = true;
                default -> data = Path.of(args[i]);
            }
        }
        Path video = data.resolve("bbb/big_buck_bunny_0_30.webm");
        Path otherVideo = data.resolve("bbb/big_buck_bunny_432_433.webm");
        if (!Files.isRegularFile(video) || !Files.isRegularFile(otherVideo)) {
            System.err.println("Big Buck Bunny clips not found under " + data.toAbsolutePath() + "/bbb");
            System.exit(2);
        }
        Path dir = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("align-eval");
        VideoDecoder decoder = new GrabberVideoDecoder();
        GifAligner aligner = new GifAligner();

        long t0 = System.nanoTime();
        HashTrack track = aligner.hashVideo(video, decoder, ProgressListener.NONE);
        double hashSec = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "video %s: %d frames decoded and hashed (%d views) in %.2f s%n",
                video.getFileName(), track.size(), track.views().size(), hashSec);

        // Positives.
        Random rnd = new Random(seed);
        List<Spec> specs = positives(rnd, count, track.endSec());
        List<double[]> errors = new ArrayList<>();
        int found = 0;
        System.out.println();
        System.out.println("GIF (start+duration fps width crop caption palette)          found  start err  end err"
                + "  conf   sep     margin  speed  view");
        for (int i = 0; i < specs.size(); i++) {
            Spec s = specs.get(i);
            Path gif = dir.resolve(String.format(Locale.ROOT, "pos-%02d.gif", i));
            if (!reuse || !Files.exists(gif)) {
                GifMaker.make(video, 640, s, gif);
            }
            GifAlignment a = aligner.align(gif, video, track, decoder);
            double es = a.startSec() - s.startSec();
            double ee = a.endSec() - s.endSec();
            if (a.found()) {
                found++;
                errors.add(new double[] {Math.abs(es), Math.abs(ee)});
            }
            System.out.printf(Locale.ROOT, "%-62s %-5s %+8.3f %+8.3f  %.3f %6.2f %6.2f  %.3f  %s%n", s, a.found(),
                    es, ee, a.confidence(), a.separation(), a.frameMargin(), a.speed(), view(a));
        }
        double[] startErr = errors.stream().mapToDouble(e -> e[0]).sorted().toArray();
        double[] endErr = errors.stream().mapToDouble(e -> e[1]).sorted().toArray();
        System.out.printf(Locale.ROOT, "%nPositives: %d of %d found; over the found ones mean |start error| %.3f s,"
                        + " mean |end error| %.3f s, median %.3f / %.3f s, max %.3f / %.3f s%n", found,
                specs.size(), mean(startErr), mean(endErr), median(startErr), median(endErr), max(startErr),
                max(endErr));

        // Negatives.
        List<String> negatives = new ArrayList<>();
        int falseMatches = 0;
        System.out.println();
        System.out.println("Negative GIF                                                   found  conf   separation"
                + " frameMargin");
        // (a) A later scene of the same film.
        for (int i = 0; i < 4; i++) {
            Spec s = new Spec(0.05 * i, 0.9 - 0.05 * i, new double[] {8, 10, 12, 15}[i], 240 + 40 * i,
                    i == 2 ? Crop.CENTRE_10 : Crop.NONE, i == 3 ? CAPTIONS[1] : null, 128, false, false, i % 2 == 0);
            Path gif = dir.resolve("neg-432-" + i + ".gif");
            if (!reuse || !Files.exists(gif)) {
                GifMaker.make(otherVideo, 640, s, gif);
            }
            falseMatches += negative("432_433 " + s, aligner.align(gif, video, track, decoder), negatives);
        }
        // (b) The second half of the clip against the first half only.
        FirstSeconds firstHalfDecoder = new FirstSeconds(decoder, 14.0);
        HashTrack firstHalf = aligner.hashVideo(video, firstHalfDecoder, ProgressListener.NONE);
        for (int i = 0; i < 6; i++) {
            Spec s = new Spec(16 + 2 * i, 2 + (i % 3), new double[] {5, 8, 10, 12, 15, 10}[i], 200 + 40 * i,
                    i == 4 ? Crop.SQUARE : Crop.NONE, i == 5 ? CAPTIONS[0] : null, 256, i == 1, false, i % 2 == 1);
            Path gif = dir.resolve("neg-half-" + i + ".gif");
            if (!reuse || !Files.exists(gif)) {
                GifMaker.make(video, 640, s, gif);
            }
            falseMatches += negative("2nd half vs 1st " + s, aligner.align(gif, video, firstHalf, firstHalfDecoder),
                    negatives);
        }
        // (c) Synthetic footage, written through the same GIF path.
        SyntheticFootage synthetic = new SyntheticFootage(seed, 20, 24);
        for (int i = 0; i < 4; i++) {
            Path gif = dir.resolve("neg-synthetic-" + i + ".gif");
            SyntheticGif.write(synthetic, 2 + 4 * i, 3, 10, 320, gif);
            falseMatches += negative("synthetic footage at " + (2 + 4 * i) + " s",
                    aligner.align(gif, video, track, decoder), negatives);
        }
        System.out.printf(Locale.ROOT, "%nNegatives: %d false matches out of %d%n", falseMatches, negatives.size());
        if (Boolean.getBoolean("video2gif.align.rules")) {
            ruleSweep(dir, specs, track, firstHalf);
        }
        System.out.println("GIFs written to " + dir.toAbsolutePath());
    }

    /** How other decision thresholds would fare on the GIFs just written (hash stage only). */
    private static void ruleSweep(Path dir, List<Spec> specs, HashTrack track, HashTrack firstHalf) throws Exception {
        GifAligner hashes = new GifAligner();
        double[][] rules = {{3, 2}, {3, 2.5}, {3, 3}, {3, 4}, {4, 2}, {4, 3}, {5, 2}, {2, 3}, {2, 4}};
        System.out.println();
        for (double[] rule : rules) {
            io.github.video2gif.core.align.LineFitMatcher m = new io.github.video2gif.core.align.LineFitMatcher(
                    new io.github.video2gif.core.align.LineFitMatcher.Options(0.5, 2.0, 6, 12, 0.3, 32, rule[0],
                            rule[1]));
            int tp = 0;
            for (int i = 0; i < specs.size(); i++) {
                GifAlignment a = m.match(hashes.hashGif(dir.resolve(String.format(Locale.ROOT, "pos-%02d.gif", i))),
                        track);
                tp += a.found() && Math.abs(a.startSec() - specs.get(i).startSec()) < 0.5 ? 1 : 0;
            }
            int fp = 0;
            int negatives = 0;
            try (var files = Files.list(dir)) {
                for (Path p : files.filter(f -> f.getFileName().toString().startsWith("neg-")).toList()) {
                    HashTrack against = p.getFileName().toString().startsWith("neg-half") ? firstHalf : track;
                    fp += m.match(hashes.hashGif(p), against).found() ? 1 : 0;
                    negatives++;
                }
            }
            System.out.printf(Locale.ROOT, "RULE separation >= %.1f, frame margin >= %.1f: %d of %d true found, %d of"
                    + " %d false%n", rule[0], rule[1], tp, specs.size(), fp, negatives);
        }
    }

    /** Random GIF cuts spread over the clip with the variety the issue asks for. */
    static List<Spec> positives(Random rnd, int count, double videoEnd) {
        Crop[] crops = {Crop.NONE, Crop.NONE, Crop.CENTRE_10, Crop.SQUARE};
        double[] rates = {5, 6, 8, 10, 12, 15};
        int[] widths = {160, 200, 240, 320, 400, 480};
        int[] colours = {16, 32, 64, 128, 256};
        List<Spec> specs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double duration = 2 + rnd.nextInt(5) * 0.5;
            double start = Math.round((0.2 + rnd.nextDouble() * (videoEnd - duration - 0.5)) * 100) / 100.0;
            specs.add(new Spec(start, duration, rates[i % rates.length], widths[rnd.nextInt(widths.length)],
                    crops[rnd.nextInt(crops.length)], rnd.nextInt(3) == 0 ? CAPTIONS[rnd.nextInt(CAPTIONS.length)]
                    : null, colours[rnd.nextInt(colours.length)], rnd.nextInt(4) == 0, rnd.nextBoolean(),
                    rnd.nextBoolean()));
        }
        return specs;
    }

    private static int negative(String name, GifAlignment a, List<String> log) {
        System.out.printf(Locale.ROOT, "%-62s %-5s %.3f  %6.2f  %6.2f%n", name.length() > 62 ? name.substring(0, 62)
                : name, a.found(), a.confidence(), a.separation(), a.frameMargin());
        log.add(name);
        return a.found() ? 1 : 0;
    }

    private static String view(GifAlignment a) {
        return (a.view().aspect() > 0 ? String.format(Locale.ROOT, "%.2f:1 ", a.view().aspect()) : "")
                + "x" + a.view().zoom() + (a.view().band() ? " band" : "");
    }

    static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    static double median(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : 0.5 * (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]);
    }

    static double max(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    /** A decoder that shows only the first seconds of every video (the rest "does not exist"). */
    static final class FirstSeconds implements VideoDecoder {
        private final VideoDecoder inner;
        private final double seconds;

        FirstSeconds(VideoDecoder inner, double seconds) {
            this.inner = inner;
            this.seconds = seconds;
        }

        @Override
        public VideoInfo probe(Path video) throws Video2GifException {
            VideoInfo i = inner.probe(video);
            return new VideoInfo(i.path(), Math.min(seconds, i.durationSec()), i.fps(),
                    Math.min(i.frameCount(), Math.round(seconds * i.fps())), i.width(), i.height(),
                    i.rotationDegrees(), i.codec());
        }

        @Override
        public FrameStream open(Path video, DecodeOptions options) throws Video2GifException {
            FrameStream s = inner.open(video, new DecodeOptions(options.format(), options.startSec(),
                    Math.min(options.endSec(), seconds)));
            VideoInfo info = probe(video);
            return new FrameStream() {
                @Override
                public VideoInfo info() {
                    return info;
                }

                @Override
                public int[] frameSize() {
                    return s.frameSize();
                }

                @Override
                public VideoFrame next() throws Video2GifException {
                    return s.next();
                }

                @Override
                public void close() {
                    s.close();
                }
            };
        }
    }
}
