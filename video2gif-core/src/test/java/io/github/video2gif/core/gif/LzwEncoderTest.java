package io.github.video2gif.core.gif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LzwEncoderTest {

    private static byte[] random(int n, int alphabet, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(alphabet);
        }
        return b;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8})
    void roundTripsRandomDataThroughAnIndependentDecoder(int minCodeSize) {
        // 200k random symbols fill the 4096-code table many times over: clears and every code width are exercised
        byte[] data = random(200_000, 1 << minCodeSize, minCodeSize);
        byte[] codes = new LzwEncoder(minCodeSize).encode(data, data.length);
        assertThat(LzwTestDecoder.decode(codes, minCodeSize)).isEqualTo(data);
    }

    @Test
    void roundTripsRunsAndStructuredData() {
        byte[] data = new byte[300_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ((i / 977) % 7 == 0 ? 3 : (i % 640) / 80);
        }
        LzwEncoder enc = new LzwEncoder(3);
        byte[] codes = enc.encode(data, data.length);
        assertThat(LzwTestDecoder.decode(codes, 3)).isEqualTo(data);
        assertThat(codes.length).as("runs compress").isLessThan(data.length / 20);
        // the encoder is reusable
        assertThat(LzwTestDecoder.decode(enc.encode(data, 1), 3)).containsExactly(data[0]);
    }

    @Test
    void singleSymbolAndPrefixLength() {
        byte[] data = {1, 1, 1, 1, 2};
        assertThat(LzwTestDecoder.decode(new LzwEncoder(2).encode(data, 1), 2)).containsExactly(1);
        assertThat(LzwTestDecoder.decode(new LzwEncoder(2).encode(data, 4), 2)).containsExactly(1, 1, 1, 1);
    }

    @Test
    void rejectsIndicesAboveTheCodeSizeAndBadLengths() {
        LzwEncoder enc = new LzwEncoder(2);
        assertThatThrownBy(() -> enc.encode(new byte[] {0, 4}, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 4");
        assertThatThrownBy(() -> enc.encode(new byte[3], 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LzwEncoder(1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(LzwEncoder.minCodeSizeFor(2)).isEqualTo(2);
        assertThat(LzwEncoder.minCodeSizeFor(5)).isEqualTo(3);
        assertThat(LzwEncoder.minCodeSizeFor(256)).isEqualTo(8);
    }

    /** A noisy grey ramp, its nearest-colour indices on a 64-grey palette, and the encoder inputs for it. */
    private static final class NoisyRamp {
        final int n = 60_000;
        final int[] palette = new int[65];
        final int[] source = new int[n];
        final byte[] indices = new byte[n];
        final int[] canvasIndex = new int[n];

        NoisyRamp() {
            for (int i = 0; i < 64; i++) {
                int g = i * 4;
                palette[i] = g << 16 | g << 8 | g;
            }
            SplittableRandom r = new SplittableRandom(7);
            for (int i = 0; i < n; i++) {
                int g = Math.max(0, Math.min(255, (i % 600) * 255 / 600 + r.nextInt(9) - 4));
                source[i] = g << 16 | g << 8 | g;
                indices[i] = (byte) Math.min(63, (g + 2) / 4);
                canvasIndex[i] = Math.min(63, (g + 2) / 4 + (r.nextInt(3) - 1) & 63);
            }
        }
    }

    @Test
    void lossyCodingKeepsEveryPixelWithinTheTolerance() {
        NoisyRamp ramp = new NoisyRamp();
        LzwEncoder.Colors colors = new LzwEncoder.Colors(ramp.palette, 64);
        byte[] exact = new LzwEncoder(7).encode(ramp.indices, ramp.n);
        for (int tolerance : new int[] {0, 20, 60}) {
            byte[] coded = ramp.indices.clone();
            byte[] codes = new LzwEncoder(7).encodeLossy(coded, ramp.n, ramp.source, ramp.canvasIndex, colors,
                    tolerance);
            // the stream decodes to the indices the coder says it used
            assertThat(LzwTestDecoder.decode(codes, 7)).isEqualTo(coded);
            for (int i = 0; i < ramp.n; i++) {
                int wanted = LzwEncoder.distance(ramp.source[i], ramp.palette[ramp.indices[i]]);
                int c = coded[i] & 0xFF;
                int shown = c == 64 ? ramp.palette[ramp.canvasIndex[i]] : ramp.palette[c];
                assertThat(LzwEncoder.distance(ramp.source[i], shown)).as("pixel %d at tolerance %d", i, tolerance)
                        .isLessThanOrEqualTo(wanted + tolerance);
            }
            if (tolerance > 0) {
                assertThat(codes.length).as("tolerance %d compresses", tolerance).isLessThan(exact.length * 9 / 10);
            }
        }
    }

    @Test
    void toleranceZeroOnlySwapsTransparencyForTheColourItReveals() {
        // every pixel is unchanged: each may be coded as transparent (64) or as the colour showing there
        NoisyRamp ramp = new NoisyRamp();
        LzwEncoder.Colors colors = new LzwEncoder.Colors(ramp.palette, 64);
        byte[] wanted = new byte[ramp.n];
        int[] source = new int[ramp.n];
        for (int i = 0; i < ramp.n; i++) {
            wanted[i] = (i / 50) % 3 == 0 ? (byte) 64 : (byte) ramp.canvasIndex[i];
            source[i] = ramp.palette[ramp.canvasIndex[i]];
        }
        byte[] coded = wanted.clone();
        byte[] codes = new LzwEncoder(7).encodeLossy(coded, ramp.n, source, ramp.canvasIndex, colors, 0);
        assertThat(LzwTestDecoder.decode(codes, 7)).isEqualTo(coded);
        int swaps = 0;
        for (int i = 0; i < ramp.n; i++) {
            int c = coded[i] & 0xFF;
            assertThat(c == 64 || c == ramp.canvasIndex[i]).as("pixel %d shows what it showed", i).isTrue();
            if (c != (wanted[i] & 0xFF)) {
                swaps++;
            }
        }
        assertThat(swaps).isPositive();
        assertThat(codes.length).isLessThan(new LzwEncoder(7).encode(wanted, ramp.n).length);
    }

    @Test
    void squaredToleranceKeepsEveryPixelWithinItAndTheSearchCompresses() {
        NoisyRamp ramp = new NoisyRamp();
        LzwEncoder.Colors colors = new LzwEncoder.Colors(ramp.palette, 64);
        int exact = new LzwEncoder(7).encode(ramp.indices, ramp.n).length;
        int previous = Integer.MAX_VALUE;
        // one grey step of this palette (4 levels in each channel) is 48 in squared error
        for (int tolerance : new int[] {0, 4, 60}) {
            byte[] coded = ramp.indices.clone();
            byte[] codes = new LzwEncoder(7).encodeLossy(coded, 0, ramp.n, ramp.source, ramp.canvasIndex, null, colors, 0,
                    tolerance, true, true).toBytes();
            assertThat(LzwTestDecoder.decode(codes, 7)).isEqualTo(coded);
            for (int i = 0; i < ramp.n; i++) {
                int c = coded[i] & 0xFF;
                int wanted = ramp.indices[i] & 0xFF;
                int shown = ramp.palette[c == 64 ? ramp.canvasIndex[i] : c];
                int meant = ramp.palette[wanted == 64 ? ramp.canvasIndex[i] : wanted];
                assertThat(LzwEncoder.sq(ramp.source[i], shown)).as("pixel %d at tolerance %d", i, tolerance)
                        .isLessThanOrEqualTo(LzwEncoder.sq(ramp.source[i], meant) + tolerance);
            }
            assertThat(codes.length).as("tolerance %d", tolerance).isLessThanOrEqualTo(Math.min(exact, previous));
            previous = codes.length;
        }
        assertThat(previous).as("tolerance 60 compresses").isLessThan(exact * 9 / 10);
    }

    @Test
    void segmentsCodedApartJoinIntoOneStream() {
        NoisyRamp ramp = new NoisyRamp();
        LzwEncoder.Colors colors = new LzwEncoder.Colors(ramp.palette, 64);
        // uneven cuts, one long enough to fill the table and clear it inside the segment
        int[] cuts = {0, 7, 301, 25_001, 25_002, ramp.n};
        for (int tolerance : new int[] {0, 4}) {
            byte[] coded = ramp.indices.clone();
            LzwEncoder.Segment[] parts = new LzwEncoder.Segment[cuts.length - 1];
            for (int k = 0; k < parts.length; k++) {
                // a fresh coder for each, as on different threads
                parts[k] = new LzwEncoder(7).encodeLossy(coded, cuts[k], cuts[k + 1] - cuts[k], ramp.source,
                        ramp.canvasIndex, null, colors, 0, tolerance, k == 0, k == parts.length - 1);
            }
            assertThat(parts).as("segments end mid-byte, so the join must shift bits")
                    .anySatisfy(part -> assertThat(part.bits() % 8).isNotZero());
            assertThat(LzwTestDecoder.decode(LzwEncoder.join(parts), 7)).as("tolerance %d", tolerance)
                    .isEqualTo(coded);
        }
    }

    @Test
    void distanceCountsTenPerGreyLevel() {
        assertThat(LzwEncoder.distance(0x101010, 0x111111)).isEqualTo(10);
        assertThat(LzwEncoder.distance(0x000000, 0x010000)).isEqualTo(3);
        assertThat(LzwEncoder.distance(0x000000, 0x000100)).isEqualTo(4);
        assertThat(LzwEncoder.distance(0x123456, 0x123456)).isZero();
    }
}
