package io.github.video2gif;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.DecodeOptions;
import io.github.video2gif.api.EmptyVideoException;
import io.github.video2gif.api.FeatureExtractor;
import io.github.video2gif.api.FeatureTrack;
import io.github.video2gif.api.FrameFormat;
import io.github.video2gif.api.FrameStream;
import io.github.video2gif.api.GifEncoder;
import io.github.video2gif.api.GifOptions;
import io.github.video2gif.api.GifWriter;
import io.github.video2gif.api.OutputException;
import io.github.video2gif.api.Progress;
import io.github.video2gif.api.ProgressListener;
import io.github.video2gif.api.Ranking;
import io.github.video2gif.api.ScoredSegment;
import io.github.video2gif.api.Scorer;
import io.github.video2gif.api.Segment;
import io.github.video2gif.api.Segmentation;
import io.github.video2gif.api.Segmenter;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.VideoDecoder;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import io.github.video2gif.api.spi.FeatureExtractorProvider;
import io.github.video2gif.api.spi.GifEncoderProvider;
import io.github.video2gif.api.spi.Provider;
import io.github.video2gif.api.spi.ProviderKind;
import io.github.video2gif.api.spi.Providers;
import io.github.video2gif.api.spi.ScorerProvider;
import io.github.video2gif.api.spi.SegmenterProvider;
import io.github.video2gif.api.spi.VideoDecoderProvider;
import io.github.video2gif.api.WeightFileException;
import io.github.video2gif.api.spi.ProviderUnavailableException;
import io.github.video2gif.core.c3d.C3dFeatureExtractor;
import io.github.video2gif.core.c3d.PaperModel;
import io.github.video2gif.core.c3d.PaperModelFormat;
import io.github.video2gif.core.dataset.AnalyzedVideo;
import io.github.video2gif.core.dataset.VideoAnalyzer;
import io.github.video2gif.core.gif.Bounce;
import io.github.video2gif.core.gif.DitherMethod;
import io.github.video2gif.core.gif.GifSizeBudget;
import io.github.video2gif.core.gif.JavaGifEncoder;
import io.github.video2gif.core.gif.JavaGifSettings;
import io.github.video2gif.core.gif.LoopSeamFinder;
import io.github.video2gif.core.image.FrameResizer;
import io.github.video2gif.core.rank.RankNetScorerProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The video2gif facade: rank a video's segments by GIF-worthiness and export the best as GIFs.
 *
 * <pre>{@code
 * Ranking ranking = Video2Gif.rank(Path.of("movie.mp4"));          // defaults
 *
 * Video2Gif v2g = Video2Gif.builder()
 *         .segmenter("shots")
 *         .progress(p -> System.err.println(p.task() + " " + p.fraction()))
 *         .build();
 * Ranking r = v2g.analyze(Path.of("movie.mp4"));
 * List<ExportedGif> gifs = v2g.exportTop(r, Path.of("gifs"), 3);
 * GifExport small = v2g.export(Path.of("movie.mp4"), r.top(1).get(0).segment(), Path.of("best.gif"),
 *         GifOptions.DEFAULT, ExportOptions.DEFAULT.withMaxBytes(500_000).withLoopWindow(1.0));
 * }</pre>
 *
 * <p>Analysis is one streaming decode pass: frames go to the segmenter and the feature extractor as they are
 * decoded (decoding runs on its own thread), and nothing keeps more than a few frames, whatever the video's
 * length. Instances are immutable and thread-safe; each call works on its own streams.
 */
public final class Video2Gif {
    private static final Logger LOG = LoggerFactory.getLogger(Video2Gif.class);

    private static final String GIF = "gif";

    /** Largest share of one segment that two exported GIFs may have in common. */
    public static final double EXPORT_MAX_OVERLAP = 0.25;

    private final Config config;
    private final VideoDecoder decoder;
    private final Segmenter segmenter;
    private final FeatureExtractor extractor;
    private final Scorer scorer;
    private final Lazy<GifEncoder> gifEncoder;
    private final GifOptions gifOptions;
    private final ExportOptions exportOptions;
    /** The format of the chosen GIF encoder: {@code gif}, unless a provider of another format was chosen by name. */
    private final String encoderFormat;
    /** Encoders of the other formats, chosen on first use. */
    private final Map<String, Lazy<GifEncoder>> formatEncoders = new ConcurrentHashMap<>();
    private volatile Set<String> knownFormats;
    private final ProgressListener progress;
    private final Map<String, String> choices;

