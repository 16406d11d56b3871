package io.github.video2gif.ffmpeg.cli;

import io.github.video2gif.ExportOptions;
import io.github.video2gif.ExportedGif;
import io.github.video2gif.GifExport;
import io.github.video2gif.Video2Gif;
import io.github.video2gif.api.GifOptions;
import io.github.video2gif.api.ProgressListener;
import io.github.video2gif.api.Ranking;
import io.github.video2gif.api.ScoredSegment;
import io.github.video2gif.api.Segment;
import io.github.video2gif.api.Segmentation;
import io.github.video2gif.api.Transition;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.VideoInfo;
import io.github.video2gif.api.spi.FeatureExtractorProvider;
import io.github.video2gif.api.spi.GifEncoderProvider;
import io.github.video2gif.api.spi.Provider;
import io.github.video2gif.api.spi.ProviderKind;
import io.github.video2gif.api.spi.Providers;
import io.github.video2gif.api.spi.RankLossProvider;
import io.github.video2gif.api.spi.ScorerProvider;
import io.github.video2gif.api.spi.SegmenterProvider;
import io.github.video2gif.api.spi.VideoDecoderProvider;
import io.github.video2gif.api.RankLoss;
import io.github.video2gif.api.VideoNotFoundException;
import io.github.video2gif.core.c3d.C3dFeatureExtractorProvider;
import io.github.video2gif.core.c3d.PaperModelFormat;
import io.github.video2gif.core.dataset.Annotation;
import io.github.video2gif.core.dataset.AnnotationFile;
import io.github.video2gif.core.dataset.FeatureCache;
import io.github.video2gif.core.dataset.VideoAnalyzer;
import io.github.video2gif.core.gif.DitherMethod;
import io.github.video2gif.core.metrics.EvaluationReport;
import io.github.video2gif.core.metrics.FrameScoreEvaluation;
import io.github.video2gif.core.metrics.Metrics;
import io.github.video2gif.core.metrics.VideoScore;
import io.github.video2gif.core.synthetic.SyntheticVideo;
import io.github.video2gif.core.train.EpochStats;
import io.github.video2gif.core.train.ModelEvaluation;
import io.github.video2gif.core.train.RankNetTrainer;
import io.github.video2gif.core.train.TrainingBackend;
import io.github.video2gif.core.train.TrainingBackendProvider;
import io.github.video2gif.core.train.TrainingBackends;
import io.github.video2gif.core.train.TrainerConfig;
import io.github.video2gif.core.train.TrainingData;
import io.github.video2gif.core.train.TrainingResult;
import io.github.video2gif.core.train.TrainingSets;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code video2gif} command-line tool. Exit codes: 0 success, 2 bad input or usage (one line on stderr naming
 * the file and the problem), 1 internal error.
 */
