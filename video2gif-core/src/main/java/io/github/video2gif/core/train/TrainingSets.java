package io.github.video2gif.core.train;

import io.github.video2gif.api.Progress;
import io.github.video2gif.api.ProgressListener;
import io.github.video2gif.api.Segment;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.core.dataset.AnalyzedVideo;
import io.github.video2gif.core.dataset.Annotation;
import io.github.video2gif.core.dataset.VideoAnalyzer;
import io.github.video2gif.core.metrics.FrameSpan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@link TrainingData} from annotations ({@link io.github.video2gif.core.dataset.AnnotationFile}) and
 * videos: each annotated video is analysed once (put a {@link io.github.video2gif.core.dataset.FeatureCache} in
 * front of the analyzer to analyse it once across runs), its GIFs are turned from seconds into frames with the
 * video's frame rate ({@code round(seconds * fps)}, end exclusive, clipped to the video), and their view counts
 * into normalised popularity ({@link Popularity}).
 */
public final class TrainingSets {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingSets.class);

    private TrainingSets() {
    }

    /**
     * @param annotations the GIFs
     * @param videosDir   the folder relative video paths are resolved against
     * @param featureName the feature extractor's name, recorded in the model
     * @param analyzer    decodes and describes a video
     * @param listener    progress: task {@code "analyze"}, one unit per video
     * @throws Video2GifException when a video cannot be analysed (the message names it)
     */
    public static TrainingData fromAnnotations(List<Annotation> annotations, Path videosDir, String featureName,
                                               VideoAnalyzer analyzer, ProgressListener listener)
            throws Video2GifException {
        Objects.requireNonNull(videosDir, "videosDir");
        Objects.requireNonNull(analyzer, "analyzer");
        ProgressListener progress = listener == null ? ProgressListener.NONE : listener;
        Map<String, List<Annotation>> byVideo = new LinkedHashMap<>();
        List<Double> raw = new ArrayList<>();
        for (Annotation a : annotations) {
            byVideo.computeIfAbsent(a.video(), k -> new ArrayList<>()).add(a);
            if (a.views().isPresent()) {
                raw.add(Popularity.raw(a.views().getAsDouble(), a.ageDays()));
            }
        }
        Popularity popularity = Popularity.fit(raw);
        List<TrainingVideo> videos = new ArrayList<>();
        int done = 0;
        for (Map.Entry<String, List<Annotation>> e : byVideo.entrySet()) {
            Path path = Path.of(e.getKey());
            Path file = path.isAbsolute() ? path : videosDir.resolve(path);
            progress.onProgress(new Progress("analyze", done, byVideo.size(), e.getKey()));
            AnalyzedVideo a = analyzer.analyze(file);
            videos.add(toTrainingVideo(e.getKey(), a, e.getValue(), popularity));
            done++;
        }
        progress.onProgress(new Progress("analyze", done, byVideo.size(), ""));
        return new TrainingData(featureName, videos);
    }

    /** One analysed video and its GIFs as a training video. */
    static TrainingVideo toTrainingVideo(String id, AnalyzedVideo a, List<Annotation> gifs, Popularity popularity) {
        if (a.frames() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("video \"" + id + "\" has too many frames: " + a.frames());
        }
        int frames = (int) a.frames();
        List<FrameSpan> segments = new ArrayList<>();
        List<float[]> features = new ArrayList<>();
        for (int i = 0; i < a.segments().size(); i++) {
            Segment s = a.segments().get(i);
            if (s.startFrame() >= frames) {
                continue;
            }
            segments.add(new FrameSpan((int) s.startFrame(), (int) Math.min(frames, s.endFrame())));
            features.add(a.features().get(i));
        }
        List<TrainingGif> out = new ArrayList<>();
        for (Annotation g : gifs) {
            long start = Math.round(g.startSec() * a.fps());
            long end = Math.min(frames, Math.round(g.endSec() * a.fps()));
            if (start >= frames) {
                LOG.warn("the GIF {}..{} s of \"{}\" starts after the video's end ({} frames at {} fps): left out",
                        g.startSec(), g.endSec(), id, frames, a.fps());
                continue;
            }
            end = Math.max(end, start + 1);
            double p = g.views().isPresent()
                    ? popularity.normalise(Popularity.raw(g.views().getAsDouble(), g.ageDays())) : 0;
            out.add(new TrainingGif(new FrameSpan((int) start, (int) end), p));
        }
        return new TrainingVideo(id, frames, segments, features, out);
    }
}
