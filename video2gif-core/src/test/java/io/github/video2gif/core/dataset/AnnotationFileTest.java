package io.github.video2gif.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnotationFileTest {
    @TempDir
    Path dir;

    @Test
    void readsTheDocumentedExample() throws Exception {
        Path f = dir.resolve("gifs.tsv");
        Files.writeString(f, """
                # video2gif annotations 1
                # video\tstart_sec\tend_sec\tviews\tage_days
                talks/keynote.mp4\t12.5\t17.0\t1532\t30
                talks/keynote.mp4\t64\t69.2

                /data/cats.webm\t3.0\t8.5\t-\t12
                """);
        List<Annotation> a = AnnotationFile.read(f);
        assertThat(a).containsExactly(
                new Annotation("talks/keynote.mp4", 12.5, 17.0, OptionalDouble.of(1532), OptionalDouble.of(30)),
                new Annotation("talks/keynote.mp4", 64, 69.2),
                new Annotation("/data/cats.webm", 3.0, 8.5, OptionalDouble.empty(), OptionalDouble.of(12)));
    }

    @Test
    void writesWhatItReads() throws Exception {
        List<Annotation> a = List.of(new Annotation("a b/c.mp4", 0, 5.25, OptionalDouble.of(10), OptionalDouble.empty()),
                new Annotation("d.mp4", 1, 2), new Annotation("e.mp4", 1, 2, OptionalDouble.empty(), OptionalDouble.of(3)));
        Path f = dir.resolve("out.tsv");
        AnnotationFile.write(f, a);
        assertThat(Files.readAllLines(f).get(0)).isEqualTo(AnnotationFile.HEADER);
        assertThat(AnnotationFile.read(f)).isEqualTo(a);
    }

    @Test
    void errorsNameTheLine() throws Exception {
        Path f = dir.resolve("bad.tsv");
        Files.writeString(f, "a.mp4\t1\t2\nb.mp4\t5\t4\n");
        assertThatThrownBy(() -> AnnotationFile.read(f)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("line 2").hasMessageContaining("end must be finite and after the start");
        Files.writeString(f, "a.mp4 1 2\n");
        assertThatThrownBy(() -> AnnotationFile.read(f)).hasMessageContaining("line 1 has 1 fields");
        Files.writeString(f, "a.mp4\t1\tx\n");
        assertThatThrownBy(() -> AnnotationFile.read(f)).hasMessageContaining("end_sec must be a number of seconds");
        Files.writeString(f, "a.mp4\t1\t2\t-5\n");
        assertThatThrownBy(() -> AnnotationFile.read(f)).hasMessageContaining("views must be a number >= 0");
        Files.writeString(f, "# video2gif annotations 2\na.mp4\t1\t2\n");
        assertThatThrownBy(() -> AnnotationFile.read(f)).hasMessageContaining("format version 2");
    }

    @Test
    void convertsDatasetRows() {
        GifRecord r = new GifRecord("abc", "g", 10, 20, 1.5, 4.0, OptionalDouble.of(7), OptionalDouble.of(2), 100,
                java.util.Map.of());
        assertThat(AnnotationFile.fromMetadata(List.of(r))).containsExactly(
                new Annotation("abc.mp4", 1.5, 4.0, OptionalDouble.of(7), OptionalDouble.of(2)));
    }
}