public final class Main {
    static final String USAGE = """
            usage: video2gif <command> [options]

            commands:
              rank VIDEO [--top K] [--json]              rank the video's GIF candidates, best first
              gifs VIDEO --out DIR [--top K] [GIF options] [--json]
                                                         rank, then write the top K as GIFs (default 5)
              gif VIDEO --start SEC --end SEC -o OUT.gif [GIF options] [--json]
                                                         write one GIF of a time range
              shots VIDEO [--json]                       shot boundaries, transitions and shots
              demo [--out DIR] [--top K] [GIF options]   make a sample video, rank it, write its top GIFs
              providers                                  list the plug-ins found and which are available
              align GIF VIDEO [--json]                   where in VIDEO the GIF was cut from
              align --pairs FILE --out ANNOTATIONS       a batch (GIF<TAB>VIDEO[<TAB>VIEWS] lines) into
                                                         the annotation format train reads
              train --annotations FILE --videos DIR --out MODEL [--loss NAME] [--epochs N] [--seed S] [--models N]
                    [--device cpu|cuda|auto]             train a RankNet on annotated videos (loss: adaptive-huber,
                                                         huber, l1, l2, classification; default adaptive-huber) on the
                                                         CPU or an NVIDIA GPU (default auto: the GPU if one can run)
              eval --model MODEL --annotations FILE --videos DIR [--json]
                                                         nMSD and AP of a model per video and on average
              eval --frame-scores FILE [--json]          nMSD and AP of given frame scores (JSON)
              convert-weights --c3d-weights PKL --c3d-mean NPY --model NPZ --out MODEL
                                                         convert the authors' released model into one file of ours

            options for rank, gifs, shots, demo, train and eval:
              --segmenter NAME  --scorer NAME  --features NAME  --decoder NAME  --gif-encoder NAME
              --set KEY=VALUE   a provider setting (repeatable), e.g. --set segmenter.max-seconds=5
                --quiet           no progress bar            --debug   stack traces and FFmpeg's log
              --model FILE      score with a model: ours (train or convert-weights), or the authors' MLP (.npz)
                                together with --c3d-weights c3d_model.pkl --c3d-mean snipplet_mean.npy
              --cache DIR       (train, eval) keep each video's features on disk and reuse them

            GIF options (gif, gifs, demo):
              --width PX        frame width (default 360; 0 keeps the source width)
              --fps N           frame rate (default 10)
              --colors N        palette size, 2-256 (default 256)
              --loop N          0 loops forever (the default), N plays N+1 times, -1 plays once
              --dither NAME     none (the default), bayer, blue-noise or sierra-lite
              --lossy N         lossy LZW, 0 (lossless, the default) to 200: smaller files, some noise
              --max-bytes N     fit each GIF in N bytes (e.g. 800000, 500k, 2M, 512KiB) by choosing the width,
                                frame rate, colours and lossiness; says what it chose
              --loop-window S   let the start and the end move up to S seconds (within the video, and for gifs
                                within the shot) to where the loop's seam is least visible; reports a loop score
              --bounce          play forward, then backward
              --format F        gif (the default), webp (animated WebP) or mp4 (H.264); gif takes it from
                                -o's extension too. --colors, --dither, --lossy and --max-bytes are for GIFs only
            """;


    private static final Set<String> VALUED = Set.of("top", "out", "output", "width", "fps", "start", "end",
            "segmenter", "scorer", "features", "decoder", "gif-encoder", "set", "colors", "loop", "model", "c3d-weights",
            "c3d-mean", "annotations", "videos", "loss", "epochs", "seed", "models", "frame-scores", "cache", "pairs",
            "dither", "lossy", "max-bytes", "loop-window", "format", "device");
    private static final Set<String> FLAGS = Set.of("json", "quiet", "debug", "help", "bounce");

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    Main(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        int code = new Main(out, System.err, System.console() != null).run(args);
        out.flush();
        System.exit(code);
    }