    private Video2Gif(Builder b) throws Video2GifException {
        Map<String, String> options = new LinkedHashMap<>(b.options);
        Scorer scorerInstance = b.scorer;
        String scorerName = b.scorerName;
        FeatureExtractor extractorInstance = b.extractor;
        String extractorName = b.extractorName;
        PaperModel paper = null;
        if (b.paperFiles != null) {
            paper = loadPaperModel(() -> PaperModel.load(b.paperFiles[0], b.paperFiles[1], b.paperFiles[2]));
        } else if (b.modelFile != null && PaperModelFormat.isPaperModelFile(b.modelFile)) {
            paper = loadPaperModel(() -> PaperModel.load(b.modelFile));
        } else if (b.modelFile != null) {
            options.put(RankNetScorerProvider.MODEL_KEY, b.modelFile.toString());
            scorerName = null;
            scorerInstance = null;
        }
        if (paper != null) {
            // the authors' scoring: every snippet scored (mirrored average), a segment's score their mean
            extractorInstance = paper.snippetScoreExtractor(PAPER_OPTIONS);
            scorerInstance = PaperModel.identityScorer();
            scorerName = null;
            extractorName = null;
        }
        this.config = Config.of(options);
        this.progress = b.progress;
        this.gifOptions = b.gifOptions;
        this.exportOptions = b.exportOptions;
        Map<String, String> chosen = new LinkedHashMap<>();
        this.decoder = choose(VideoDecoderProvider.KIND, b.decoder, b.decoderName, chosen);
        this.segmenter = choose(SegmenterProvider.KIND, b.segmenter, b.segmenterName, chosen);
        if (b.modelFile != null && paper == null) {
            // the ranknet provider, given the model directly (its probe only sees global settings)
            this.scorer = new RankNetScorerProvider().create(config);
            chosen.put(ScorerProvider.KIND.key(), "ranknet");
        } else {
            this.scorer = choose(ScorerProvider.KIND, scorerInstance, scorerName, chosen);
        }
        if (extractorInstance == null && extractorName == null
                && config.find(FeatureExtractorProvider.KIND.key()).isEmpty()) {
            extractorName = scorer.featureExtractor().orElse(null);
        }
        this.extractor = choose(FeatureExtractorProvider.KIND, extractorInstance, extractorName, chosen);
        if (paper != null) {
            chosen.put(ScorerProvider.KIND.key(), "paper");
            chosen.put(FeatureExtractorProvider.KIND.key(), "c3d");
        }
        if (b.modelFile != null && paper == null && scorer.dimension() != extractor.dimension()) {
            throw new WeightFileException(b.modelFile, "The model \"" + b.modelFile + "\" takes "
                    + scorer.dimension() + "-dimensional features but the feature extractor ("
                    + chosen.get("feature-extractor") + ") gives " + extractor.dimension()
                    + ": use the extractor the model was trained on"
                    + scorer.featureExtractor().map(n -> " (" + n + ")").orElse(""));
        }
        if (scorer.dimension() >= 0 && scorer.dimension() != extractor.dimension()) {
            throw new IllegalArgumentException("The scorer (" + chosen.get("scorer") + ") takes " + scorer.dimension()
                    + "-dimensional features but the feature extractor (" + chosen.get("feature-extractor")
                    + ") gives " + extractor.dimension() + "; choose a matching pair");
        }
        if (b.gifEncoder != null) {
            GifEncoder given = b.gifEncoder;
            this.gifEncoder = new Lazy<>(() -> given);
            this.encoderFormat = GIF;
            chosen.put("gif-encoder", given.getClass().getSimpleName());
        } else if (b.gifEncoderName != null || config.find(GifEncoderProvider.KIND.key()).isPresent()) {
            // a name was given: check it now; create the encoder on first export (natives load only then)
            Providers.Selection<GifEncoderProvider> sel = Providers.select(GifEncoderProvider.KIND, b.gifEncoderName,
                    config);
            chosen.put("gif-encoder", sel.provider().name());
            this.encoderFormat = formatOf(sel.provider());
            this.gifEncoder = new Lazy<>(() -> sel.provider().create(config));
        } else {
            // ranking needs no GIF encoder: choose one on first export, among those that write GIFs
            this.encoderFormat = GIF;
            this.gifEncoder = new Lazy<>(() -> createEncoder(GIF));
        }
        this.choices = Map.copyOf(chosen);
    }

    /** The release's C3D settings: a snippet every 8 frames, mirrored averaging on. */
    static final C3dFeatureExtractor.Options PAPER_OPTIONS = new C3dFeatureExtractor.Options(8, 4, true, false);

    private static PaperModel loadPaperModel(Factory<PaperModel> loader) throws Video2GifException {
        try {
            return loader.create();
        } catch (LinkageError e) {
            ProviderUnavailableException x = new ProviderUnavailableException("ND4J's native library cannot load"
                    + " here, so the paper's model cannot run: " + e);
            x.initCause(e);
            throw x;
        }
    }

    private <T, P extends Provider<T>> T choose(ProviderKind<P> kind, T instance, String name,
                                                Map<String, String> chosen) throws Video2GifException {
        if (instance != null) {
            chosen.put(kind.key(), instance.getClass().getSimpleName());
            return instance;
        }
        Providers.Selection<P> sel = Providers.select(kind, name, config);
        chosen.put(kind.key(), sel.provider().name());
        LOG.debug("{} {} ({})", kind, sel.provider().name(), sel.source());
        return sel.provider().create(config);
    }

    /** Ranks a video's segments with the default providers. */
    public static Ranking rank(Path video) throws Video2GifException {
        return builder().build().analyze(video);
    }

