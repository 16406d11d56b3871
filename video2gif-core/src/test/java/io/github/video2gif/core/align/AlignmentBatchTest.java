package io.github.video2gif.core.align;

import io.github.video2gif.api.OutputException;
import io.github.video2gif.api.Progress;
import io.github.video2gif.api.Video2GifException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlignmentBatchTest {
    @TempDir
    Path tmp;

    @Test
    void writesOneAnnotationPerAlignedGifAndCommentsForTheRest() throws Exception {
        SyntheticFootage a = new SyntheticFootage(51, 30, 25);
        SyntheticFootage b = new SyntheticFootage(52, 30, 25);
        Path videoA = tmp.resolve("a.mp4");
        Path videoB = tmp.resolve("b.mp4");
        SyntheticDecoder decoder = new SyntheticDecoder(640, 360).register(videoA, a).register(videoB, b);
        double sa = LineFitMatcherTest.moving(a, 5, 3);
        double sb = LineFitMatcherTest.moving(b, 12, 3);
        TestGifs.write(tmp.resolve("a1.gif"), a, 320, 180, TestGifs.Cut.plain(sa, 3, 10, 200));
        TestGifs.write(tmp.resolve("b1.gif"), b, 320, 180, TestGifs.Cut.plain(sb, 3, 10, 200));
        Files.writeString(tmp.resolve("bad.gif"), "not a gif");
        Files.writeString(tmp.resolve("pairs.txt"), String.join("\n",
                "# gif\tvideo\tviews",
                "a1.gif\ta.mp4\t1500",
                "",
                "b1.gif b.mp4",
                "b1.gif\ta.mp4\t7",
                "bad.gif\tb.mp4",
                "a1.gif\tmissing.mp4\t3"));
        Path out = tmp.resolve("annotations.tsv");
        Files.writeString(out, "old content");
        List<Progress> progress = new ArrayList<>();

        AlignmentBatch.Summary s = new AlignmentBatch(new GifAligner())
                .run(tmp.resolve("pairs.txt"), out, decoder, progress::add);

        assertThat(s.outcomes()).hasSize(5);
        assertThat(s.aligned()).isEqualTo(2);
        assertThat(s.notFound()).isEqualTo(1);
        assertThat(s.failed()).isEqualTo(2);
        assertThat(decoder.wholePasses).as("each video decoded whole once").isEqualTo(2);
        assertThat(decoder.framesDelivered).as("fine timing decodes only short stretches")
                .isLessThan(a.frameCount() + b.frameCount() + 2 * 300);
        // the training annotation reader takes the file as it is: the two aligned GIFs, comments skipped
        var annotations = io.github.video2gif.core.dataset.AnnotationFile.read(out);
        assertThat(annotations).hasSize(2);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo(io.github.video2gif.core.dataset.AnnotationFile.HEADER);
        lines = lines.subList(1, lines.size());
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo(AlignmentBatch.HEADER);
        String[] first = lines.get(1).split("\t");
        assertThat(first).hasSize(4);
        assertThat(first[0]).isEqualTo(videoA.toAbsolutePath().toString());
        assertThat(Double.parseDouble(first[1])).isCloseTo(sa, org.assertj.core.data.Offset.offset(0.1));
        assertThat(Double.parseDouble(first[2])).isCloseTo(sa + 3, org.assertj.core.data.Offset.offset(0.1));
        assertThat(first[3]).isEqualTo("1500");
        assertThat(lines.get(2).split("\t")[3]).isEqualTo("0");
        assertThat(lines.get(3)).startsWith("# not found: " + tmp.resolve("b1.gif"));
        assertThat(lines.get(4)).startsWith("# failed: " + tmp.resolve("bad.gif")).contains("Cannot read GIF");
        assertThat(lines.get(5)).startsWith("# failed: ").contains("missing.mp4");
        assertThat(progress.get(progress.size() - 1).done()).isEqualTo(5);
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void rejectsMalformedPairsFilesByLine() throws Exception {
        Path pairs = tmp.resolve("pairs.txt");
        Files.writeString(pairs, "a.gif\tb.mp4\n\nonlyone\n");
        assertThatThrownBy(() -> AlignmentBatch.readPairs(pairs)).isInstanceOf(Video2GifException.class)
                .hasMessageContaining("line 3");
        Files.writeString(pairs, "a.gif\tb.mp4\tmany\n");
        assertThatThrownBy(() -> AlignmentBatch.readPairs(pairs)).isInstanceOf(Video2GifException.class)
                .hasMessageContaining("views \"many\"");
        assertThatThrownBy(() -> AlignmentBatch.readPairs(tmp.resolve("none.txt")))
                .isInstanceOf(Video2GifException.class).hasMessageContaining("does not exist");
    }

    @Test
    void leavesAnExistingFileAloneWhenItCannotWrite() throws Exception {
        Path dir = tmp.resolve("ro");
        Files.createDirectories(dir);
        Path out = dir.resolve("annotations.tsv");
        Files.writeString(out, "keep me");
        AlignmentBatch.Summary empty = new AlignmentBatch.Summary(List.of());
        Path missingDir = tmp.resolve("no/such/dir/annotations.tsv");
        assertThatThrownBy(() -> AlignmentBatch.write(empty, missingDir)).isInstanceOf(OutputException.class)
                .hasMessageContaining("annotations.tsv");
        AlignmentBatch.write(empty, out);
        assertThat(Files.readAllLines(out)).containsExactly(io.github.video2gif.core.dataset.AnnotationFile.HEADER,
                AlignmentBatch.HEADER);
    }
}
