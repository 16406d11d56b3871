package io.github.video2gif.ffmpeg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.video2gif.api.GifOptions;
import io.github.video2gif.api.Segment;
import io.github.video2gif.Video2Gif;
import io.github.video2gif.core.synthetic.SyntheticVideo;
import io.github.video2gif.ffmpeg.FfmpegVideoWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code video2gif align}: a GIF exported from a video is found where it was cut, with the JSON of issue 8. */
class AlignCliTest {
    @Test
    void findsAnExportedGifInItsVideoAndWritesABatchThatTrainReads(@TempDir Path dir) throws Exception {
        SyntheticVideo v = SyntheticVideo.demo(320, 180, 25);
        Path video = dir.resolve("v.mp4");
        try (FfmpegVideoWriter w = FfmpegVideoWriter.builder(video, 320, 180).fps(25).open()) {
            for (int i = 0; i < v.frameCount(); i++) {
                w.write(v.frame(i));
            }
            w.finish();
        }
        Path gif = dir.resolve("cut.gif");
        // 2.0-5.0 s of the first (action) shot, at 10 fps and 200 px
        Video2Gif.builder().build().exportGif(video, new Segment(50, 125, 2.0, 5.0), gif,
                new GifOptions(200, 10, 0, 256));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.runForTest(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "align",
                gif.toString(), video.toString(), "--json");
        assertThat(code).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) JsonTestParser.parse(out.toString(StandardCharsets.UTF_8).trim());
        assertThat(json).containsKeys("startSec", "endSec", "startFrame", "endFrame", "confidence");
        assertThat(json.get("found")).isEqualTo(Boolean.TRUE);
        assertThat((Double) json.get("startSec")).isCloseTo(2.0, within(0.1));
        assertThat((Double) json.get("endSec")).isCloseTo(5.0, within(0.1));

        Path pairs = Files.writeString(dir.resolve("pairs.txt"), "cut.gif\tv.mp4\t1200\n");
        Path annotations = dir.resolve("annotations.tsv");
        out.reset();
        code = Main.runForTest(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "align", "--pairs",
                pairs.toString(), "--out", annotations.toString());
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 aligned");
        var read = io.github.video2gif.core.dataset.AnnotationFile.read(annotations);
        assertThat(read).hasSize(1);
    }
}
