package io.github.video2gif.core.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluation of a set of videos: per video nMSD and AP, and their means over the videos (the paper's
 * "nMSD" and "mAP"), all as fractions.
 *
 * @param videos   per video, in input order
 * @param meanNmsd mean nMSD over the videos
 * @param meanAp   mean AP over the videos
 */
public record EvaluationReport(List<VideoScore> videos, double meanNmsd, double meanAp) {
    public EvaluationReport {
        videos = List.copyOf(videos);
    }

    /** The report of the given per-video scores (at least one). */
    public static EvaluationReport of(List<VideoScore> videos) {
        if (videos.isEmpty()) {
            throw new IllegalArgumentException("no videos to evaluate");
        }
        double n = 0;
        double a = 0;
        for (VideoScore v : videos) {
            n += v.nmsd();
            a += v.ap();
        }
        return new EvaluationReport(videos, n / videos.size(), a / videos.size());
    }

    /**
     * The report as a JSON-ready value:
     * {@code {"videos": [{"id", "nmsd", "ap"}], "meanNmsd", "meanAp"}} (write it with
     * {@link io.github.video2gif.core.io.Json#write(Object, boolean)}).
     */
    public Map<String, Object> toJson() {
        List<Object> list = new ArrayList<>(videos.size());
        for (VideoScore v : videos) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", v.id());
            m.put("nmsd", v.nmsd());
            m.put("ap", v.ap());
            list.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("videos", list);
        root.put("meanNmsd", meanNmsd);
        root.put("meanAp", meanAp);
        return root;
    }
}
