package io.github.video2gif.core.dataset;

import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.core.metrics.FrameSpan;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Readers for the files of the Video2GIF dataset release (Gygli, Song and Cao 2016):
 * <ul>
 *   <li>{@code metadata.txt}: a header row, then one row per GIF, fields separated by {@code ";\t"}
 *       (see {@link GifRecord});</li>
 *   <li>{@code video_tags.txt}: {@code YoutubeID;\t tag1; tag2; ...} per line;</li>
 *   <li>{@code testset.txt}: one YouTube id per line (357 in the release).</li>
 * </ul>
 * Every malformed line is reported with its file and line number.
 */
public final class Video2GifDataset {
    /** The field separator of {@code metadata.txt} and {@code video_tags.txt}. */
    public static final String SEPARATOR = ";\t";

    /** The header fields {@code metadata.txt} must have (others are kept but not needed). */
    public static final List<String> REQUIRED = List.of("youtube_id", "gif_id", "gif_start_frame", "gif_end_frame",
            "gif_start_sec", "gif_end_sec", "video_frame_count");

    private Video2GifDataset() {
    }

    /**
     * Reads {@code metadata.txt}.
     *
     * @throws DatasetFormatException when the header lacks a required field or a row is malformed
     */
    public static List<GifRecord> readMetadata(Path file) throws Video2GifException {
        List<String> lines = lines(file);
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first == lines.size()) {
            throw new DatasetFormatException(file, "Metadata file \"" + file + "\" is empty; it needs a header row");
        }
        String[] header = split(stripBom(lines.get(first)));
        for (int i = 0; i < header.length; i++) {
            header[i] = header[i].trim();
        }
        List<String> names = Arrays.asList(header);
        for (String r : REQUIRED) {
            if (!names.contains(r)) {
                throw new DatasetFormatException(file, "Metadata file \"" + file + "\" has no column \"" + r
                        + "\" in its header (line " + (first + 1) + "); found " + names + ". Fields are separated by"
                        + " \";\\t\"");
            }
        }
        List<GifRecord> out = new ArrayList<>();
        for (int ln = first + 1; ln < lines.size(); ln++) {
            String line = lines.get(ln);
            if (line.isBlank()) {
                continue;
            }
            String[] f = split(line);
            String where = "\"" + file + "\" line " + (ln + 1);
            if (f.length != header.length) {
                throw new DatasetFormatException(file, "Metadata " + where + " has " + f.length + " fields, the header "
                        + header.length + " (fields are separated by \";\\t\")");
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                m.put(header[i], f[i].trim());
            }
            double start = number(m, "gif_start_frame", where, file);
            double end = number(m, "gif_end_frame", where, file);
            double frames = number(m, "video_frame_count", where, file);
            if (!(frames >= 1 && frames <= Integer.MAX_VALUE)) {
                throw new DatasetFormatException(file, "Metadata " + where + ": video_frame_count " + frames
                        + " is not a frame count");
            }
            if (start < 0 || end <= start) {
                throw new DatasetFormatException(file, "Metadata " + where + ": the GIF spans frames " + start + ".."
                        + end + "; it must start at 0 or later and end after it starts");
            }
            out.add(new GifRecord(m.get("youtube_id"), m.get("gif_id"), start, end,
                    number(m, "gif_start_sec", where, file), number(m, "gif_end_sec", where, file),
                    optional(m.get("gif_views")), optional(m.get("gif_age")), (int) frames, m));
        }
        return out;
    }

    /** Reads {@code video_tags.txt}: per YouTube id its tags, in file order. */
    public static Map<String, List<String>> readVideoTags(Path file) throws Video2GifException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> lines = lines(file);
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = ln == 0 ? stripBom(lines.get(ln)) : lines.get(ln);
            if (line.isBlank()) {
                continue;
            }
            int sep = line.indexOf(SEPARATOR);
            if (sep <= 0) {
                throw new DatasetFormatException(file, "Tags file \"" + file + "\" line " + (ln + 1)
                        + " does not start with \"YoutubeID;\\t\"");
            }
            List<String> tags = new ArrayList<>();
            for (String t : line.substring(sep + SEPARATOR.length()).split(";")) {
                if (!t.isBlank()) {
                    tags.add(t.trim());
                }
            }
            out.put(line.substring(0, sep).trim(), List.copyOf(tags));
        }
        return out;
    }

    /** Reads {@code testset.txt}: the ids, in file order, blank lines skipped. */
    public static List<String> readTestSet(Path file) throws Video2GifException {
        List<String> out = new ArrayList<>();
        List<String> lines = lines(file);
        for (int ln = 0; ln < lines.size(); ln++) {
            String id = (ln == 0 ? stripBom(lines.get(ln)) : lines.get(ln)).trim();
            if (id.isEmpty()) {
                continue;
            }
            if (id.chars().anyMatch(Character::isWhitespace)) {
                throw new DatasetFormatException(file, "Test set \"" + file + "\" line " + (ln + 1)
                        + " holds more than one id: \"" + id + "\"");
            }
            out.add(id);
        }
        return out;
    }

    /**
     * The evaluation ground truth per video, as the authors' code builds it: the video's frame count and each
     * GIF as frames {@code [int(gif_start_frame), int(gif_end_frame))} (a GIF that truncation leaves empty keeps
     * one frame).
     */
    public static Map<String, VideoTruth> groundTruth(List<GifRecord> records) {
        Map<String, VideoTruth> out = new LinkedHashMap<>();
        for (GifRecord r : records) {
            VideoTruth t = out.get(r.youtubeId());
            List<FrameSpan> gifs = t == null ? new ArrayList<>() : new ArrayList<>(t.gifs());
            gifs.add(new FrameSpan(r.firstFrame(), Math.max(r.firstFrame() + 1, r.endFrameExclusive())));
            out.put(r.youtubeId(), new VideoTruth(r.youtubeId(), r.videoFrameCount(), gifs));
        }
        return out;
    }

    /**
     * The ground truth of one video.
     *
     * @param youtubeId the video
     * @param frames    its frame count
     * @param gifs      its GIFs
     */
    public record VideoTruth(String youtubeId, int frames, List<FrameSpan> gifs) {
        public VideoTruth {
            gifs = List.copyOf(gifs);
        }
    }

    private static double number(Map<String, String> m, String key, String where, Path file)
            throws DatasetFormatException {
        String v = m.get(key);
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException | NullPointerException e) {
            throw new DatasetFormatException(file, "Metadata " + where + ": " + key + " must be a number, was \""
                    + v + "\"");
        }
    }

    private static OptionalDouble optional(String v) {
        if (v == null || v.isBlank()) {
            return OptionalDouble.empty();
        }
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.equals("nan") || s.equals("none") || s.equals("null")) {
            return OptionalDouble.empty();
        }
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) && d >= 0 ? OptionalDouble.of(d) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static String[] split(String line) {
        return line.split(";\t", -1);
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    static List<String> lines(Path file) throws Video2GifException {
        try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)))) {
            List<String> out = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                out.add(line);
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new DatasetFormatException(file, "File \"" + file + "\" does not exist", e);
        } catch (CharacterCodingException e) {
            throw new DatasetFormatException(file, "File \"" + file + "\" is not UTF-8 text", e);
        } catch (IOException e) {
            throw new DatasetFormatException(file, "Cannot read \"" + file + "\": " + e, e);
        }
    }
}
