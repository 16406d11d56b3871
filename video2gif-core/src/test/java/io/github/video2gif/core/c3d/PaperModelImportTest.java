package io.github.video2gif.core.c3d;

import io.github.video2gif.api.UnsafeWeightFileException;
import io.github.video2gif.api.WeightFileException;
import io.github.video2gif.core.io.Fixtures;
import io.github.video2gif.core.io.NdArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Broken and hostile weight files fail with a clear WeightFileException naming the file; nothing runs. */
class PaperModelImportTest {
    @TempDir
    Path dir;

    @Test
    void hostilePickleAsC3dWeightsIsRefused() throws Exception {
        Path mean = TinyModel.writeMean(dir);
        Path evil = Fixtures.c3d("hostile_os_system.pkl");
        assertThatThrownBy(() -> PaperModel.load(evil, mean, TinyModel.head()))
                .isInstanceOf(UnsafeWeightFileException.class)
                .hasMessageContaining("os.system")
                .hasMessageContaining("hostile_os_system.pkl");
        Path evilNpz = Fixtures.c3d("hostile_npz_os_system.npz");
        assertThatThrownBy(() -> PaperModel.load(TinyModel.pickle(), mean, evilNpz))
                .isInstanceOf(UnsafeWeightFileException.class);
    }

    @Test
    void truncatedPickleIsReported() throws Exception {
        Path mean = TinyModel.writeMean(dir);
        assertThatThrownBy(() -> PaperModel.load(Fixtures.c3d("broken_truncated.pkl"), mean, TinyModel.head()))
                .isInstanceOf(WeightFileException.class)
                .hasMessageContaining("truncated")
                .hasMessageContaining("broken_truncated.pkl");
    }

    @Test
    void headOfTheWrongShapeIsReported() throws Exception {
        Path mean = TinyModel.writeMean(dir);
        assertThatThrownBy(() -> PaperModel.load(TinyModel.pickle(), mean, Fixtures.c3d("broken_head_wrong_shape.npz")))
                .isInstanceOf(WeightFileException.class)
                .hasMessageContaining("h1.W has shape (15, 10)")
                .hasMessageContaining("expected (16, units)");
    }

    @Test
    void meanOfTheWrongSizeIsReported() {
        assertThatThrownBy(() -> PaperModel.load(TinyModel.pickle(), Fixtures.c3d("broken_mean_wrong_size.npy"),
                TinyModel.head()))
                .isInstanceOf(WeightFileException.class)
                .hasMessageContaining("shape (3, 16, 8, 8)")
                .hasMessageContaining("expected (3, 16, 128, 171)");
    }

    @Test
    void missingFilesAndWrongContainersAreReported() throws Exception {
        Path mean = TinyModel.writeMean(dir);
        assertThatThrownBy(() -> PaperModel.load(dir.resolve("nope.pkl"), mean, TinyModel.head()))
                .isInstanceOf(WeightFileException.class).hasMessageContaining("nope.pkl");
        // the npz given where the pickle belongs
        assertThatThrownBy(() -> PaperModel.load(TinyModel.head(), mean, TinyModel.head()))
                .isInstanceOf(WeightFileException.class);
        // the pickle given where the npz belongs
        assertThatThrownBy(() -> PaperModel.load(TinyModel.pickle(), mean, TinyModel.pickle()))
                .isInstanceOf(WeightFileException.class).hasMessageContaining("npz");
    }

    @Test
    void c3dShapesAreChecked() throws Exception {
        List<NdArray> ok = new ArrayList<>();
        int in = 3;
        for (int i = 0; i < 8; i++) {
            ok.add(new NdArray(new int[] {2, in, 3, 3, 3}, new float[2 * in * 27]));
            ok.add(new NdArray(new int[] {2}, new float[2]));
            in = 2;
        }
        ok.add(new NdArray(new int[] {32, 5}, new float[160]));
        ok.add(new NdArray(new int[] {5}, new float[5]));
        C3dWeights w = C3dWeights.of(ok, null);
        assertThat(w.featureDimension()).isEqualTo(5);

        List<NdArray> badConv = new ArrayList<>(ok);
        badConv.set(6, new NdArray(new int[] {2, 3, 3, 3, 3}, new float[162]));
        assertThatThrownBy(() -> C3dWeights.of(badConv, null)).isInstanceOf(WeightFileException.class)
                .hasMessageContaining("conv3b.W has shape (2, 3, 3, 3, 3), expected (out, 2, 3, 3, 3)");
        List<NdArray> badFc6 = new ArrayList<>(ok);
        badFc6.set(16, new NdArray(new int[] {30, 5}, new float[150]));
        assertThatThrownBy(() -> C3dWeights.of(badFc6, null)).isInstanceOf(WeightFileException.class)
                .hasMessageContaining("fc6.W has shape (30, 5), expected (32, outputs)");
    }

    @Test
    void releasedModelArithmetic() throws Exception {
        // the released shapes give the paper's numbers: 38.5 G multiply-adds per snippet, 8192 -> 4096
        List<NdArray> shapes = new ArrayList<>();
        int[] ch = {64, 128, 256, 256, 512, 512, 512, 512};
        int in = 3;
        for (int c : ch) {
            shapes.add(new NdArray(new int[] {c, in, 3, 3, 3}, new float[c * in * 27]));
            shapes.add(new NdArray(new int[] {c}, new float[c]));
            in = c;
        }
        shapes.add(new NdArray(new int[] {8192, 4096}, new float[8192 * 4096]));
        shapes.add(new NdArray(new int[] {4096}, new float[4096]));
        C3dWeights w = C3dWeights.of(shapes, null);
        assertThat(w.multiplyAddsPerSnippet() / 1e9).isBetween(38.4, 38.6);
        assertThat(w.parameterCount()).isBetween(60_000_000L, 62_000_000L);
        assertThat(Files.exists(dir)).isTrue();
    }
}