    /** A builder for a configured instance. */
    public static Builder builder() {
        return new Builder();
    }

    /** The provider chosen for each kind ({@code "segmenter" -> "shots"}, ...). */
    public Map<String, String> providers() {
        return choices;
    }

    /** The scorer in use (for evaluation on features from {@link #analyzer()}). */
    public Scorer scorer() {
        return scorer;
    }

    /** The video's metadata, without decoding it. */
    public VideoInfo probe(Path video) throws Video2GifException {
        return decoder.probe(Objects.requireNonNull(video, "video"));
    }

    /**
     * Segments and scores a video: one streaming decode pass, then scoring of every candidate.
     *
     * @return the candidates, best first
     * @throws Video2GifException when the video cannot be read (see the subclasses)
     */
    public Ranking analyze(Path video) throws Video2GifException {
        Objects.requireNonNull(video, "video");
        Analysis a = pass(video, true);
        List<Segment> candidates = a.segmentation.candidates();
        List<ScoredSegment> scored = new ArrayList<>(candidates.size());
        int batch = 256;
        report("score", 0, candidates.size(), "");
        for (int from = 0; from < candidates.size(); from += batch) {
            int to = Math.min(candidates.size(), from + batch);
            float[][] features = new float[to - from][];
            for (int i = from; i < to; i++) {
                features[i - from] = a.track.pool(candidates.get(i));
            }
            double[] scores = scorer.score(features);
            for (int i = from; i < to; i++) {
                double s = scores[i - from];
                if (!Double.isFinite(s)) {
                    throw new IllegalStateException("the scorer " + choices.get("scorer") + " gave a non-finite score ("
                            + s + ") to " + candidates.get(i));
                }
                scored.add(new ScoredSegment(candidates.get(i), s, scorer.explain(features[i - from])));
            }
            report("score", to, candidates.size(), "");
        }
        return new Ranking(a.info, scored, a.segmentation);
    }

    /**
     * This instance's analysis pass as a {@link VideoAnalyzer} for training and evaluation: a video's candidate
     * segments and each one's pooled features, named after the chosen feature extractor.
     */
    public VideoAnalyzer analyzer() {
        return video -> {
            Objects.requireNonNull(video, "video");
            Analysis a = pass(video, true);
            List<Segment> candidates = a.segmentation.candidates();
            List<float[]> features = new ArrayList<>(candidates.size());
            for (Segment s : candidates) {
                features.add(a.track.pool(s));
            }
            return new AnalyzedVideo(choices.get(FeatureExtractorProvider.KIND.key()), a.info.frameCount(),
                    a.info.fps(), candidates, features);
        };
    }

    /** Finds shots, transitions and candidates only (no features, no scores). */
    public Ranking segment(Path video) throws Video2GifException {
        Objects.requireNonNull(video, "video");
        Analysis a = pass(video, false);
        return new Ranking(a.info, List.of(), a.segmentation);
    }

    private record Analysis(VideoInfo info, Segmentation segmentation, FeatureTrack track) {
    }

    private Analysis pass(Path video, boolean withFeatures) throws Video2GifException {
        FrameFormat segFormat = segmenter.frameFormat();
        FrameFormat extFormat = withFeatures ? extractor.frameFormat() : segFormat;
        VideoInfo probed = decoder.probe(video);
        int[] segSize = segFormat.resolve(probed.width(), probed.height());
        int[] extSize = extFormat.resolve(probed.width(), probed.height());
        // one decode, at the larger of the two sizes; the other stage gets a resized copy
        boolean segLarger = (long) segSize[0] * segSize[1] >= (long) extSize[0] * extSize[1];
        FrameFormat decodeFormat = segLarger ? segFormat : extFormat;
        // the smaller of two different sizes is made on the decoding thread, beside decoding
        // (by the decoder itself where it can scale twice, else resized on the decoding thread)
        boolean twoSizes = !Arrays.equals(segSize, extSize);
        FrameFormat otherFormat = segLarger ? extFormat : segFormat;
        int[] other = segLarger ? extSize : segSize;
        long expected = Math.max(1, probed.frameCount());
        try (FrameStream stream = decoder.open(video, twoSizes ? DecodeOptions.whole(decodeFormat)
                .withCompanion(otherFormat) : DecodeOptions.whole(decodeFormat));
             FeatureExtractor.Session ext = withFeatures ? extractor.start(stream.info()) : null;
             PrefetchingFrames frames = new PrefetchingFrames(stream, 32, !twoSizes ? null : f -> {
                 VideoFrame c = stream.companion();
                 return c != null ? c : FrameResizer.resize(f, other[0], other[1]);
             })) {
            VideoInfo info = stream.info();
            Segmenter.Session seg = segmenter.start(info);
            // frames of another size than the segmenter's share no per-frame work with it: extract on a second
            // thread (a session on frames of the segmenter's size may share per-frame statistics: same thread)
            StageThread extStage = ext != null && twoSizes ? new StageThread("video2gif-features", ext, 16) : null;
            try {
                long n = 0;
                double lastTs = 0;
                long reportEvery = Math.max(1, expected / 200);
                report("analyze", 0, expected, video.getFileName().toString());
                VideoFrame f;
                while ((f = frames.next()) != null) {
                    VideoFrame companion = frames.companion();
                    VideoFrame small = companion != null ? companion : f;
                    // a decoder may deliver another size than asked (e.g. a test decoder): resize what does not fit
                    seg.accept(FrameResizer.resize(segLarger ? f : small, segSize[0], segSize[1]));
                    if (extStage != null) {
                        extStage.accept(FrameResizer.resize(segLarger ? small : f, extSize[0], extSize[1]));
                    } else if (ext != null) {
                        ext.accept(FrameResizer.resize(segLarger ? small : f, extSize[0], extSize[1]));
                    }
                    n++;
                    lastTs = f.timestampSec();
                    if (n % reportEvery == 0) {
                        report("analyze", n, Math.max(expected, n), "");
                    }
                }
                if (n == 0) {
                    throw new EmptyVideoException(video, "The video \"" + video + "\" has no decodable frame");
                }
                report("analyze", n, n, "");
                double duration = Math.max(info.durationSec(), lastTs + 1.0 / info.fps());
                VideoInfo measured = info.withMeasured(n, n == info.frameCount() && info.durationSec() > 0
                        ? info.durationSec() : duration);
                Segmentation segmentation = seg.finish();
                if (extStage != null) {
                    extStage.finish();
                }
                FeatureTrack track = ext != null ? ext.finish() : null;
                return new Analysis(measured, segmentation, track);
            } finally {
                if (extStage != null) {
                    extStage.close();
                }
            }
        }
    }

