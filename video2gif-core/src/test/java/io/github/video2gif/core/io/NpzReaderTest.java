package io.github.video2gif.core.io;

import io.github.video2gif.api.UnsafeWeightFileException;
import io.github.video2gif.api.WeightFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NpzReaderTest {
    @Test
    void readsAnObjectArrayOfArraysAsTheAuthorsNpzHoldsIt() throws Exception {
        Map<String, Object> m = NpzReader.read(Fixtures.c3d("video2gif_weights.npz"));
        assertThat(m).containsOnlyKeys("arr_0");
        ObjectArray a = (ObjectArray) m.get("arr_0");
        assertThat(a.shape()).containsExactly(6);
        assertThat(a.elements()).allMatch(e -> e instanceof NdArray);
        assertThat(((NdArray) a.elements().get(0)).shape()).containsExactly(16, 10);
        assertThat(((NdArray) a.elements().get(5)).shape()).containsExactly(1);
    }

    @Test
    void refusesAHostilePickleInsideAnObjectArray() {
        assertThatThrownBy(() -> NpzReader.read(Fixtures.c3d("hostile_npz_os_system.npz")))
                .isInstanceOf(UnsafeWeightFileException.class).hasMessageContaining("os.system");
    }

    @Test
    void refusesAZipBomb(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bomb.npz");
        byte[] header = NpyReaderTest.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (16777216,), }",
                new byte[0]);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            z.putNextEntry(new ZipEntry("arr_0.npy"));
            z.write(header);
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        assertThat(Files.size(f)).isLessThan(200_000);
        assertThatThrownBy(() -> NpzReader.read(f)).isInstanceOf(UnsafeWeightFileException.class)
                .hasMessageContaining("zip bomb");
        // and a small total limit stops it while inflating as well
        WeightFileLimits small = new WeightFileLimits(1 << 30, 1 << 30, 1 << 20, 1000, 10, 1e9);
        assertThatThrownBy(() -> NpzReader.read(f, small)).isInstanceOf(UnsafeWeightFileException.class);
    }

    @Test
    void refusesANonZipFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.npz");
        try (OutputStream o = Files.newOutputStream(f)) {
            o.write("definitely not a zip".getBytes());
        }
        assertThatThrownBy(() -> NpzReader.read(f)).isInstanceOf(WeightFileException.class)
                .hasMessageContaining("not a readable npz");
    }
}
