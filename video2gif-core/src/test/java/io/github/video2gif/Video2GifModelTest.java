package io.github.video2gif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.video2gif.api.Ranking;
import io.github.video2gif.api.ScoredSegment;
import io.github.video2gif.api.UnsafeWeightFileException;
import io.github.video2gif.api.WeightFileException;
import io.github.video2gif.core.c3d.PaperModelFormat;
import io.github.video2gif.core.dataset.AnalyzedVideo;
import io.github.video2gif.core.io.Fixtures;
import io.github.video2gif.core.io.NdArray;
import io.github.video2gif.core.io.NpyWriter;
import io.github.video2gif.core.rank.RankNet;
import io.github.video2gif.core.rank.RankNetModel;
import io.github.video2gif.core.synthetic.SyntheticVideo;
import io.github.video2gif.core.synthetic.SyntheticVideoDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Video2Gif.Builder#model(Path)} and {@link Video2Gif.Builder#paperModel(Path, Path, Path)}. */
class Video2GifModelTest {
    private static final Path VIDEO = Path.of("short.synthetic");
    private static SyntheticVideoDecoder decoder;
    private static int cueDimension;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        decoder = new SyntheticVideoDecoder().register(VIDEO, SyntheticVideo.random(5, 8, 192, 108, 25));
        cueDimension = Video2Gif.builder().decoder(decoder).build().analyzer().analyze(VIDEO).dimension();
    }

    private static RankNetModel cueModel(int dimension) {
        return new RankNetModel("cues", List.of(RankNet.initialise(RankNet.layers(dimension, 6, 3), null, 11)),
                Map.of("loss", "test"));
    }

    @Test
    void rankNetModelFileSelectsRanknetAndTheExtractorItDeclaresAndScoresLikeTheModel() throws Exception {
        RankNetModel model = cueModel(cueDimension);
        Path file = dir.resolve("cues.v2g");
        model.save(file);
        Video2Gif v2g = Video2Gif.builder().decoder(decoder).model(file).build();
        assertThat(v2g.providers()).containsEntry("scorer", "ranknet").containsEntry("feature-extractor", "cues");
        Ranking r = v2g.analyze(VIDEO);
        AnalyzedVideo a = v2g.analyzer().analyze(VIDEO);
        assertThat(a.featureExtractor()).isEqualTo("cues");
        assertThat(r.segments()).hasSize(a.segments().size()).isNotEmpty();
        for (ScoredSegment s : r.segments()) {
            int i = a.segments().indexOf(s.segment());
            assertThat(i).isNotNegative();
            assertThat(s.score()).isCloseTo(model.score(a.features().get(i)), within(1e-4));
        }
    }

    @Test
    void modelOfAnotherDimensionOrDamagedFileIsAWeightFileError() throws Exception {
        Path wrong = dir.resolve("wrong.v2g");
        cueModel(cueDimension + 3).save(wrong);
        assertThatThrownBy(() -> Video2Gif.builder().decoder(decoder).model(wrong).build())
                .isInstanceOf(WeightFileException.class)
                .hasMessageContaining(String.valueOf(cueDimension + 3)).hasMessageContaining("wrong.v2g");

        Path good = dir.resolve("good.v2g");
        cueModel(cueDimension).save(good);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.v2g");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 9));
        assertThatThrownBy(() -> Video2Gif.builder().decoder(decoder).model(cut).build())
                .isInstanceOf(WeightFileException.class).hasMessageContaining("cut.v2g");
        Path flipped = dir.resolve("flipped.v2g");
        bytes[bytes.length - 20] ^= 0x40;
        Files.write(flipped, bytes);
        assertThatThrownBy(() -> Video2Gif.builder().decoder(decoder).model(flipped).build())
                .isInstanceOf(WeightFileException.class).hasMessageContaining("checksum");
        assertThatThrownBy(() -> Video2Gif.builder().decoder(decoder).model(dir.resolve("none.v2g")).build())
                .isInstanceOf(WeightFileException.class).hasMessageContaining("does not exist");
    }

    private Path mean() throws Exception {
        float[] m = new float[3 * 16 * 128 * 171];
        for (int i = 0; i < m.length; i++) {
            m[i] = (i % 97) * 1.5f - 40f;
        }
        Path p = dir.resolve("snipplet_mean.npy");
        NpyWriter.write(p, new NdArray(new int[] {3, 16, 128, 171}, m));
        return p;
    }

    @Test
    void paperModelRanksWithTheReleaseScoringAndItsConversionGivesTheSameScores() throws Exception {
        Path pkl = Fixtures.c3d("c3d_model.pkl");
        Path npz = Fixtures.c3d("video2gif_weights.npz");
        Path mean = mean();
        Video2Gif paper = Video2Gif.builder().decoder(decoder).paperModel(pkl, mean, npz).build();
        assertThat(paper.providers()).containsEntry("scorer", "paper").containsEntry("feature-extractor", "c3d");
        Ranking r = paper.analyze(VIDEO);
        assertThat(r.segments()).isNotEmpty();
        double[] scores = r.segments().stream().mapToDouble(ScoredSegment::score).toArray();
        assertThat(Arrays.stream(scores).distinct().count()).as("scores differ between segments").isGreaterThan(1);

        Path converted = dir.resolve("paper.v2g");
        PaperModelFormat.convert(pkl, mean, npz, converted);
        assertThat(PaperModelFormat.isPaperModelFile(converted)).isTrue();
        Video2Gif fromConverted = Video2Gif.builder().decoder(decoder).model(converted).build();
        assertThat(fromConverted.providers()).containsEntry("scorer", "paper");
        Ranking r2 = fromConverted.analyze(VIDEO);
        assertThat(r2.segments()).hasSameSizeAs(r.segments());
        for (int i = 0; i < scores.length; i++) {
            assertThat(r2.segments().get(i).segment()).isEqualTo(r.segments().get(i).segment());
            assertThat(r2.segments().get(i).score()).isEqualTo(scores[i]);
        }

        byte[] bytes = Files.readAllBytes(converted);
        Path cut = dir.resolve("paper-cut.v2g");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> Video2Gif.builder().decoder(decoder).model(cut).build())
                .isInstanceOf(WeightFileException.class).hasMessageContaining("truncated");
        bytes[bytes.length / 2] ^= 0x11;
        Path flipped = dir.resolve("paper-flipped.v2g");
        Files.write(flipped, bytes);
        assertThatThrownBy(() -> Video2Gif.builder().decoder(decoder).model(flipped).build())
                .isInstanceOf(WeightFileException.class).hasMessageContaining("checksum");
    }

    @Test
    void badReleasedFilesAreWeightFileErrorsNamingTheFile() throws Exception {
        Path pkl = Fixtures.c3d("c3d_model.pkl");
        Path npz = Fixtures.c3d("video2gif_weights.npz");
        Path mean = mean();
        assertThatThrownBy(() -> Video2Gif.builder().decoder(decoder)
                .paperModel(pkl, mean, Fixtures.c3d("broken_head_wrong_shape.npz")).build())
                .isInstanceOf(WeightFileException.class).hasMessageContaining("broken_head_wrong_shape.npz");
        assertThatThrownBy(() -> Video2Gif.builder().decoder(decoder)
                .paperModel(pkl, Fixtures.c3d("broken_mean_wrong_size.npy"), npz).build())
                .isInstanceOf(WeightFileException.class).hasMessageContaining("broken_mean_wrong_size.npy");
        assertThatThrownBy(() -> Video2Gif.builder().decoder(decoder)
                .paperModel(Fixtures.c3d("hostile_os_system.pkl"), mean, npz).build())
                .isInstanceOf(UnsafeWeightFileException.class);
        assertThatThrownBy(() -> PaperModelFormat.convert(Fixtures.c3d("broken_truncated.pkl"), mean, npz,
                dir.resolve("never.v2g"))).isInstanceOf(WeightFileException.class);
        assertThat(dir.resolve("never.v2g")).doesNotExist();
    }
}
