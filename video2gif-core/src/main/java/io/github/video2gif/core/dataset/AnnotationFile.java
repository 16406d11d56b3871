package io.github.video2gif.core.dataset;

import io.github.video2gif.api.OutputException;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.core.io.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The project's own annotation format for users' data: which parts of which videos were made into GIFs. A UTF-8
 * text file, one GIF per line, tab-separated:
 * <pre>
 * # video2gif annotations 1
 * # video          start_sec  end_sec  views  age_days
 * talks/keynote.mp4    12.5     17.0     1532   30
 * talks/keynote.mp4    64       69.2
 * /data/cats.webm      3.0      8.5      -      12
 * </pre>
 * <ul>
 *   <li>{@code video}: the video's path, relative to the videos folder given to training or evaluation, or
 *       absolute; no tabs.</li>
 *   <li>{@code start_sec}, {@code end_sec}: the GIF's span in seconds, end exclusive, {@code end > start >= 0}.</li>
 *   <li>{@code views}, {@code age_days}: optional popularity (for the adaptive Huber loss); {@code -} or nothing
 *       when unknown.</li>
 * </ul>
 * Lines starting with {@code #} and blank lines are ignored; the first line may declare the format version
 * ({@code # video2gif annotations 1}), and a later version is refused. Several lines may name the same video
 * (several GIFs). Errors name the file and line.
 */
public final class AnnotationFile {
    /** The first line written, declaring the format and its version. */
    public static final String HEADER = "# video2gif annotations 1";
    private static final String MAGIC = "# video2gif annotations ";

    private AnnotationFile() {
    }

    /**
     * Reads an annotation file.
     *
     * @throws DatasetFormatException naming the line of the first malformed entry
     */
    public static List<Annotation> read(Path file) throws Video2GifException {
        List<String> lines = Video2GifDataset.lines(file);
        List<Annotation> out = new ArrayList<>();
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln);
            if (ln == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String where = "Annotation file \"" + file + "\" line " + (ln + 1);
            if (line.startsWith(MAGIC)) {
                String v = line.substring(MAGIC.length()).trim();
                if (!v.equals("1")) {
                    throw new DatasetFormatException(file, where + " declares format version " + v
                            + "; this reader reads version 1: update video2gif");
                }
                continue;
            }
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            List<String> fields = new ArrayList<>();
            for (String s : f) {
                fields.add(s.trim());
            }
            while (!fields.isEmpty() && fields.get(fields.size() - 1).isEmpty()) {
                fields.remove(fields.size() - 1);
            }
            if (fields.size() < 3 || fields.size() > 5) {
                throw new DatasetFormatException(file, where + " has " + fields.size() + " fields; expected"
                        + " video<TAB>start_sec<TAB>end_sec[<TAB>views[<TAB>age_days]]");
            }
            try {
                double start = seconds(fields.get(1), "start_sec");
                double end = seconds(fields.get(2), "end_sec");
                OptionalDouble views = fields.size() > 3 ? optional(fields.get(3), "views") : OptionalDouble.empty();
                OptionalDouble age = fields.size() > 4 ? optional(fields.get(4), "age_days") : OptionalDouble.empty();
                out.add(new Annotation(fields.get(0), start, end, views, age));
            } catch (IllegalArgumentException e) {
                throw new DatasetFormatException(file, where + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Writes an annotation file atomically, with the version header. */
    public static void write(Path file, List<Annotation> annotations) throws OutputException {
        StringBuilder sb = new StringBuilder();
        sb.append(HEADER).append('\n');
        sb.append("# video\tstart_sec\tend_sec\tviews\tage_days\n");
        for (Annotation a : annotations) {
            sb.append(a.video()).append('\t').append(number(a.startSec())).append('\t').append(number(a.endSec()));
            if (a.views().isPresent() || a.ageDays().isPresent()) {
                sb.append('\t').append(a.views().isPresent() ? number(a.views().getAsDouble()) : "-");
                if (a.ageDays().isPresent()) {
                    sb.append('\t').append(number(a.ageDays().getAsDouble()));
                }
            }
            sb.append('\n');
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, "annotation file", out -> out.write(bytes));
    }

    /**
     * The annotations of Video2GIF dataset rows: video {@code <youtube_id>.mp4} (the name under which the authors
     * hosted the test videos), the GIF's seconds, views and age.
     */
    public static List<Annotation> fromMetadata(List<GifRecord> records) {
        List<Annotation> out = new ArrayList<>(records.size());
        for (GifRecord r : records) {
            out.add(new Annotation(r.youtubeId() + ".mp4", r.startSec(), r.endSec(), r.views(), r.age()));
        }
        return out;
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }

    private static double seconds(String s, String what) {
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number of seconds, was \"" + s + "\"");
        }
    }

    private static OptionalDouble optional(String s, String what) {
        if (s.isEmpty() || s.equals("-")) {
            return OptionalDouble.empty();
        }
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v) || v < 0) {
                throw new NumberFormatException();
            }
            return OptionalDouble.of(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number >= 0 or \"-\", was \"" + s + "\"");
        }
    }
}