    /** Runs one command; returns the exit code. */
    int run(String... argv) {
        boolean debug = Arrays.asList(argv).contains("--debug");
        if (debug) {
            System.setProperty("video2gif.debug", "true");
        }
        ProgressBar bar = null;
        try {
            if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h") || argv[0].equals("help")) {
                out.print(USAGE);
                return argv.length == 0 ? 2 : 0;
            }
            String command = argv[0];
            Args args = Args.parse(Arrays.asList(argv).subList(1, argv.length), VALUED, FLAGS);
            if (args.flag("help")) {
                out.print(USAGE);
                return 0;
            }
            bar = terminal && !args.flag("quiet") ? new ProgressBar(err) : null;
            ProgressListener progress = bar != null ? bar : ProgressListener.NONE;
            switch (command) {
                case "rank" -> rank(args, progress);
                case "gifs" -> gifs(args, progress);
                case "gif" -> gif(args, progress);
                case "shots" -> shots(args, progress);
                case "demo" -> demo(args, progress);
                case "providers" -> providers();
                case "align" -> AlignCommand.run(args, progress, out, () -> finishBar(progress));
                case "train" -> train(args, progress);
                case "eval" -> eval(args, progress);
                case "convert-weights" -> convertWeights(args);
                default -> throw new Args.UsageException("unknown command \"" + command + "\" (try video2gif --help)");
            }
            if (bar != null) {
                bar.finish();
            }
            return 0;
        } catch (Video2GifException e) {
            finish(bar);
            err.println("video2gif: " + oneLine(e.getMessage()));
            if (debug) {
                e.printStackTrace(err);
            }
            return 2;
        } catch (IllegalArgumentException | io.github.video2gif.api.spi.ProviderUnavailableException e) {
            // usage mistakes, bad settings, unknown or unavailable providers
            finish(bar);
            err.println("video2gif: " + oneLine(e.getMessage()));
            if (debug) {
                e.printStackTrace(err);
            }
            return 2;
        } catch (RuntimeException | Error e) {
            finish(bar);
            err.println("video2gif: internal error: " + oneLine(String.valueOf(e)) + (debug ? "" : " (--debug for details)"));
            if (debug) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    private static void finish(ProgressBar bar) {
        if (bar != null) {
            bar.finish();
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    private Video2Gif build(Args args, ProgressListener progress) throws Video2GifException {
        Video2Gif.Builder b = Video2Gif.builder().progress(progress);
        if (args.string("segmenter") != null) {
            b.segmenter(args.string("segmenter"));
        }
        if (args.string("scorer") != null) {
            b.scorer(args.string("scorer"));
        }
        if (args.string("features") != null) {
            b.featureExtractor(args.string("features"));
        }
        if (args.string("decoder") != null) {
            b.decoder(args.string("decoder"));
        }
        if (args.string("gif-encoder") != null) {
            b.gifEncoder(args.string("gif-encoder"));
        }
        model(args, b);
        for (String kv : args.all("set")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new Args.UsageException("--set needs KEY=VALUE, was \"" + kv + "\"");
            }
            b.option(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        if (args.string("dither") != null) {
            b.dither(DitherMethod.parse(args.string("dither")));
        }
        if (args.string("lossy") != null) {
            b.lossy(args.integer("lossy", 0, 0, 200));
        }
        b.gifOptions(gifOptions(args));
        b.exportOptions(exportOptions(args, null));
        return b.build();
    }

    /**
     * --format, --max-bytes, --loop-window, --bounce, checked against each other and against the GIF-only options.
     *
     * @param output the -o file of the gif command (its extension may give the format), else {@code null}
     */
    static ExportOptions exportOptions(Args args, Path output) {
        String asked = args.string("format");
        Set<String> formats = formats();
        if (asked != null) {
            asked = asked.trim().toLowerCase(Locale.ROOT);
            if (!formats.contains(asked)) {
                throw new Args.UsageException("unknown --format \"" + args.string("format") + "\": use "
                        + String.join(", ", formats));
            }
        }
        String named = output == null ? null : extension(output);
        if (named != null && !formats.contains(named)) {
            named = null;
        }
        if (asked != null && named != null && !asked.equals(named)) {
            throw new Args.UsageException("-o " + output + " names a " + named + " file but --format is " + asked
                    + "; name it ." + asked + " or leave out --format");
        }
        String format = asked != null ? asked : named != null ? named : "gif";
        boolean gif = format.equals("gif");
        if (!gif) {
            for (String option : List.of("colors", "dither", "lossy", "max-bytes")) {
                if (args.string(option) != null) {
                    throw new Args.UsageException("--" + option + " is for GIF output; it does not apply to "
                            + format.toUpperCase(Locale.ROOT) + " (--format " + format + ")");
                }
            }
        }
        long maxBytes = 0;
        if (args.string("max-bytes") != null) {
            try {
                maxBytes = ExportOptions.parseBytes(args.string("max-bytes"));
            } catch (IllegalArgumentException e) {
                throw new Args.UsageException("--max-bytes: " + e.getMessage());
            }
            if (args.string("lossy") != null) {
                throw new Args.UsageException("--max-bytes chooses the lossiness itself; leave out --lossy");
            }
            String encoder = args.string("gif-encoder");
            if (encoder != null && !encoder.equals("java")) {
                throw new Args.UsageException("--max-bytes needs the java GIF encoder, not --gif-encoder " + encoder);
            }
        }
        double window = args.number("loop-window", 0, 0, ExportOptions.MAX_LOOP_WINDOW_SEC);
        boolean bounce = args.flag("bounce");
        if (bounce && window > 0) {
            throw new Args.UsageException("--bounce plays forward then backward and has no seam to hide; leave out"
                    + " --loop-window");
        }
        String encoder = args.string("gif-encoder");
        if (gif && encoder != null && !encoder.equals("java")
                && (args.string("dither") != null || args.string("lossy") != null)) {
            throw new Args.UsageException("--dither and --lossy are settings of the java GIF encoder, not of"
                    + " --gif-encoder " + encoder);
        }
        return new ExportOptions(asked != null ? asked : named, maxBytes, window, bounce);
    }

    /** gif and the formats of the encoder plug-ins found. */
    private static Set<String> formats() {
        Set<String> formats = new java.util.TreeSet<>();
        formats.add("gif");
        for (GifEncoderProvider p : Providers.all(GifEncoderProvider.KIND)) {
            try {
                formats.add(p.format().toLowerCase(Locale.ROOT));
            } catch (RuntimeException e) {
                // a broken plug-in: its format is not offered
            }
        }
        return formats;
    }

    private static String extension(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1) : null;
    }

    /** --model, --c3d-weights, --c3d-mean. */
    private static void model(Args args, Video2Gif.Builder b) {
        String model = args.string("model");
        String weights = args.string("c3d-weights");
        String mean = args.string("c3d-mean");
        if ((weights == null) != (mean == null)) {
            throw new Args.UsageException("--c3d-weights and --c3d-mean go together (c3d_model.pkl and"
                    + " snipplet_mean.npy)");
        }
        if (weights != null) {
            b.option(C3dFeatureExtractorProvider.WEIGHTS_KEY, weights);
            b.option(C3dFeatureExtractorProvider.MEAN_KEY, mean);
        }
        if (model == null) {
            return;
        }
        if (args.string("scorer") != null) {
            throw new Args.UsageException("--model chooses the scorer; leave out --scorer");
        }
        Path file = Path.of(model);
        if (isNpz(file)) {
            if (weights == null) {
                throw new Args.UsageException("--model " + model + " is the authors' MLP (.npz): it needs"
                        + " --c3d-weights c3d_model.pkl and --c3d-mean snipplet_mean.npy");
            }
            if (args.string("features") != null) {
                throw new Args.UsageException("the authors' model scores C3D snippets; leave out --features");
            }
            b.paperModel(Path.of(weights), Path.of(mean), file);
        } else {
            b.model(file);
        }
    }

    /** An .npz by name, or a zip archive by content. */
    private static boolean isNpz(Path file) {
        if (file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
            return true;
        }
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        } catch (java.io.IOException | RuntimeException e) {
            return false; // the model loader reports the file
        }
    }

    private static GifOptions gifOptions(Args args) {
        int width = args.integer("width", GifOptions.DEFAULT.width(), 0, 4096);
        if (width == 1) {
            throw new Args.UsageException("--width must be 0 (source width) or at least 2");
        }
        return new GifOptions(width, args.number("fps", GifOptions.DEFAULT.fps(), 0.1, 50),
                args.integer("loop", 0, -1, 65535), args.integer("colors", 256, 2, 256));
    }

    private static Path video(Args args) {
        if (args.positional().size() != 1) {
            throw new Args.UsageException(args.positional().isEmpty() ? "a VIDEO file is required"
                    : "one VIDEO expected, got " + args.positional());
        }
        return Path.of(args.positional().get(0));
    }

    private void rank(Args args, ProgressListener progress) throws Video2GifException {
        Path video = video(args);
        int top = args.integer("top", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        Ranking r = build(args, progress).analyze(video);
        finishBar(progress);
        if (args.flag("json")) {
            out.println(rankingJson(r, top));
        } else {
            printRanking(r, top);
        }
    }

    private void finishBar(ProgressListener progress) {
        if (progress instanceof ProgressBar bar) {
            bar.finish();
        }
    }

    static String rankingJson(Ranking r, int top) {
        Json j = new Json().beginObject().name("video");
        videoJson(j, r.video());
        j.name("segments").beginArray();
        int rank = 1;
        for (ScoredSegment s : r.top(top)) {
            Segment seg = s.segment();
            j.beginObject().field("rank", rank++).field("startSec", seg.startSec()).field("endSec", seg.endSec())
                    .field("startFrame", seg.startFrame()).field("endFrame", seg.endFrame()).field("score", s.score());
            j.name("cues").beginObject();
            for (Map.Entry<String, Double> c : s.cues().entrySet()) {
                j.field(c.getKey(), c.getValue());
            }
            j.endObject().endObject();
        }
        return j.endArray().endObject().toString();
    }

    private static void videoJson(Json j, VideoInfo v) {
        j.beginObject().field("path", v.path().toString()).field("durationSec", v.durationSec()).field("fps", v.fps())
                .field("frames", v.frameCount()).field("width", v.width()).field("height", v.height()).endObject();
    }

    private void printRanking(Ranking r, int top) {
        VideoInfo v = r.video();
        out.printf(Locale.ROOT, "%s: %.2f s, %d frames at %.3f fps, %dx%d, %d shots, %d candidates%n",
                v.path(), v.durationSec(), v.frameCount(), v.fps(), v.width(), v.height(),
                r.segmentation().shots().size(), r.segments().size());
        out.printf(Locale.ROOT, "%4s  %-17s  %7s  %s%n", "rank", "time (s)", "score", "strongest cues");
        int rank = 1;
        for (ScoredSegment s : r.top(top)) {
            String cues = s.cues().entrySet().stream()
                    .filter(e -> Math.abs(e.getValue()) >= 0.005)
                    .sorted((a, b) -> Double.compare(Math.abs(b.getValue()), Math.abs(a.getValue())))
                    .limit(4)
                    .map(e -> String.format(Locale.ROOT, "%s %+.2f", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", "));
            out.printf(Locale.ROOT, "%4d  %7.2f - %7.2f  %7.3f  %s%n", rank++, s.segment().startSec(),
                    s.segment().endSec(), s.score(), cues);
        }
    }

    private void gifs(Args args, ProgressListener progress) throws Video2GifException {
        Path video = video(args);
        String outDir = args.string("out");
        if (outDir == null) {
            throw new Args.UsageException("--out DIR is required");
        }
        int top = args.integer("top", 5, 1, 1000);
        Video2Gif v2g = build(args, progress);
        Ranking r = v2g.analyze(video);
        List<ExportedGif> gifs = v2g.exportTop(r, Path.of(outDir), top);
        finishBar(progress);
        if (args.flag("json")) {
            Json j = new Json().beginArray();
            for (ExportedGif g : gifs) {
                exportJson(j, g.export(), g);
            }
            out.println(j.endArray());
        } else {
            printExported(gifs);
        }
    }

    private void printExported(List<ExportedGif> gifs) {
        for (ExportedGif g : gifs) {
            out.printf(Locale.ROOT, "%d  %s  (%.2f-%.2f s, score %.3f, %d frames, %dx%d, %,d bytes)%n", g.rank(),
                    g.path(), g.export().startSec(), g.export().endSec(), g.segment().score(), g.frames(), g.width(),
                    g.height(), g.export().bytes());
            printChoices(g.export(), g.segment().segment());
        }
    }

    /** The loop search's and the size budget's choices, one indented line each. */
    private void printChoices(GifExport e, Segment asked) {
        e.loop().ifPresent(l -> out.printf(Locale.ROOT, "   loop: score %.3f, seam %.2f grey levels (a frame step"
                        + " %.2f), %.3f-%.3f s (asked %.3f-%.3f s)%n", l.loopScore(), l.seamDifference(), l.typicalStep(),
                l.startSec(), l.endSec(), asked.startSec(), asked.endSec()));
        e.budget().ifPresent(b -> out.println("   budget: " + b.describe()));
        if (e.bounce()) {
            out.println("   bounce: forward, then backward");
        }
    }

    /** One export as a JSON object; {@code ranked} adds the rank and the segment's score. */
    static void exportJson(Json j, GifExport e, ExportedGif ranked) {
        j.beginObject();
        if (ranked != null) {
            j.field("rank", ranked.rank()).field("score", ranked.segment().score())
                    .field("segmentStartSec", ranked.segment().segment().startSec())
                    .field("segmentEndSec", ranked.segment().segment().endSec());
        }
        j.field("path", e.path().toString()).field("format", e.format()).field("startSec", e.startSec())
                .field("endSec", e.endSec()).field("frames", e.frames()).field("width", e.width())
                .field("height", e.height()).field("fps", e.fps()).field("bytes", e.bytes());
        j.name("bounce").value(e.bounce());
        e.loop().ifPresent(l -> j.name("loop").beginObject().field("score", l.loopScore())
                .field("seamDifference", l.seamDifference()).field("typicalStep", l.typicalStep())
                .field("startSec", l.startSec()).field("endSec", l.endSec()).endObject());
        e.budget().ifPresent(b -> j.name("budget").beginObject().field("maxBytes", b.maxBytes())
                .field("width", b.chosen().width()).field("height", b.chosen().height()).field("fps", b.chosen().fps())
                .field("colors", b.chosen().colors()).field("lossy", b.chosen().lossy())
                .field("bytes", b.chosen().bytes()).field("encodes", b.tried().size())
                .field("description", b.describe()).endObject());
        j.endObject();
    }

    private void gif(Args args, ProgressListener progress) throws Video2GifException {
        Path video = video(args);
        double start = args.requiredNumber("start", 0, 1e7);
        double end = args.requiredNumber("end", 0, 1e7);
        if (!(end > start)) {
            throw new Args.UsageException("--end must be after --start");
        }
        String output = args.string("output");
        if (output == null) {
            throw new Args.UsageException("-o OUT.gif is required");
        }
        ExportOptions export = exportOptions(args, Path.of(output));
        Video2Gif v2g = build(args, progress);
        VideoInfo info = v2g.probe(video);
        if (info.durationSec() > 0 && start >= info.durationSec()) {
            throw new Args.UsageException(String.format(Locale.ROOT, "--start %.3f is past the end of \"%s\" (%.3f s)",
                    start, video, info.durationSec()));
        }
        double clippedEnd = info.durationSec() > 0 ? Math.min(end, info.durationSec()) : end;
        long f0 = (long) Math.floor(start * info.fps() + 1e-6);
        long f1 = Math.max(f0 + 1, (long) Math.ceil(clippedEnd * info.fps() - 1e-6));
        Segment seg = new Segment(f0, f1, start, clippedEnd);
        GifExport e = v2g.export(video, seg, Path.of(output), gifOptions(args), export);
        finishBar(progress);
        if (args.flag("json")) {
            Json j = new Json();
            exportJson(j, e, null);
            out.println(j);
            return;
        }
        out.printf(Locale.ROOT, "%s  (%.2f-%.2f s, %d frames, %dx%d, %s, %,d bytes)%n", output, e.startSec(),
                e.endSec(), e.frames(), e.width(), e.height(), e.format(), e.bytes());
        printChoices(e, seg);
    }

    private void shots(Args args, ProgressListener progress) throws Video2GifException {
        Path video = video(args);
        Ranking r = build(args, progress).segment(video);
        finishBar(progress);
        Segmentation s = r.segmentation();
        if (args.flag("json")) {
            out.println(shotsJson(r));
            return;
        }
        out.printf(Locale.ROOT, "%s: %d frames at %.3f fps; %d cuts, %d gradual transitions, %d shots%n",
                r.video().path(), r.video().frameCount(), r.video().fps(), s.cuts().size(),
                s.transitions().stream().filter(t -> t.type() != Transition.Type.CUT).count(), s.shots().size());
        for (Segment shot : s.shots()) {
            out.printf(Locale.ROOT, "shot  frames %6d-%6d  %8.2f-%8.2f s%n", shot.startFrame(), shot.endFrame(),
                    shot.startSec(), shot.endSec());
        }
        for (Transition t : s.transitions()) {
            if (t.type() != Transition.Type.CUT) {
                out.printf(Locale.ROOT, "%-9s frames %6d-%6d%n", typeName(t.type()), t.startFrame(), t.endFrame());
            }
        }
    }

    static String shotsJson(Ranking r) {
        Segmentation s = r.segmentation();
        Json j = new Json().beginObject().field("fps", r.video().fps()).field("frames", r.video().frameCount());
        j.name("cuts").beginArray();
        for (long c : s.cuts()) {
            j.value(c);
        }
        j.endArray().name("transitions").beginArray();
        for (Transition t : s.transitions()) {
            if (t.type() != Transition.Type.CUT) {
                j.beginObject().field("startFrame", t.startFrame()).field("endFrame", t.endFrame())
                        .field("type", typeName(t.type())).endObject();
            }
        }
        j.endArray().name("shots").beginArray();
        for (Segment shot : s.shots()) {
            j.beginObject().field("startFrame", shot.startFrame()).field("endFrame", shot.endFrame())
                    .field("startSec", shot.startSec()).field("endSec", shot.endSec()).endObject();
        }
        return j.endArray().endObject().toString();
    }

    private static String typeName(Transition.Type t) {
        return t.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private void demo(Args args, ProgressListener progress) throws Video2GifException {
        Path dir = Path.of(args.string("out") != null ? args.string("out") : "video2gif-demo");
        int top = args.integer("top", 5, 1, 100);
        if (!args.positional().isEmpty()) {
            throw new Args.UsageException("demo takes no VIDEO (it makes its own); use gifs VIDEO --out DIR");
        }
        SyntheticVideo demo = SyntheticVideo.demo(640, 360, 25);
        Path video = dir.resolve("demo.mp4");
        err.printf(Locale.ROOT, "video2gif demo: writing a %.0f s sample video (%d shots: action, static, dark, "
                + "a fade, foggy) to %s%n", demo.durationSec(), demo.shots().size(), video);
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new io.github.video2gif.api.OutputException(dir, "Cannot create the folder \"" + dir + "\": "
                    + e.getMessage(), e);
        }
        DemoVideoFile.write(demo, video, progress);
        Video2Gif v2g = build(args, progress);
        Ranking r = v2g.analyze(video);
        finishBar(progress);
        printRanking(r, 10);
        List<ExportedGif> gifs = v2g.exportTop(r, dir, top);
        finishBar(progress);
        out.println();
        String format = gifs.isEmpty() ? "gif" : gifs.get(0).export().format();
        out.printf(Locale.ROOT, "wrote %d %s to %s:%n", gifs.size(), format.equals("gif") ? "GIFs"
                : format.toUpperCase(Locale.ROOT) + " files", dir);
        printExported(gifs);
    }

    private void providers() {
        List<ProviderKind<?>> kinds = List.of(VideoDecoderProvider.KIND, SegmenterProvider.KIND,
                FeatureExtractorProvider.KIND, ScorerProvider.KIND, RankLossProvider.KIND, GifEncoderProvider.KIND,
                TrainingBackendProvider.KIND);
        for (ProviderKind<?> kind : kinds) {
            List<? extends Provider<?>> all = Providers.all(kind);
            out.printf(Locale.ROOT, "%s (video2gif.%s):%n", kind.key(), kind.key());
            if (all.isEmpty()) {
                out.println("  none");
            }
            List<String> lines = new ArrayList<>();
            for (Provider<?> p : all) {
                var a = p.probe();
                lines.add(String.format(Locale.ROOT, "  %-16s priority %4d  %s%s", p.name(), p.priority(),
                        p.description(), a.available() ? "" : "  [unavailable: " + a.reason() + "]"));
            }
            lines.forEach(out::println);
        }
    }

    private static Path requiredPath(Args args, String name, String what) {
        String v = args.string(name);
        if (v == null) {
            throw new Args.UsageException("--" + name + " " + what + " is required");
        }
        return Path.of(v);
    }

    private static void noPositional(Args args, String command) {
        if (!args.positional().isEmpty()) {
            throw new Args.UsageException(command + " takes no positional argument, got " + args.positional());
        }
    }

    /** Annotated videos analysed with the instance's segmenter and features, through the cache when asked. */
    private TrainingData annotatedVideos(Args args, Video2Gif v2g, ProgressListener progress)
            throws Video2GifException {
        Path annotations = requiredPath(args, "annotations", "FILE");
        Path videos = requiredPath(args, "videos", "DIR");
        if (!java.nio.file.Files.isDirectory(videos)) {
            throw new VideoNotFoundException(videos, "The videos folder \"" + videos + "\" does not exist");
        }
        List<Annotation> list = AnnotationFile.read(annotations);
        if (list.isEmpty()) {
            throw new Args.UsageException("the annotation file \"" + annotations + "\" lists no GIF");
        }
        String features = v2g.providers().get("feature-extractor");
        VideoAnalyzer analyzer = v2g.analyzer();
        if (args.string("cache") != null) {
            String key = features + "|" + v2g.providers().get("segmenter") + "|" + String.join(",", args.all("set"));
            analyzer = new FeatureCache(Path.of(args.string("cache"))).cached(key, analyzer);
        }
        return TrainingSets.fromAnnotations(list, videos, features, analyzer, progress);
    }

    private void train(Args args, ProgressListener progress) throws Video2GifException {
        noPositional(args, "train");
        Path outFile = requiredPath(args, "out", "MODEL");
        if (args.string("model") != null) {
            throw new Args.UsageException("train writes a model (--out); --model is for rank, gifs and eval");
        }
        String lossName = args.string("loss") != null ? args.string("loss") : "adaptive-huber";
        TrainerConfig defaults = TrainerConfig.paper(0);
        TrainerConfig config = defaults.toBuilder()
                .epochs(args.integer("epochs", defaults.epochs(), 1, 10_000))
                .models(args.integer("models", 1, 1, 64))
                .seed(args.string("seed") == null ? 0 : parseSeed(args.string("seed")))
                .device(args.string("device") != null ? args.string("device") : defaults.device())
                .build();
        Video2Gif v2g = build(args, progress);
        RankLoss loss = Providers.select(RankLossProvider.KIND, lossName, io.github.video2gif.api.Config.defaults())
                .provider().create(io.github.video2gif.api.Config.defaults());
        // chosen before the videos are analysed, so that a device that cannot run fails at once
        TrainingBackend device = TrainingBackends.select(config.device(), io.github.video2gif.api.Config.defaults());
        TrainingData data = annotatedVideos(args, v2g, progress);
        TrainingResult result = new RankNetTrainer(config, loss, lossName, device).train(data, List.of(), progress);
        result.model().save(outFile);
        finishBar(progress);
        EpochStats first = result.history().get(0);
        EpochStats last = result.history().get(result.history().size() - 1);
        out.printf(Locale.ROOT, "trained on %d videos (%s features, %d dimensions), %d pairs per epoch, %d epochs x %d"
                        + " network(s), loss %s: %.4f -> %.4f; %.0f pairs/s on %s (%s)%n", data.videos().size(),
                data.featureExtractor(), data.dimension(), result.pairs(), config.epochs(), config.models(), lossName,
                first.trainLoss(), last.trainLoss(), result.pairsPerSecond(), device.name(), device.description());
        out.println("wrote " + outFile);
    }

    private static long parseSeed(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new Args.UsageException("--seed must be a whole number, was \"" + s + "\"");
        }
    }

    private void eval(Args args, ProgressListener progress) throws Video2GifException {
        noPositional(args, "eval");
        EvaluationReport report;
        if (args.string("frame-scores") != null) {
            if (args.string("model") != null || args.string("annotations") != null) {
                throw new Args.UsageException("eval takes either --frame-scores FILE or --model MODEL --annotations"
                        + " FILE --videos DIR");
            }
            report = FrameScoreEvaluation.evaluate(Path.of(args.string("frame-scores")));
        } else {
            if (args.string("model") == null) {
                throw new Args.UsageException("eval needs --model MODEL (with --annotations FILE --videos DIR) or"
                        + " --frame-scores FILE");
            }
            Video2Gif v2g = build(args, progress);
            TrainingData data = annotatedVideos(args, v2g, progress);
            report = ModelEvaluation.evaluate(v2g.scorer(), data, Metrics.NmsdMode.MEAN);
        }
        finishBar(progress);
        if (args.flag("json")) {
            out.println(io.github.video2gif.core.io.Json.write(report.toJson()));
            return;
        }
        out.printf(Locale.ROOT, "%-40s  %8s  %8s%n", "video", "nMSD", "AP");
        for (VideoScore v : report.videos()) {
            out.printf(Locale.ROOT, "%-40s  %7.2f%%  %7.2f%%%n", v.id(), 100 * v.nmsd(), 100 * v.ap());
        }
        out.printf(Locale.ROOT, "%-40s  %7.2f%%  %7.2f%%%n", "mean (" + report.videos().size() + " videos)",
                100 * report.meanNmsd(), 100 * report.meanAp());
    }

    private void convertWeights(Args args) throws Video2GifException {
        noPositional(args, "convert-weights");
        Path weights = requiredPath(args, "c3d-weights", "c3d_model.pkl");
        Path mean = requiredPath(args, "c3d-mean", "snipplet_mean.npy");
        Path npz = requiredPath(args, "model", "video2gif_weights.npz");
        Path target = requiredPath(args, "out", "MODEL");
        PaperModelFormat.convert(weights, mean, npz, target);
        long size;
        try {
            size = java.nio.file.Files.size(target);
        } catch (java.io.IOException e) {
            size = -1;
        }
        out.printf(Locale.ROOT, "wrote %s (%.1f MB); use it with --model %s%n", target, size / 1e6, target);
    }

    /** For tests: the exit code of a run with captured streams. */
    static int runForTest(PrintStream out, PrintStream err, String... args) {
        return new Main(out, err, false).run(args);
    }
}