    /**
     * Writes one segment as a GIF with this instance's GIF and export options.
     *
     * @return the number of frames written
     */
    public int exportGif(Path video, Segment segment, Path out) throws Video2GifException {
        return export(video, segment, out, gifOptions, exportOptions).frames();
    }

    /**
     * Writes one segment with the given GIF options and this instance's export options; see
     * {@link #export(Path, Segment, Path, GifOptions, ExportOptions)}.
     *
     * @return the number of frames written
     */
    public int exportGif(Path video, Segment segment, Path out, GifOptions options) throws Video2GifException {
        return export(video, segment, out, options, exportOptions).frames();
    }

    /** Writes one segment with this instance's GIF and export options; see the five-argument form. */
    public GifExport export(Path video, Segment segment, Path out) throws Video2GifException {
        return export(video, segment, out, gifOptions, exportOptions);
    }

    /**
     * Writes one segment as a GIF (or in another format, see {@link ExportOptions#format()}): the segment is decoded
     * again at the output width (a seek), resampled to the output frame rate (each output frame shows the video
     * frame on screen at its time) and encoded. The file appears only when complete; an existing file is replaced
     * only then, and is left as it was when anything fails.
     *
     * <ul>
     *   <li>With a loop window, a first quick pass (small frames, only their 32x18 thumbnails kept) finds the start
     *       and end within the window whose seam is least visible ({@link LoopSeamFinder}), never outside the video;
     *       the frame rate is then adjusted (by at most half a frame over the clip) so that whole frames span
     *       exactly that loop.</li>
     *   <li>With a bounce, the frames play forward, then backward ({@link Bounce}).</li>
     *   <li>With a size budget, the frames are encoded in memory at decreasing width, frame rate, colours and
     *       lossiness until the file fits ({@link GifSizeBudget}); the choice is in {@link GifExport#budget()}.</li>
     * </ul>
     * A bounce or a budget holds the clip's frames in memory at the output size (a 5 s clip at 360x202 and
     * 10 fps: about 11 MB); otherwise frames stream to the encoder.
     *
     * @throws IllegalArgumentException for options that do not go together: a budget with a format other than
     *                                  GIF or with a GIF encoder other than {@code java}, or a file name whose
     *                                  extension names another format than the one asked for
     * @throws io.github.video2gif.api.spi.ProviderUnavailableException when no encoder writes the format
     * @throws OutputException          when the file cannot be written, or cannot be made to fit the budget
     * @throws Video2GifException       when the video cannot be read
     */
    public GifExport export(Path video, Segment segment, Path out, GifOptions options, ExportOptions export)
            throws Video2GifException {
        return export(video, segment, out, options, export, 0, Double.POSITIVE_INFINITY);
    }

