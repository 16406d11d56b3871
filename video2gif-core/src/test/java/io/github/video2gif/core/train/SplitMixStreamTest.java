package io.github.video2gif.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The dropout stream is SplittableRandom's float sequence, bit for bit, in order and by position. */
class SplitMixStreamTest {
    @Test
    void itIsSplittableRandomsFloatSequence() {
        for (long seed : new long[] {0, 77, -5, Long.MIN_VALUE, Long.MAX_VALUE, 0x123456789abcdefL}) {
            SplittableRandom reference = new SplittableRandom(seed);
            SplitMixStream s = new SplitMixStream(seed);
            for (int k = 0; k < 200_000; k++) {
                float want = reference.nextFloat();
                assertThat(Float.floatToRawIntBits(SplitMixStream.floatAt(seed, k))).as("seed %d, value %d", seed, k)
                        .isEqualTo(Float.floatToRawIntBits(want));
                assertThat(Float.floatToRawIntBits(s.nextFloat())).isEqualTo(Float.floatToRawIntBits(want));
            }
            assertThat(s.position()).isEqualTo(200_000);
        }
    }

    @Test
    void skippingIsDrawingWithoutLooking() {
        SplitMixStream a = new SplitMixStream(9);
        SplitMixStream b = new SplitMixStream(9);
        for (int k = 0; k < 1000; k++) {
            a.nextFloat();
        }
        b.skip(1000);
        assertThat(b.position()).isEqualTo(1000);
        assertThat(b.nextFloat()).isEqualTo(a.nextFloat());
        assertThat(SplitMixStream.floatAt(9, 1L << 40)).isBetween(0f, 1f);
        assertThatThrownBy(() -> b.skip(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(b.seed()).isEqualTo(9);
    }
}
