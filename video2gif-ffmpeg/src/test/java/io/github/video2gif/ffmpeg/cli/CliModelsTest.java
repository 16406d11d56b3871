package io.github.video2gif.ffmpeg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.video2gif.core.io.Json;
import io.github.video2gif.core.io.NdArray;
import io.github.video2gif.core.io.NpyWriter;
import io.github.video2gif.core.rank.RankNetModel;
import io.github.video2gif.core.synthetic.SyntheticVideo;
import io.github.video2gif.ffmpeg.FfmpegVideoWriter;
import io.github.video2gif.ffmpeg.cli.CliTest.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model commands: train, eval, convert-weights and --model on rank, on small generated data. */
class CliModelsTest {
    private static final Path C3D = Path.of("../video2gif-core/src/test/resources/c3d");

    @TempDir
    static Path dir;
    static Path videos;
    static Path annotations;
    static Path cache;
    static Path model;
    static Result trained;

    @BeforeAll
    static void writeVideosAndTrain() throws Exception {
        videos = dir.resolve("videos");
        Files.createDirectories(videos);
        StringBuilder ann = new StringBuilder("# video2gif annotations 1\n");
        for (int v = 0; v < 3; v++) {
            SyntheticVideo video = SyntheticVideo.random(40 + v, 12, 160, 90, 25);
            Path file = videos.resolve("v" + v + ".mp4");
            try (FfmpegVideoWriter w = FfmpegVideoWriter.builder(file, video.width(), video.height())
                    .fps(video.fps()).open()) {
                for (int i = 0; i < video.frameCount(); i++) {
                    w.write(video.frame(i));
                }
                w.finish();
            }
            ann.append("v").append(v).append(".mp4\t0\t6\t").append(100 * (v + 1)).append("\t10\n");
        }
        annotations = dir.resolve("gifs.tsv");
        Files.writeString(annotations, ann.toString());
        cache = dir.resolve("cache");
        model = dir.resolve("model.v2g");
        trained = CliTest.run("train", "--annotations", annotations.toString(), "--videos", videos.toString(),
                "--out", model.toString(), "--epochs", "3", "--seed", "7", "--cache", cache.toString(), "--quiet");
    }

    @Test
    void trainWritesAModelOfTheChosenLossAndIsReproducible() throws Exception {
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(trained.out()).contains("trained on 3 videos").contains("wrote " + model);
        RankNetModel m = RankNetModel.load(model);
        assertThat(m.featureExtractor()).isEqualTo("cues");
        assertThat(m.training()).containsEntry("loss", "adaptive-huber").containsEntry("device",
                io.github.video2gif.cuda.CudaProbe.availability(0).available() ? "cuda" : "cpu");
        assertThat(trained.out()).contains(" pairs/s on ");
        try (var s = Files.list(cache)) {
            assertThat(s.count()).as("one cache entry per video").isEqualTo(3);
        }
        Path again = dir.resolve("again.v2g");
        Result r = CliTest.run("train", "--annotations", annotations.toString(), "--videos", videos.toString(),
                "--out", again.toString(), "--epochs", "3", "--seed", "7", "--cache", cache.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(model));

        Path l2 = dir.resolve("l2.v2g");
        r = CliTest.run("train", "--annotations", annotations.toString(), "--videos", videos.toString(),
                "--out", l2.toString(), "--epochs", "2", "--loss", "l2", "--models", "2", "--cache", cache.toString(),
                "--device", "cpu");
        assertThat(r.code()).as(r.err()).isZero();
        RankNetModel ml2 = RankNetModel.load(l2);
        assertThat(ml2.members()).hasSize(2);
        assertThat(ml2.training()).containsEntry("device", "cpu");
        assertThat(r.out()).contains("on cpu (ND4J");
        assertThat(ml2.toString()).contains("2 networks");
    }

