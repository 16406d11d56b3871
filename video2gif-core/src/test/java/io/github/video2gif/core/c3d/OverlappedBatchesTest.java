package io.github.video2gif.core.c3d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.video2gif.api.FeatureExtractor;
import io.github.video2gif.api.MeanFeatureTrack;
import io.github.video2gif.core.io.NdArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Forward passes on a worker thread while the next batch is prepared: same units, same order, errors surface. */
class OverlappedBatchesTest {
    /** fc6 = a few sums over each snippet's values, so every unit depends on its own input only. */
    static final class SummingNetwork implements SnippetNetwork {
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger calls = new AtomicInteger();
        volatile int failOnCall = -1;

        @Override
        public int featureDimension() {
            return 3;
        }

        @Override
        public float[][] fc6(float[] snippets, int count) {
            threads.add(Thread.currentThread().getName());
            if (calls.getAndIncrement() == failOnCall) {
                throw new IllegalStateException("device lost");
            }
            float[][] out = new float[count][3];
            for (int i = 0; i < count; i++) {
                double a = 0;
                double b = 0;
                double c = 0;
                int off = i * SNIPPET_VALUES;
                for (int k = 0; k < SNIPPET_VALUES; k++) {
                    float v = snippets[off + k];
                    a += v;
                    b += (k % 7) * v;
                    c += (k % 101 == 0) ? v : 0;
                }
                out[i][0] = (float) a;
                out[i][1] = (float) b;
                out[i][2] = (float) c;
            }
            return out;
        }
    }

    private static SnippetMean mean() throws Exception {
        float[] m = new float[3 * 16 * SnippetMean.HEIGHT * SnippetMean.WIDTH];
        for (int i = 0; i < m.length; i++) {
            m[i] = (i % 255) * 0.5f;
        }
        return SnippetMean.of(new NdArray(new int[] {3, 16, SnippetMean.HEIGHT, SnippetMean.WIDTH}, m), null);
    }

    @Test
    void overlappedBatchesGiveTheSameUnitsInTheSameOrder() throws Exception {
        for (boolean mirror : new boolean[] {false, true}) {
            SummingNetwork plain = new SummingNetwork();
            SummingNetwork overlapped = new SummingNetwork();
            C3dFeatureExtractor.Options o = new C3dFeatureExtractor.Options(8, 4, mirror, false);
            MeanFeatureTrack a = C3dParityTest.run(new C3dFeatureExtractor(plain, mean(), null, o.withOverlap(false)),
                    123);
            MeanFeatureTrack b = C3dParityTest.run(new C3dFeatureExtractor(overlapped, mean(), null, o), 123);
            assertThat(b.units()).isEqualTo(a.units()).isEqualTo(15); // every 8 frames, plus the tail
            for (int i = 0; i < a.units(); i++) {
                assertThat(b.unitStart(i)).isEqualTo(a.unitStart(i));
                assertThat(b.unitEnd(i)).isEqualTo(a.unitEnd(i));
                assertThat(b.unit(i)).containsExactly(a.unit(i));
            }
            assertThat(overlapped.calls.get()).isEqualTo(plain.calls.get()).isGreaterThan(2);
            assertThat(overlapped.threads).allMatch(t -> t.startsWith("video2gif-c3d-forward"));
            assertThat(plain.threads).noneMatch(t -> t.startsWith("video2gif-c3d-forward"));
        }
    }

    @Test
    void aFailingForwardPassSurfacesInTheSession() throws Exception {
        SummingNetwork net = new SummingNetwork();
        net.failOnCall = 1;
        FeatureExtractor fx = new C3dFeatureExtractor(net, mean(), null, new C3dFeatureExtractor.Options(8, 2, false,
                false));
        assertThatThrownBy(() -> C3dParityTest.run(fx, 200)).isInstanceOf(IllegalStateException.class)
                .hasMessage("device lost");
    }
}
