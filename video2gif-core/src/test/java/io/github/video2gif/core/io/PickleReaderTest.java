package io.github.video2gif.core.io;

import io.github.video2gif.api.UnsafeWeightFileException;
import io.github.video2gif.api.WeightFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PickleReaderTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void readsEveryProtocolAsPython3WritesIt(int protocol) throws Exception {
        Object o = PickleReader.read(Fixtures.c3d("io_protocol" + protocol + ".pkl"));
        assertThat(o).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) o;
        assertThat(m.get("name")).isEqualTo("c3d");
        assertThat(m.get("x")).isEqualTo(1.25);
        assertThat(m.get("n")).isEqualTo(BigInteger.TWO.pow(70));
        assertThat(m.get("blob")).isEqualTo(new PickleBytes(new byte[] {0, (byte) 0xff, 'a', 'b'}));
        assertThat((Object[]) m.get("t")).containsExactly(1L, null, true);
        List<?> weights = (List<?>) m.get("weights");
        assertThat(weights).hasSize(2);
        for (Object w : weights) {
            NdArray a = (NdArray) w;
            assertThat(a.shape()).containsExactly(2, 3, 4);
            assertThat(a.get(1, 2, 3)).isEqualTo(NpyReaderTest.base(1, 2, 3));
            assertThat(a.get(0, 1, 2)).isEqualTo(NpyReaderTest.base(0, 1, 2));
        }
    }

    @Test
    void readsAPython2Protocol2NumpyPickleOfFloat32Arrays() throws Exception {
        Object o = PickleReader.read(Fixtures.c3d("c3d_model.pkl"));
        assertThat(o).isInstanceOf(List.class);
        List<?> l = (List<?>) o;
        assertThat(l).hasSize(22).allMatch(x -> x instanceof NdArray);
        assertThat(((NdArray) l.get(0)).shape()).containsExactly(4, 3, 3, 3, 3);
        assertThat(((NdArray) l.get(16)).shape()).containsExactly(128, 16);
        assertThat(((NdArray) l.get(21)).shape()).containsExactly(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hostile_os_system.pkl", "hostile_eval_protocol4.pkl", "hostile_popen_protocol0.pkl"})
    void refusesEveryOtherGlobalWithoutRunningIt(String name) {
        assertThatThrownBy(() -> PickleReader.read(Fixtures.c3d(name)))
                .isInstanceOf(UnsafeWeightFileException.class)
                .hasMessageContaining("names the Python global")
                .hasMessageContaining("nothing was executed");
    }

    @Test
    void namesTheRefusedGlobal() {
        assertThatThrownBy(() -> PickleReader.read(Fixtures.c3d("hostile_os_system.pkl")))
                .hasMessageContaining("\"os.system\"");
        assertThatThrownBy(() -> PickleReader.read(Fixtures.c3d("hostile_eval_protocol4.pkl")))
                .hasMessageContaining("\"builtins.eval\"");
    }

    @Test
    void refusesClassInstantiation() {
        assertThatThrownBy(() -> PickleReader.read(Fixtures.c3d("hostile_newobj.pkl")))
                .isInstanceOf(UnsafeWeightFileException.class).hasMessageContaining("NEWOBJ");
        assertThatThrownBy(() -> read("(i__main__\nEvil\n."))
                .isInstanceOf(UnsafeWeightFileException.class).hasMessageContaining("INST");
        // REDUCE may only call the allowed globals, and numpy's _reconstruct only on numpy.ndarray
        assertThatThrownBy(() -> read("\u0080\u0002cnumpy.core.multiarray\n_reconstruct\ncnumpy\ndtype\nK\u0000\u0085U\u0001b\u0087R."))
                .isInstanceOf(UnsafeWeightFileException.class).hasMessageContaining("_reconstruct");
        // BUILD may only set the state of arrays and dtypes
        assertThatThrownBy(() -> read("\u0080\u0002]}b."))
                .isInstanceOf(UnsafeWeightFileException.class).hasMessageContaining("BUILD");
    }

    @Test
    void refusesATruncatedPickle() throws Exception {
        Path p = Fixtures.c3d("broken_truncated.pkl");
        assertThatThrownBy(() -> PickleReader.read(p)).isInstanceOf(WeightFileException.class)
                .isNotInstanceOf(UnsafeWeightFileException.class)
                .hasMessageContaining("truncated");
        // every prefix fails cleanly, never with a runtime exception
        byte[] all = Files.readAllBytes(Fixtures.c3d("c3d_model.pkl"));
        for (int n = 0; n < 400; n++) {
            byte[] cut = java.util.Arrays.copyOf(all, n);
            assertThatThrownBy(() -> PickleReader.read(cut, null, "prefix")).isInstanceOf(WeightFileException.class);
        }
    }

    @Test
    void refusesMalformedStreams() {
        assertThatThrownBy(() -> read("\u0080\u0002a.")).isInstanceOf(WeightFileException.class)
                .hasMessageContaining("malformed");
        assertThatThrownBy(() -> read("\u0080\u0002h\u0007.")).hasMessageContaining("memo index 7");
        assertThatThrownBy(() -> read("\u0080\u0009N.")).hasMessageContaining("protocol 9");
        assertThatThrownBy(() -> read("\u00ff")).hasMessageContaining("unknown opcode");
        assertThatThrownBy(() -> read("\u0080\u0002N")).hasMessageContaining("truncated");
    }

    @Test
    void refusesAnnouncedSizesBeyondTheLimitsBeforeAllocating() {
        // BINBYTES8 announcing 2^40 bytes
        byte[] p = {(byte) 0x80, 4, (byte) 0x8e, 0, 0, 0, 0, 0, 1, 0, 0, '.'};
        assertThatThrownBy(() -> PickleReader.read(p, null, "bomb")).isInstanceOf(UnsafeWeightFileException.class)
                .hasMessageContaining("refused before allocating");
        // a long string announced on an unknown-length stream is read in chunks and ends as truncated
        byte[] q = {(byte) 0x80, 3, 'B', 0, 0, 0, 0x40, 'x', '.'};
        assertThatThrownBy(() -> PickleReader.read(new java.io.ByteArrayInputStream(q), -1, null, "stream",
                WeightFileLimits.DEFAULT)).isInstanceOf(WeightFileException.class).hasMessageContaining("truncated");
    }

    @Test
    void refusesPicklesThatCreateMillionsOfSmallValues() {
        // five million Nones: each one byte of input, each a value to keep
        byte[] p = new byte[5_000_003];
        p[0] = (byte) 0x80;
        p[1] = 2;
        java.util.Arrays.fill(p, 2, p.length - 1, (byte) 'N');
        p[p.length - 1] = '.';
        assertThatThrownBy(() -> PickleReader.read(p, null, "many"))
                .isInstanceOf(UnsafeWeightFileException.class).hasMessageContaining("more than 1000000");
        // values created and dropped at once (push None, POP) still count
        byte[] r = new byte[2 * 5_000_000 + 4];
        r[0] = (byte) 0x80;
        r[1] = 2;
        for (int i = 2; i < r.length - 2; i += 2) {
            r[i] = 'N';
            r[i + 1] = '0';
        }
        r[r.length - 2] = 'N';
        r[r.length - 1] = '.';
        assertThatThrownBy(() -> PickleReader.read(r, null, "churn"))
                .isInstanceOf(UnsafeWeightFileException.class).hasMessageContaining("creates more than 4000000 values");
        // a list that grows past the container limit through APPENDS
        WeightFileLimits small = new WeightFileLimits(1000, 1000, 1 << 20, 100, 10, 10);
        StringBuilder b = new StringBuilder("\u0080\u0002](");
        b.append("N".repeat(150)).append("e.");
        byte[] q = b.toString().getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> PickleReader.read(new java.io.ByteArrayInputStream(q), q.length, null, "list", small))
                .isInstanceOf(UnsafeWeightFileException.class).hasMessageContaining("more than 100 items");
    }

    private static Object read(String latin1) throws WeightFileException {
        return PickleReader.read(latin1.getBytes(StandardCharsets.ISO_8859_1), null, "test pickle");
    }
}
