package io.github.video2gif.core.align;

import io.github.video2gif.api.OutputException;
import io.github.video2gif.api.Progress;
import io.github.video2gif.api.ProgressListener;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.VideoDecoder;
import io.github.video2gif.core.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Aligns many GIFs with their source videos and writes the result as a training annotation file.
 *
 * <h2>Input: the pairs file</h2>
 * UTF-8 text, one pair a line: {@code GIF<TAB>VIDEO} or {@code GIF<TAB>VIDEO<TAB>VIEWS}, where VIEWS is the GIF's
 * view count (a whole number &gt;= 0; 0, meaning unknown, when absent). Lines without a tab are split at runs of
 * spaces instead (for paths without spaces). Blank lines and lines starting with {@code #} are skipped. Relative
 * paths are resolved against the pairs file's folder.
 *
 * <h2>Output: the annotation file</h2>
 * UTF-8 text in the training annotation format ({@link io.github.video2gif.core.dataset.AnnotationFile}, which
 * {@code train} reads): the first line declares that format's version, the second is the header comment
 * {@value #HEADER}. Then one line per aligned GIF, in the order
 * of the pairs file:
 * <pre>
 * video_path&lt;TAB&gt;start_sec&lt;TAB&gt;end_sec&lt;TAB&gt;views
 * </pre>
 * {@code video_path} is the video's absolute, normalised path; {@code start_sec} and {@code end_sec} are seconds
 * from the start of the video stream with three decimals ({@code .} as decimal point), {@code end_sec >
 * start_sec}; {@code views} is copied from the pairs file. Pairs that were not aligned are kept as comment lines,
 * so nothing is lost silently and readers that skip {@code #} lines ignore them:
 * <pre>
 * # not found: GIF&lt;TAB&gt;VIDEO&lt;TAB&gt;confidence 0.120 (separation 1.20, frame margin -3.40)
 * # failed: GIF&lt;TAB&gt;VIDEO&lt;TAB&gt;the error message
 * </pre>
 * The file appears whole or not at all: it is written to a temporary file in the same folder and moved into place
 * at the end; an existing file is replaced only then.
 *
 * <p>Each video is decoded and hashed once, however many of the pairs use it; pairs are processed grouped by
 * video. Progress is reported as task {@value GifAligner#TASK}, one unit a pair.
 */
public final class AlignmentBatch {
    /** The annotation file's first line. */
    public static final String HEADER = "# video2gif alignments: video_path\tstart_sec\tend_sec\tviews";

    private static final Logger LOG = LoggerFactory.getLogger(AlignmentBatch.class);

    /**
     * One line of the pairs file.
     *
     * @param gif   the GIF
     * @param video its presumed source video
     * @param views the GIF's view count (0: unknown)
     * @param line  the line number in the pairs file (1-based)
     */
    public record Pair(Path gif, Path video, long views, int line) {
        public Pair {
            Objects.requireNonNull(gif, "gif");
            Objects.requireNonNull(video, "video");
            if (views < 0) {
                throw new IllegalArgumentException("views must be >= 0, was " + views);
            }
        }
    }

    /**
     * What became of one pair: an alignment (found or not), or the error that stopped it.
     *
     * @param pair      the pair
     * @param alignment the alignment, or null when an error stopped it
     * @param error     the error's message, or null
     */
    public record Outcome(Pair pair, GifAlignment alignment, String error) {
        /** Whether this pair produced an annotation line. */
        public boolean aligned() {
            return alignment != null && alignment.found();
        }
    }

    /**
     * The batch's result.
     *
     * @param outcomes one per pair, in the pairs file's order
     */
    public record Summary(List<Outcome> outcomes) {
        public Summary {
            outcomes = List.copyOf(outcomes);
        }

        public int aligned() {
            return (int) outcomes.stream().filter(Outcome::aligned).count();
        }

        public int notFound() {
            return (int) outcomes.stream().filter(o -> o.alignment() != null && !o.alignment().found()).count();
        }

        public int failed() {
            return (int) outcomes.stream().filter(o -> o.error() != null).count();
        }
    }

    private final GifAligner aligner;

    public AlignmentBatch(GifAligner aligner) {
        this.aligner = Objects.requireNonNull(aligner, "aligner");
    }

    /**
     * Reads a pairs file.
     *
     * @throws Video2GifException when the file cannot be read or a line is malformed (the message names the line)
     */
    public static List<Pair> readPairs(Path pairsFile) throws Video2GifException {
        Objects.requireNonNull(pairsFile, "pairsFile");
        List<String> lines;
        try {
            lines = Files.readAllLines(pairsFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new Video2GifException(pairsFile, "Cannot read pairs file \"" + pairsFile
                    + "\": it does not exist", e);
        } catch (IOException e) {
            throw new Video2GifException(pairsFile, "Cannot read pairs file \"" + pairsFile + "\": " + e, e);
        }
        Path base = pairsFile.toAbsolutePath().getParent();
        List<Pair> pairs = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.indexOf('\t') >= 0 ? line.split("\t") : line.split(" +");
            if (f.length < 2 || f.length > 3 || f[0].isBlank() || f[1].isBlank()) {
                throw new Video2GifException(pairsFile, "Cannot read pairs file \"" + pairsFile + "\": line "
                        + (n + 1) + " has " + f.length + " fields, expected GIF<TAB>VIDEO[<TAB>VIEWS]: \"" + line
                        + "\"");
            }
            long views = 0;
            if (f.length == 3) {
                try {
                    views = Long.parseLong(f[2].strip());
                } catch (NumberFormatException e) {
                    views = -1;
                }
                if (views < 0) {
                    throw new Video2GifException(pairsFile, "Cannot read pairs file \"" + pairsFile + "\": line "
                            + (n + 1) + " has views \"" + f[2] + "\", expected a whole number >= 0");
                }
            }
            pairs.add(new Pair(resolve(base, f[0].strip()), resolve(base, f[1].strip()), views, n + 1));
        }
        return pairs;
    }

    private static Path resolve(Path base, String path) {
        Path p = Path.of(path);
        return (p.isAbsolute() || base == null ? p : base.resolve(p)).toAbsolutePath().normalize();
    }

    /**
     * Aligns every pair of a pairs file and writes the annotation file.
     *
     * @return what became of each pair
     * @throws Video2GifException when the pairs file cannot be read
     * @throws OutputException    when the annotation file cannot be written (an existing one is left as it was)
     */
    public Summary run(Path pairsFile, Path annotations, VideoDecoder decoder, ProgressListener listener)
            throws Video2GifException {
        Objects.requireNonNull(annotations, "annotations");
        Objects.requireNonNull(decoder, "decoder");
        List<Pair> pairs = readPairs(pairsFile);
        Summary summary = align(pairs, decoder, listener);
        write(summary, annotations);
        return summary;
    }

    /** Aligns pairs, hashing each distinct video once. */
    public Summary align(List<Pair> pairs, VideoDecoder decoder, ProgressListener listener) {
        ProgressListener progress = SafeProgress.wrap(listener);
        Map<Path, List<Integer>> byVideo = new LinkedHashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            byVideo.computeIfAbsent(pairs.get(i).video(), v -> new ArrayList<>()).add(i);
        }
        Outcome[] outcomes = new Outcome[pairs.size()];
        long done = 0;
        progress.onProgress(new Progress(GifAligner.TASK, 0, pairs.size(), ""));
        for (Map.Entry<Path, List<Integer>> e : byVideo.entrySet()) {
            HashTrack video = null;
            String videoError = null;
            try {
                video = aligner.hashVideo(e.getKey(), decoder, ProgressListener.NONE);
            } catch (Video2GifException ex) {
                videoError = ex.getMessage();
                LOG.warn("{}", videoError);
            }
            for (int i : e.getValue()) {
                Pair pair = pairs.get(i);
                if (video == null) {
                    outcomes[i] = new Outcome(pair, null, videoError);
                } else {
                    try {
                        outcomes[i] = new Outcome(pair, aligner.align(pair.gif(), pair.video(), video, decoder),
                                null);
                    } catch (Video2GifException ex) {
                        LOG.warn("{}", ex.getMessage());
                        outcomes[i] = new Outcome(pair, null, ex.getMessage());
                    }
                }
                done++;
                progress.onProgress(new Progress(GifAligner.TASK, done, pairs.size(),
                        String.valueOf(pair.gif().getFileName())));
            }
        }
        return new Summary(List.of(outcomes));
    }

    /** Writes the annotation file for a summary, atomically. */
    public static void write(Summary summary, Path annotations) throws OutputException {
        Path target = annotations.toAbsolutePath();
        Path tmp = null;
        try {
            tmp = AtomicFiles.createSibling(target, ".tmp");
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(io.github.video2gif.core.dataset.AnnotationFile.HEADER);
                w.newLine();
                w.write(HEADER);
                w.newLine();
                for (Outcome o : summary.outcomes()) {
                    w.write(line(o));
                    w.newLine();
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new OutputException(annotations, "Cannot write annotation file \"" + annotations + "\": " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.debug("cannot delete {}", tmp, e);
                }
            }
        }
    }

    private static String line(Outcome o) {
        Pair p = o.pair();
        if (o.error() != null) {
            return "# failed: " + p.gif() + "\t" + p.video() + "\t" + o.error().replaceAll("[\\r\\n\\t]+", " ");
        }
        GifAlignment a = o.alignment();
        if (!a.found()) {
            return String.format(Locale.ROOT, "# not found: %s\t%s\tconfidence %.3f (separation %.2f, frame margin"
                    + " %.2f)", p.gif(), p.video(), a.confidence(), a.separation(), a.frameMargin());
        }
        return String.format(Locale.ROOT, "%s\t%.3f\t%.3f\t%d", p.video(), a.startSec(), a.endSec(), p.views());
    }
}