    /** {@link #export(Path, Segment, Path, GifOptions, ExportOptions)} with the loop search kept in {@code [lo, hi)}. */
    private GifExport export(Path video, Segment segment, Path out, GifOptions options, ExportOptions export,
                             double lo, double hi) throws Video2GifException {
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(export, "export");
        String format = formatFor(export, out);
        if (export.maxBytes() > 0 && !format.equals(GIF)) {
            throw new IllegalArgumentException("a size budget is for GIF files only; " + format.toUpperCase(Locale.ROOT)
                    + " output is not made to fit one");
        }
        GifEncoder encoder = encoderFor(format);
        JavaGifEncoder budgeted = null;
        if (export.maxBytes() > 0) {
            if (!(encoder instanceof JavaGifEncoder j)) {
                throw new IllegalArgumentException("a size budget needs the java GIF encoder; the GIF encoder here is "
                        + choices.getOrDefault("gif-encoder", encoder.getClass().getSimpleName()));
            }
            budgeted = j;
        }
        double t0 = segment.startSec();
        double t1 = segment.endSec();
        double step = 1.0 / options.fps();
        int total = (int) Math.ceil((t1 - t0) / step - 1e-9);
        LoopSeamFinder.LoopChoice loop = null;
        if (export.loopWindowSec() > 0) {
            loop = findLoop(video, t0, t1, export.loopWindowSec(), lo, hi);
            t0 = loop.startSec();
            t1 = loop.endSec();
            total = Math.max(1, (int) Math.round((t1 - t0) * options.fps()));
            step = (t1 - t0) / total;
        }
        double fps = 1 / step;
        GifOptions fileOptions = options.withFps(Math.min(50, fps));
        boolean hold = export.bounce() || budgeted != null;
        String name = out.getFileName() == null ? out.toString() : out.getFileName().toString();
        List<VideoFrame> held = hold ? new ArrayList<>(total) : null;
        int[] size;
        GifSizeBudget.Choice budget = null;
        int frames;
        try (FrameStream stream = decoder.open(video, DecodeOptions.range(options.frameFormat(), t0, t1))) {
            size = stream.frameSize();
            if (hold) {
                long needed = (long) total * size[0] * size[1] * 3;
                long allowed = Runtime.getRuntime().maxMemory() / 2;
                if (needed > allowed) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "a %s holds the clip's frames in"
                            + " memory: %d frames of %dx%d need %,d MB, more than half the heap (%,d MB); export a"
                            + " shorter part, or at a lower width or frame rate", export.bounce() ? "bounce"
                            : "size budget", total, size[0], size[1], needed >> 20, allowed >> 20));
                }
                final double dt = step;
                resample(stream, video, t0, t1, step, total, name,
                        (f, k, d) -> held.add(f.withTiming(k, k * dt)));
            } else {
                try (GifWriter writer = encoder.open(out, size[0], size[1], fileOptions)) {
                    resample(stream, video, t0, t1, step, total, name, (f, k, d) -> writer.add(f, d));
                    writer.finish();
                }
            }
        }
        if (hold) {
            List<VideoFrame> clip = export.bounce() ? Bounce.of(held, fps) : held;
            if (budgeted != null) {
                budget = new GifSizeBudget(budgeted.settings(), p -> report(p.task(), p.done(), p.total(), p.detail()))
                        .fit(clip, fps, out, export.maxBytes(), fileOptions);
                GifSizeBudget.Attempt a = budget.chosen();
                // the budget resamples to its frame rate by the nearest frame in time (GifSizeBudget.resample)
                frames = Math.max(1, (int) Math.round(clip.size() * a.fps() / fps));
                size = new int[] {a.width(), a.height()};
                fps = a.fps();
            } else {
                try (GifWriter writer = encoder.open(out, size[0], size[1], fileOptions)) {
                    for (VideoFrame f : clip) {
                        writer.add(f, step);
                    }
                    writer.finish();
                }
                frames = clip.size();
            }
        } else {
            frames = total;
        }
        long bytes;
        try {
            bytes = Files.size(out);
        } catch (IOException e) {
            throw new OutputException(out, "Wrote \"" + out + "\" but cannot read its size: " + e.getMessage(), e);
        }
        return new GifExport(out, format, frames, size[0], size[1], t0, t1, fps, bytes, export.bounce(),
                Optional.ofNullable(loop), Optional.ofNullable(budget));
    }

    @FunctionalInterface
    private interface ResampledFrames {
        void add(VideoFrame frame, int k, double durationSec) throws Video2GifException;
    }

    /**
     * Hands on the video frame on screen at each time {@code t0 + k * step}, {@code k < total} (the last one shown
     * until {@code t1}); past the end of the video the last frame is held.
     */
    private void resample(FrameStream stream, Path video, double t0, double t1, double step, int total, String name,
                          ResampledFrames sink) throws Video2GifException {
        int k = 0;
        VideoFrame current = null;
        VideoFrame f;
        while ((f = stream.next()) != null && k < total) {
            if (current == null) {
                current = f;
            }
            while (k < total && f.timestampSec() > t0 + k * step + 1e-9) {
                sink.add(current, k, Math.min(step, t1 - (t0 + k * step)));
                k++;
                report("export", k, total, name);
            }
            current = f;
        }
        if (current == null) {
            throw new EmptyVideoException(video, "No frame of \"" + video + "\" lies in "
                    + String.format(Locale.ROOT, "[%.3f, %.3f) s", t0, t1));
        }
        while (k < total) {
            sink.add(current, k, Math.min(step, t1 - (t0 + k * step)));
            k++;
            report("export", k, total, name);
        }
    }

    /** Frames of the loop search: small, since only 32x18 thumbnails are compared. */
    private static final FrameFormat LOOP_FORMAT = FrameFormat.fit(128, 128);

    /** The loop search: one pass over {@code [t0 - window, t1 + window]}, kept inside {@code [lo, hi)}. */
    private LoopSeamFinder.LoopChoice findLoop(Path video, double t0, double t1, double window, double lo, double hi)
            throws Video2GifException {
        double from = Math.max(Math.max(0, lo), t0 - window);
        double to = Math.min(hi, t1 + window + 1e-6);
        if (!(to > from)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the segment [%.3f, %.3f) s lies outside"
                    + " [%.3f, %.3f) s", t0, t1, lo, hi));
        }
        LoopSeamFinder finder = new LoopSeamFinder(window);
        try (FrameStream stream = decoder.open(video, DecodeOptions.range(LOOP_FORMAT, from, to))) {
            long expected = Math.max(1, Math.round((to - from) * stream.info().fps()));
            double last = Double.NEGATIVE_INFINITY;
            VideoFrame f;
            while ((f = stream.next()) != null) {
                if (f.timestampSec() > last) { // a damaged file may repeat a timestamp: keep the first frame
                    finder.accept(f);
                    last = f.timestampSec();
                }
                report("loop", finder.size(), Math.max(expected, finder.size()), "");
            }
        }
        if (finder.size() == 0) {
            throw new EmptyVideoException(video, "No frame of \"" + video + "\" lies in "
                    + String.format(Locale.ROOT, "[%.3f, %.3f) s", from, to));
        }
        try {
            return finder.result(t0, t1);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Cannot search \"%s\" for a loop around"
                    + " [%.3f, %.3f) s: %s", video, t0, t1, e.getMessage()), e);
        }
    }

    /**
     * Writes the best {@code k} segments that do not overlap much ({@link #EXPORT_MAX_OVERLAP}) into {@code dir},
     * named {@code <video>-<rank>-<start>s-<end>s.<format>}, with this instance's GIF and export options.
     */
    public List<ExportedGif> exportTop(Ranking ranking, Path dir, int k) throws Video2GifException {
        return exportTop(ranking, dir, k, gifOptions, exportOptions);
    }

    /** Like {@link #exportTop(Ranking, Path, int)} with explicit GIF options. */
    public List<ExportedGif> exportTop(Ranking ranking, Path dir, int k, GifOptions options)
            throws Video2GifException {
        return exportTop(ranking, dir, k, options, exportOptions);
    }

    /**
     * Like {@link #exportTop(Ranking, Path, int)} with explicit GIF and export options. A loop window stays inside
     * the segment's shot (the ranking's segmentation), so that no loop starts or ends across a cut or in a fade.
     */
    public List<ExportedGif> exportTop(Ranking ranking, Path dir, int k, GifOptions options, ExportOptions export)
            throws Video2GifException {
        Objects.requireNonNull(ranking, "ranking");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(export, "export");
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        String extension = export.format() != null ? export.format() : encoderFormat;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new OutputException(dir, "Cannot create the output folder \"" + dir + "\": " + e.getMessage(), e);
        }
        Path video = ranking.video().path();
        String base = baseName(video);
        List<ExportedGif> out = new ArrayList<>();
        int rank = 1;
        for (ScoredSegment s : ranking.topDistinct(k, EXPORT_MAX_OVERLAP)) {
            Segment seg = s.segment();
            Path file = dir.resolve(String.format(Locale.ROOT, "%s-%d-%.1fs-%.1fs.%s", base, rank,
                    seg.startSec(), seg.endSec(), extension));
            double[] bounds = shotBounds(ranking, seg);
            GifExport written = export(video, seg, file, options, export.withFormat(extension), bounds[0], bounds[1]);
            out.add(new ExportedGif(rank, s, written));
            rank++;
        }
        return out;
    }

    /** The time span of the shot holding most of the segment, or the whole video. */
    static double[] shotBounds(Ranking ranking, Segment seg) {
        Segment best = null;
        long bestOverlap = 0;
        for (Segment shot : ranking.segmentation().shots()) {
            long o = seg.overlapFrames(shot.startFrame(), shot.endFrame());
            if (o > bestOverlap) {
                bestOverlap = o;
                best = shot;
            }
        }
        if (best != null) {
            return new double[] {best.startSec(), best.endSec()};
        }
        double d = ranking.video().durationSec();
        return new double[] {0, d > 0 ? d : Double.POSITIVE_INFINITY};
    }

    /** Formats that plug-ins of other modules write, and the module: a file so named is not written as a GIF. */
    private static final Map<String, String> FORMAT_MODULES = Map.of("webp", "video2gif-ffmpeg", "mp4",
            "video2gif-ffmpeg");

    /** The format of an export: as asked, else from the file name, else the GIF encoder's. */
    private String formatFor(ExportOptions export, Path out) {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 ? name.substring(dot + 1) : "";
        String named = formats().contains(extension) || FORMAT_MODULES.containsKey(extension) ? extension : null;
        if (export.format() != null) {
            if (named != null && !named.equals(export.format())) {
                throw new IllegalArgumentException("the output \"" + out + "\" is named as a " + named
                        + " file but the format asked for is " + export.format() + "; name it ." + export.format());
            }
            return export.format();
        }
        return named != null ? named : encoderFormat;
    }

    /** {@code gif} and the format of every GIF encoder provider on the class path. */
    private Set<String> formats() {
        Set<String> f = knownFormats;
        if (f == null) {
            Set<String> all = new TreeSet<>();
            all.add(GIF);
            for (GifEncoderProvider p : Providers.all(GifEncoderProvider.KIND)) {
                all.add(formatOf(p));
            }
            f = Set.copyOf(all);
            knownFormats = f;
        }
        return f;
    }

    /** The encoder for a format: the chosen GIF encoder for its format, else the best available of the format. */
    private GifEncoder encoderFor(String format) throws Video2GifException {
        if (format.equals(encoderFormat)) {
            return gifEncoder.get();
        }
        return formatEncoders.computeIfAbsent(format, f -> new Lazy<>(() -> createEncoder(f))).get();
    }

    /** Creates the available encoder of the highest priority among the providers of a format. */
    private GifEncoder createEncoder(String format) throws Video2GifException {
        List<GifEncoderProvider> candidates = Providers.all(GifEncoderProvider.KIND).stream()
                .filter(p -> formatOf(p).equals(format)).toList();
        if (candidates.isEmpty()) {
            throw new ProviderUnavailableException("No encoder for " + format + " files on the class path (formats: "
                    + String.join(", ", formats()) + ")" + (format.equals(GIF) ? ": add io.github.video2gif:"
                    + GifEncoderProvider.KIND.defaultModule() : FORMAT_MODULES.containsKey(format)
                    ? ": add io.github.video2gif:" + FORMAT_MODULES.get(format) : ""));
        }
        // automatic choice within the format: a gif-encoder setting names the GIF encoder, not this one
        Config none = Config.of(Map.of(), key -> null, key -> null);
        return Providers.select(GifEncoderProvider.KIND, candidates, null, none).provider().create(config);
    }

    private static String formatOf(GifEncoderProvider p) {
        try {
            String f = p.format();
            return f == null ? "" : f.toLowerCase(Locale.ROOT);
        } catch (RuntimeException e) {
            LOG.warn("The GIF encoder provider {} failed to say its format: {}", p.name(), e.toString());
            return "";
        }
    }

    private static String baseName(Path video) {
        String name = video.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        base = base.replaceAll("[^A-Za-z0-9._-]", "_");
        return base.isEmpty() ? "video" : base;
    }

    private volatile boolean listenerBroken;

    private void report(String task, long done, long total, String detail) {
        if (listenerBroken) {
            return;
        }
        try {
            progress.onProgress(new Progress(task, done, total, detail));
        } catch (RuntimeException e) {
            listenerBroken = true;
            LOG.warn("The progress listener threw {}; it will not be called again", e.toString());
        }
    }

    /** Configures a {@link Video2Gif}. Not thread-safe; {@link #build()} may be called more than once. */
    public static final class Builder {
        private final Map<String, String> options = new LinkedHashMap<>();
        private VideoDecoder decoder;
        private String decoderName;
        private Segmenter segmenter;
        private String segmenterName;
        private FeatureExtractor extractor;
        private String extractorName;
        private Scorer scorer;
        private String scorerName;
        private Path modelFile;
        private Path[] paperFiles;
        private GifEncoder gifEncoder;
        private String gifEncoderName;
        private ProgressListener progress = ProgressListener.NONE;
        private GifOptions gifOptions = GifOptions.DEFAULT;
        private ExportOptions exportOptions = ExportOptions.DEFAULT;

        private Builder() {
        }

        /** Chooses the video decoder provider by name ({@code ffmpeg}). */
        public Builder decoder(String name) {
            this.decoderName = Objects.requireNonNull(name, "name");
            this.decoder = null;
            return this;
        }

        /** Uses this decoder instance. */
        public Builder decoder(VideoDecoder instance) {
            this.decoder = Objects.requireNonNull(instance, "instance");
            this.decoderName = null;
            return this;
        }

        /** Chooses the segmenter provider by name. */
        public Builder segmenter(String name) {
            this.segmenterName = Objects.requireNonNull(name, "name");
            this.segmenter = null;
            return this;
        }

        /** Uses this segmenter instance. */
        public Builder segmenter(Segmenter instance) {
            this.segmenter = Objects.requireNonNull(instance, "instance");
            this.segmenterName = null;
            return this;
        }

        /** Chooses the feature extractor provider by name. */
        public Builder featureExtractor(String name) {
            this.extractorName = Objects.requireNonNull(name, "name");
            this.extractor = null;
            return this;
        }

        /** Uses this feature extractor instance. */
        public Builder featureExtractor(FeatureExtractor instance) {
            this.extractor = Objects.requireNonNull(instance, "instance");
            this.extractorName = null;
            return this;
        }

        /** Chooses the scorer provider by name (clears {@link #model}/{@link #paperModel}). */
        public Builder scorer(String name) {
            this.scorerName = Objects.requireNonNull(name, "name");
            this.scorer = null;
            clearModel();
            return this;
        }

        /** Uses this scorer instance (clears {@link #model}/{@link #paperModel}). */
        public Builder scorer(Scorer instance) {
            this.scorer = Objects.requireNonNull(instance, "instance");
            this.scorerName = null;
            clearModel();
            return this;
        }

        /**
         * Scores with a model file of the project's own formats ({@code docs/model-format.md}):
         * <ul>
         *   <li>a trained RankNet ({@code video2gif train}): selects the scorer {@code ranknet} with the setting
         *       {@code model}, and, unless a feature extractor is chosen, the one the model declares;</li>
         *   <li>the paper's model converted by {@code video2gif convert-weights}: as
         *       {@link #paperModel(Path, Path, Path)}, without reading any pickle.</li>
         * </ul>
         * The file is read by {@link #build()}, which throws a {@link WeightFileException} when it is missing,
         * damaged, or takes features of another dimension than the extractor gives.
         */
        public Builder model(Path file) {
            clearModel();
            this.modelFile = Objects.requireNonNull(file, "file");
            this.scorer = null;
            this.scorerName = null;
            return this;
        }

        /**
         * Scores with the authors' released model: C3D fc6 ({@code c3d_model.pkl}, mean {@code snipplet_mean.npy})
         * and their MLP ({@code video2gif_weights.npz}), as their demo does: a 16-frame snippet every 8 frames,
         * each scored as the mean of its and its mirror image's score, a segment's score the mean of its
         * snippets' scores. Sets the feature extractor and the scorer. The files are read by {@link #build()},
         * which throws a {@link WeightFileException} naming the file that is missing, hostile, damaged or of the
         * wrong shape.
         */
        public Builder paperModel(Path c3dPickle, Path meanNpy, Path video2gifNpz) {
            clearModel();
            this.paperFiles = new Path[] {Objects.requireNonNull(c3dPickle, "c3dPickle"),
                    Objects.requireNonNull(meanNpy, "meanNpy"), Objects.requireNonNull(video2gifNpz, "video2gifNpz")};
            this.scorer = null;
            this.scorerName = null;
            return this;
        }

        private void clearModel() {
            this.modelFile = null;
            this.paperFiles = null;
        }

        /** Chooses the GIF encoder provider by name. */
        public Builder gifEncoder(String name) {
            this.gifEncoderName = Objects.requireNonNull(name, "name");
            this.gifEncoder = null;
            return this;
        }

        /** Uses this GIF encoder instance. */
        public Builder gifEncoder(GifEncoder instance) {
            this.gifEncoder = Objects.requireNonNull(instance, "instance");
            this.gifEncoderName = null;
            return this;
        }

        /**
         * Sets a provider setting (for example {@code segmenter.max-seconds}); it overrides the system property
         * {@code video2gif.<key>} and the environment variable {@code VIDEO2GIF_<KEY>}.
         */
        public Builder option(String key, String value) {
            Config.propertyName(key); // validates the key
            options.put(key, Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Receives progress reports ("analyze", "score", "export"). */
        public Builder progress(ProgressListener listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** GIF options for exports (default {@link GifOptions#DEFAULT}). */
        public Builder gifOptions(GifOptions options) {
            this.gifOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Export options (format, size budget, loop window, bounce) for {@link #exportTop} and {@link #export};
         * default {@link ExportOptions#DEFAULT}.
         */
        public Builder exportOptions(ExportOptions options) {
            this.exportOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * How the {@code java} GIF encoder maps pixels to its palette: sets {@code gif.dither}
         * ({@link JavaGifSettings}).
         */
        public Builder dither(DitherMethod method) {
            return option("gif.dither", method.cliName());
        }

        /**
         * The {@code java} GIF encoder's lossy LZW level, 0 (lossless, the default) to 200, like gifsicle's
         * {@code --lossy}: sets {@code gif.lossy} ({@link JavaGifSettings}).
         */
        public Builder lossy(int level) {
            if (level < 0 || level > 200) {
                throw new IllegalArgumentException("lossy must be in [0, 200], was " + level);
            }
            return option("gif.lossy", Integer.toString(level));
        }

        /**
         * Builds the instance: providers are selected and created now, so that a bad name or setting fails here.
         *
         * @throws io.github.video2gif.api.spi.NoSuchProviderException      for an unknown provider name
         * @throws io.github.video2gif.api.spi.ProviderUnavailableException when a needed provider cannot work
         * @throws IllegalArgumentException                                 for a bad setting
         * @throws Video2GifException                                       when a file a provider needs is bad
         */
        public Video2Gif build() throws Video2GifException {
            return new Video2Gif(this);
        }
    }

    /** Created on first use. */
    private static final class Lazy<T> {
        private final Factory<T> factory;
        private T value;

        Lazy(Factory<T> factory) {
            this.factory = factory;
        }

        synchronized T get() throws Video2GifException {
            if (value == null) {
                value = factory.create();
            }
            return value;
        }
    }

    @FunctionalInterface
    private interface Factory<T> {
        T create() throws Video2GifException;
    }
}
