package io.github.video2gif.core.metrics;

import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.core.io.Json;
import io.github.video2gif.core.io.Json.JsonException;
import io.github.video2gif.core.metrics.Metrics.NmsdMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Evaluates predicted frame scores given in a JSON file, the entry point of {@code video2gif eval
 * --frame-scores FILE}. The file is
 * <pre>{@code
 * {"videos": [
 *    {"id": "abc", "frames": 300, "gifs": [[10, 60], [200, 250]], "scores": [0.1, 0.3, ...]},
 *    ...
 * ]}
 * }</pre>
 * with {@code frames} the video's frame count, each GIF as {@code [startFrame, endFrame]} (end exclusive, a
 * GIF ending past the video is clipped to it) and exactly {@code frames} finite scores. The result is an
 * {@link EvaluationReport}, whose {@link EvaluationReport#toJson()} is
 * {@code {"videos": [{"id", "nmsd", "ap"}], "meanNmsd", "meanAp"}}.
 */
public final class FrameScoreEvaluation {
    /** Largest file accepted (a JSON file of scores is never this large; a hostile one must not exhaust memory). */
    public static final long MAX_FILE_BYTES = 1L << 30;

    private FrameScoreEvaluation() {
    }

    /** Evaluates a frame-scores file with nMSD averaged over each video's GIFs. */
    public static EvaluationReport evaluate(Path file) throws Video2GifException {
        return evaluate(file, NmsdMode.MEAN);
    }

    /**
     * Evaluates a frame-scores file.
     *
     * @throws Video2GifException when it does not exist, cannot be read or is not a valid frame-scores file; the message names
     *                                the file, the video and what is wrong
     */
    public static EvaluationReport evaluate(Path file, NmsdMode mode) throws Video2GifException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(mode, "mode");
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new Video2GifException(file, "Frame-scores file \"" + file + "\" is " + size
                        + " bytes, more than the " + MAX_FILE_BYTES + " accepted");
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new Video2GifException(file, "Frame-scores file \"" + file + "\" does not exist");
        } catch (CharacterCodingException e) {
            throw new Video2GifException(file, "Frame-scores file \"" + file + "\" is not UTF-8 text", e);
        } catch (IOException e) {
            throw new Video2GifException(file, "Cannot read frame-scores file \"" + file + "\": " + e.getMessage(), e);
        }
        try {
            return evaluate(Json.parse(text), mode);
        } catch (IllegalArgumentException e) {
            throw new Video2GifException(file, "Bad frame-scores file \"" + file + "\": " + e.getMessage(), e);
        }
    }

    /**
     * Evaluates parsed frame-scores JSON.
     *
     * @throws IllegalArgumentException when it is malformed (the message names the video and the problem)
     */
    public static EvaluationReport evaluate(Object json, NmsdMode mode) {
        Map<String, Object> root = Json.asObject(json, "the top level");
        List<Object> videos = Json.asArray(Json.member(root, "videos", "the top level"), "\"videos\"");
        if (videos.isEmpty()) {
            throw new JsonException("\"videos\" is empty: nothing to evaluate");
        }
        List<VideoScore> out = new ArrayList<>(videos.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < videos.size(); i++) {
            String where = "video #" + (i + 1);
            Map<String, Object> v = Json.asObject(videos.get(i), where);
            String id = Json.asString(Json.member(v, "id", where), where + " \"id\"");
            where = "video \"" + id + "\"";
            if (!ids.add(id)) {
                throw new JsonException(where + " appears twice");
            }
            int frames = (int) Json.asLong(Json.member(v, "frames", where), where + " \"frames\"", 1, Integer.MAX_VALUE - 8);
            List<Object> gifList = Json.asArray(Json.member(v, "gifs", where), where + " \"gifs\"");
            List<Object> scoreList = Json.asArray(Json.member(v, "scores", where), where + " \"scores\"");
            if (scoreList.size() != frames) {
                throw new JsonException(where + " has " + scoreList.size() + " scores for " + frames + " frames");
            }
            double[] scores = new double[frames];
            for (int f = 0; f < frames; f++) {
                scores[f] = Json.asDouble(scoreList.get(f), where + " score of frame " + f);
            }
            if (gifList.isEmpty()) {
                throw new JsonException(where + " has no GIFs");
            }
            List<FrameSpan> gifs = new ArrayList<>(gifList.size());
            for (int g = 0; g < gifList.size(); g++) {
                String gw = where + " GIF #" + (g + 1);
                List<Object> pair = Json.asArray(gifList.get(g), gw);
                if (pair.size() != 2) {
                    throw new JsonException(gw + " must be [startFrame, endFrame], had " + pair.size() + " values");
                }
                long start = Json.asLong(pair.get(0), gw + " start", 0, Integer.MAX_VALUE);
                long end = Json.asLong(pair.get(1), gw + " end", 0, Integer.MAX_VALUE);
                if (end <= start) {
                    throw new JsonException(gw + " ends (" + end + ") at or before it starts (" + start + ")");
                }
                if (start >= frames) {
                    throw new JsonException(gw + " starts at frame " + start + ", after the video's " + frames
                            + " frames");
                }
                gifs.add(new FrameSpan((int) start, (int) end));
            }
            try {
                out.add(Evaluation.evaluate(id, scores, gifs, mode));
            } catch (IllegalArgumentException e) {
                throw new JsonException(where + ": " + e.getMessage());
            }
        }
        return EvaluationReport.of(out);
    }
}
