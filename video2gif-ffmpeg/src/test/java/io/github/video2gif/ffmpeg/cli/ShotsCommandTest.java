package io.github.video2gif.ffmpeg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.video2gif.core.synthetic.SyntheticVideo;
import io.github.video2gif.core.synthetic.SyntheticVideo.Join;
import io.github.video2gif.core.synthetic.SyntheticVideo.Kind;
import io.github.video2gif.core.synthetic.SyntheticVideo.Shot;
import io.github.video2gif.ffmpeg.FfmpegVideoWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code video2gif shots VIDEO --json} and {@code --segmenter} as a user runs them on a file with known shots. */
class ShotsCommandTest {
    @TempDir
    static Path dir;
    static Path video;
    static final SyntheticVideo SCRIPT = new SyntheticVideo(List.of(
            new Shot(Kind.ACTION, 5, 1, Join.CUT),
            new Shot(Kind.STATIC, 4, 2, Join.FADE),
            new Shot(Kind.ACTION, 5, 3, Join.DISSOLVE),
            new Shot(Kind.DARK, 4, 4, Join.CUT),
            new Shot(Kind.PAN, 5, 5, Join.WIPE),
            new Shot(Kind.ACTION, 4, 6, Join.CUT)), 320, 180, 25);

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.runForTest(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void writeTheVideo() throws Exception {
        video = dir.resolve("shots.mp4");
        try (FfmpegVideoWriter w = FfmpegVideoWriter.builder(video, 320, 180).fps(25).open()) {
            for (int i = 0; i < SCRIPT.frameCount(); i++) {
                w.write(SCRIPT.frame(i));
            }
            w.finish();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Result r) {
        assertThat(r.code()).as(r.err()).isZero();
        return (Map<String, Object>) JsonTestParser.parse(r.out().trim());
    }

    @Test
    @SuppressWarnings("unchecked")
    void shotsJsonHasTheCutsTransitionsAndShotsOfTheVideo() {
        Map<String, Object> j = json(run("shots", video.toString(), "--json", "--quiet"));
        assertThat(j.keySet()).containsExactly("fps", "frames", "cuts", "transitions", "shots");
        assertThat((Double) j.get("fps")).isEqualTo(25.0);
        assertThat((Double) j.get("frames")).isEqualTo(SCRIPT.frameCount());
        List<Double> cuts = (List<Double>) j.get("cuts");
        assertThat(cuts).containsExactlyElementsOf(SCRIPT.cutFrames().stream().map(Long::doubleValue).toList());

        List<Map<String, Object>> transitions = (List<Map<String, Object>>) j.get("transitions");
        assertThat(transitions).extracting(t -> t.get("type")).containsExactly("fade-out", "dissolve", "wipe");
        List<SyntheticVideo.Gradual> truth = SCRIPT.gradualTransitions();
        for (int i = 0; i < transitions.size(); i++) {
            Map<String, Object> t = transitions.get(i);
            assertThat(t.keySet()).containsExactly("startFrame", "endFrame", "type");
            double start = (Double) t.get("startFrame");
            double end = (Double) t.get("endFrame");
            assertThat(end).isGreaterThan(start);
            // within a few frames of the true range (endFrame exclusive)
            assertThat(start).isCloseTo(truth.get(i).startFrame(), within(4.0));
            assertThat(end).isCloseTo(truth.get(i).endFrame(), within(4.0));
        }

        List<Map<String, Object>> shots = (List<Map<String, Object>>) j.get("shots");
        assertThat(shots).hasSize(SCRIPT.shots().size());
        double previousEnd = 0;
        for (Map<String, Object> s : shots) {
            assertThat(s.keySet()).containsExactly("startFrame", "endFrame", "startSec", "endSec");
            double start = (Double) s.get("startFrame");
            double end = (Double) s.get("endFrame");
            assertThat(start).isGreaterThanOrEqualTo(previousEnd);
            assertThat(end).isGreaterThan(start);
            assertThat((Double) s.get("startSec")).isCloseTo(start / 25, within(1e-3));
            assertThat((Double) s.get("endSec")).isCloseTo(end / 25, within(1e-3));
            previousEnd = end;
        }
        // every cut opens a shot; the last shot ends with the video
        for (double c : cuts) {
            assertThat(shots).anyMatch(s -> (Double) s.get("startFrame") == c);
        }
        assertThat((Double) shots.get(shots.size() - 1).get("endFrame")).isEqualTo(SCRIPT.frameCount());
    }

    @Test
    void shotsPrintsAReadableSummaryWithoutJson() {
        Result r = run("shots", video.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 cuts, 3 gradual transitions, 6 shots").contains("wipe").contains("dissolve");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSegmenterIsChosenByName() {
        Map<String, Object> uniform = json(run("shots", video.toString(), "--json", "--quiet", "--segmenter",
                "uniform"));
        assertThat((List<Object>) uniform.get("cuts")).isEmpty();
        assertThat((List<Object>) uniform.get("shots")).hasSize(1);

        Map<String, Object> ranked = json(run("rank", video.toString(), "--json", "--quiet", "--segmenter",
                "uniform", "--set", "segmenter.segment-seconds=4"));
        List<Map<String, Object>> segments = (List<Map<String, Object>>) ranked.get("segments");
        // 27 s in 4 s windows: six of 4 s and a 3 s tail, kept as it is at least half a window
        assertThat(segments).hasSize(7);
        for (Map<String, Object> s : segments) {
            double start = (Double) s.get("startSec");
            double end = (Double) s.get("endSec");
            assertThat(start / 4).isCloseTo(Math.rint(start / 4), within(1e-6));
            assertThat(end - start).isCloseTo(start == 24 ? 3 : 4, within(1e-6));
        }

        Map<String, Object> histogram = json(run("shots", video.toString(), "--json", "--quiet", "--segmenter",
                "histogram"));
        assertThat((List<Object>) histogram.get("cuts")).isNotEmpty();
        assertThat(run("shots", video.toString(), "--segmenter", "nope").err()).contains("Unknown segmenter \"nope\"")
                .contains("shots").contains("uniform");
    }
}