    @Test
    void evalOfTheTrainedModelReportsEveryVideoAndTheirMean() throws Exception {
        assertThat(trained.code()).as(trained.err()).isZero();
        Result r = CliTest.run("eval", "--model", model.toString(), "--annotations", annotations.toString(),
                "--videos", videos.toString(), "--cache", cache.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, Object> json = Json.asObject(Json.parse(r.out()), "eval");
        List<Object> per = Json.asArray(json.get("videos"), "videos");
        assertThat(per).hasSize(3);
        double sum = 0;
        for (Object o : per) {
            double nmsd = Json.asDouble(Json.asObject(o, "video").get("nmsd"), "nmsd");
            assertThat(nmsd).isBetween(0.0, 1.0);
            sum += nmsd;
        }
        assertThat(Json.asDouble(json.get("meanNmsd"), "meanNmsd")).isCloseTo(sum / 3, within(1e-9));
        Result text = CliTest.run("eval", "--model", model.toString(), "--annotations", annotations.toString(),
                "--videos", videos.toString(), "--cache", cache.toString());
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("v0.mp4").contains("mean (3 videos)");
    }

    @Test
    void rankWithTheTrainedModelUsesIt() {
        assertThat(trained.code()).as(trained.err()).isZero();
        Path video = videos.resolve("v1.mp4");
        Result cues = CliTest.run("rank", video.toString(), "--json");
        Result ranked = CliTest.run("rank", video.toString(), "--model", model.toString(), "--json");
        assertThat(ranked.code()).as(ranked.err()).isZero();
        assertThat(scores(ranked.out())).isNotEmpty().isNotEqualTo(scores(cues.out()));
    }

    private static double[] scores(String rankJson) {
        List<Object> segs = Json.asArray(Json.asObject(Json.parse(rankJson), "rank").get("segments"), "segments");
        return segs.stream().mapToDouble(o -> Json.asDouble(Json.asObject(o, "s").get("score"), "score")).toArray();
    }

    @Test
    void evalOfFrameScoresOnAHandComputedCase() throws Exception {
        // a: the GIF (frames 2-5) holds the 4 best frames: nMSD 0, AP 1.
        // b: the GIF (frames 0-1) scores lowest, every other frame ties above it: the 50th percentile of the
        //    GIF's scores is 0, all 10 frames reach it, m = 1: nMSD (10 - 1) / (10 - 1) = 1; AP: the only
        //    threshold reaching recall 1 is 0, with precision 2/10.
        Path file = dir.resolve("scores.json");
        Files.writeString(file, """
                {"videos": [
                  {"id": "a", "frames": 10, "gifs": [[2, 6]], "scores": [0, 0, 0.9, 0.8, 0.7, 0.6, 0, 0, 0.5, 0]},
                  {"id": "b", "frames": 10, "gifs": [[0, 2]], "scores": [0, 0, 1, 1, 1, 1, 1, 1, 1, 1]}
                ]}""");
        Result r = CliTest.run("eval", "--frame-scores", file.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, Object> json = Json.asObject(Json.parse(r.out()), "eval");
        List<Object> per = Json.asArray(json.get("videos"), "videos");
        Map<String, Object> a = Json.asObject(per.get(0), "a");
        Map<String, Object> b = Json.asObject(per.get(1), "b");
        assertThat(a.get("id")).isEqualTo("a");
        assertThat(Json.asDouble(a.get("nmsd"), "")).isCloseTo(0.0, within(1e-12));
        assertThat(Json.asDouble(a.get("ap"), "")).isCloseTo(1.0, within(1e-12));
        assertThat(Json.asDouble(b.get("nmsd"), "")).isCloseTo(1.0, within(1e-12));
        assertThat(Json.asDouble(b.get("ap"), "")).isCloseTo(0.2, within(1e-6));
        assertThat(Json.asDouble(json.get("meanNmsd"), "")).isCloseTo(0.5, within(1e-12));
        assertThat(Json.asDouble(json.get("meanAp"), "")).isCloseTo(0.6, within(1e-6));

        Result text = CliTest.run("eval", "--frame-scores", file.toString());
        assertThat(text.out()).contains("100.00%").contains("mean (2 videos)");

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"videos\": [{\"id\": \"x\", \"frames\": 3, \"gifs\": [[0, 1]], \"scores\": [1]}]}");
        Result e = CliTest.run("eval", "--frame-scores", bad.toString());
        assertThat(e.code()).isEqualTo(2);
        assertThat(e.err().strip()).doesNotContain("\n").contains("bad.json");
    }

    private static Path mean() throws Exception {
        Path p = dir.resolve("snipplet_mean.npy");
        if (!Files.exists(p)) {
            float[] m = new float[3 * 16 * 128 * 171];
            for (int i = 0; i < m.length; i++) {
                m[i] = (i % 89) * 1.25f - 50f;
            }
            NpyWriter.write(p, new NdArray(new int[] {3, 16, 128, 171}, m));
        }
        return p;
    }

    @Test
    void convertWeightsGivesAModelThatRanksExactlyAsTheReleasedFiles() throws Exception {
        Path pkl = C3D.resolve("c3d_model.pkl");
        Path npz = C3D.resolve("video2gif_weights.npz");
        Path converted = dir.resolve("paper.v2g");
        Result c = CliTest.run("convert-weights", "--c3d-weights", pkl.toString(), "--c3d-mean", mean().toString(),
                "--model", npz.toString(), "--out", converted.toString());
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(c.out()).contains("wrote " + converted);
        Path video = videos.resolve("v2.mp4");
        Result original = CliTest.run("rank", video.toString(), "--model", npz.toString(), "--c3d-weights",
                pkl.toString(), "--c3d-mean", mean().toString(), "--segmenter", "histogram", "--json");
        Result fromConverted = CliTest.run("rank", video.toString(), "--model", converted.toString(), "--json");
        assertThat(original.code()).as(original.err()).isZero();
        assertThat(fromConverted.code()).as(fromConverted.err()).isZero();
        double[] s = scores(original.out());
        assertThat(s).isNotEmpty();
        assertThat(Arrays.stream(s).distinct().count()).isGreaterThan(1);
        assertThat(scores(fromConverted.out())).containsExactly(s);
    }

    @Test
    void badWeightFilesAndMissingFlagsExitWithTwoAndOneLine() throws Exception {
        Path npz = C3D.resolve("video2gif_weights.npz");
        Path out = dir.resolve("never.v2g");
        Result hostile = CliTest.run("convert-weights", "--c3d-weights", C3D.resolve("hostile_os_system.pkl").toString(),
                "--c3d-mean", mean().toString(), "--model", npz.toString(), "--out", out.toString());
        assertOneLineError(hostile, "hostile_os_system.pkl");
        Result wrongShape = CliTest.run("convert-weights", "--c3d-weights", C3D.resolve("c3d_model.pkl").toString(),
                "--c3d-mean", mean().toString(), "--model", C3D.resolve("broken_head_wrong_shape.npz").toString(),
                "--out", out.toString());
        assertOneLineError(wrongShape, "broken_head_wrong_shape.npz");
        assertThat(out).doesNotExist();

        Path video = videos.resolve("v0.mp4");
        assertOneLineError(CliTest.run("rank", video.toString(), "--model", npz.toString()), "--c3d-weights");
        Path damaged = dir.resolve("damaged.v2g");
        Files.write(damaged, "\u0089V2GRNK\nnot really a model".getBytes(StandardCharsets.ISO_8859_1));
        assertOneLineError(CliTest.run("rank", video.toString(), "--model", damaged.toString()), "damaged.v2g");
        assertOneLineError(CliTest.run("train", "--annotations", dir.resolve("none.tsv").toString(), "--videos",
                videos.toString(), "--out", out.toString()), "none.tsv");
        assertOneLineError(CliTest.run("train", "--annotations", annotations.toString(), "--videos",
                videos.toString(), "--out", out.toString(), "--loss", "nope"), "nope");
        assertOneLineError(CliTest.run("train", "--annotations", annotations.toString(), "--videos",
                videos.toString(), "--out", out.toString(), "--device", "tpu"),
                "Unknown training device \"tpu\"; known: auto, cuda, cpu");
        assertOneLineError(CliTest.run("train", "--annotations", annotations.toString(), "--videos",
                videos.toString(), "--out", out.toString(), "--device", "GPU 0"), "GPU 0");
        var gpu = io.github.video2gif.cuda.CudaProbe.availability(0);
        if (!gpu.available()) {
            // an explicit GPU without one: exit 2 with the probe's reason, before any video is analysed
            Result noGpu = CliTest.run("train", "--annotations", annotations.toString(), "--videos",
                    videos.toString(), "--out", out.toString(), "--device", "cuda");
            assertOneLineError(noGpu, "Training on \"cuda\" is unavailable here: ");
            assertThat(noGpu.err()).contains(gpu.reason().substring(0, Math.min(60, gpu.reason().length())));
        }
        assertOneLineError(CliTest.run("eval", "--annotations", annotations.toString()), "--model");
        assertThat(out).doesNotExist();
    }

    private static void assertOneLineError(Result r, String mention) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("video2gif: ").contains(mention);
    }
}
