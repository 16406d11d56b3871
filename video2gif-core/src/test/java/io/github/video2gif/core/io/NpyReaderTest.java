package io.github.video2gif.core.io;

import io.github.video2gif.api.UnsafeWeightFileException;
import io.github.video2gif.api.WeightFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NpyReaderTest {
    /** The fixture arrays are {@code arange(24).reshape(2, 3, 4) * 0.5 - 3} in various encodings. */
    static float base(int i, int j, int k) {
        return ((i * 3 + j) * 4 + k) * 0.5f - 3f;
    }

    @ParameterizedTest
    @ValueSource(strings = {"io_f4_c.npy", "io_f8_big_fortran.npy", "io_f2.npy"})
    void readsFloatArraysOfEveryByteAndMemoryOrderInCOrder(String name) throws Exception {
        NdArray a = NpyReader.readArray(Fixtures.c3d(name));
        assertThat(a.shape()).containsExactly(2, 3, 4);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    assertThat(a.get(i, j, k)).as("%s[%d,%d,%d]", name, i, j, k).isEqualTo(base(i, j, k));
                }
            }
        }
    }

    @Test
    void readsIntegerAndBooleanArrays() throws Exception {
        NdArray i2 = NpyReader.readArray(Fixtures.c3d("io_i2_big.npy"));
        NdArray u1 = NpyReader.readArray(Fixtures.c3d("io_u1.npy"));
        NdArray b = NpyReader.readArray(Fixtures.c3d("io_bool.npy"));
        assertThat(i2.get(1, 2, 3)).isEqualTo(2 * base(1, 2, 3));
        assertThat(i2.get(0, 0, 0)).isEqualTo(-6f);
        assertThat(u1.get(0, 0, 0)).isEqualTo(0f);
        assertThat(u1.get(1, 2, 3)).isEqualTo(2 * base(1, 2, 3) + 6);
        assertThat(b.get(0, 0, 0)).isEqualTo(0f);
        assertThat(b.get(1, 2, 3)).isEqualTo(1f);
    }

    @Test
    void writerOutputReadsBack(@TempDir Path dir) throws Exception {
        float[] v = {1.5f, -2f, 3.25f, 0f, 7f, -0.125f};
        Path f = dir.resolve("a.npy");
        NpyWriter.write(f, new NdArray(new int[] {2, 3}, v));
        NdArray back = NpyReader.readArray(f);
        assertThat(back.shape()).containsExactly(2, 3);
        assertThat(back.data()).containsExactly(v);
        assertThat(Files.list(dir)).containsExactly(f);
    }

    @Test
    void refusesAHeaderAnnouncingAHugeArrayBeforeAllocating(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bomb.npy");
        Files.write(f, npy("{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000, 100000), }",
                new byte[16]));
        assertThatThrownBy(() -> NpyReader.readArray(f)).isInstanceOf(UnsafeWeightFileException.class)
                .hasMessageContaining("announces more than");
    }

    @Test
    void refusesTruncatedData(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("short.npy");
        Files.write(f, npy("{'descr': '<f4', 'fortran_order': False, 'shape': (10,), }", new byte[12]));
        assertThatThrownBy(() -> NpyReader.readArray(f)).isInstanceOf(WeightFileException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void refusesUnsupportedDtypesAndNonNumpyFiles(@TempDir Path dir) throws Exception {
        Path c = dir.resolve("complex.npy");
        Files.write(c, npy("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", new byte[8]));
        assertThatThrownBy(() -> NpyReader.readArray(c)).isInstanceOf(WeightFileException.class)
                .hasMessageContaining("<c8");
        Path s = dir.resolve("struct.npy");
        Files.write(s, npy("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", new byte[4]));
        assertThatThrownBy(() -> NpyReader.readArray(s)).isInstanceOf(WeightFileException.class)
                .hasMessageContaining("structured");
        Path t = dir.resolve("text.npy");
        Files.writeString(t, "hello, I am not numpy");
        assertThatThrownBy(() -> NpyReader.readArray(t)).isInstanceOf(WeightFileException.class)
                .hasMessageContaining("not a numpy .npy file");
    }

    static byte[] npy(String dict, byte[] data) {
        byte[] h = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) h.length, (byte) (h.length >> 8)});
        out.writeBytes(h);
        out.writeBytes(data);
        return out.toByteArray();
    }

    @Test
    void fortranToCMatchesIndexArithmetic() {
        int[] shape = {2, 3, 4};
        float[] f = new float[24];
        // Fortran order: offset = i + 2*j + 6*k
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    f[i + 2 * j + 6 * k] = i * 100 + j * 10 + k;
                }
            }
        }
        float[] c = ArrayDecoding.fortranToC(f, shape);
        float[] expected = new float[24];
        for (int n = 0; n < 24; n++) {
            expected[n] = (n / 12) * 100 + ((n / 4) % 3) * 10 + n % 4;
        }
        assertThat(Arrays.equals(c, expected)).isTrue();
    }
}
