package io.github.video2gif.core.gif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CentisecondClockTest {

    @Test
    void thirtyFramesASecondGetThreeAndFourCentiseconds() {
        CentisecondClock clock = new CentisecondClock();
        int[] delays = new int[10];
        for (int i = 0; i < 10; i++) {
            delays[i] = clock.next(1.0 / 30);
        }
        assertThat(delays).containsExactly(3, 4, 3, 3, 4, 3, 3, 4, 3, 3);
        assertThat(clock.elapsedCentiseconds()).isEqualTo(33);
    }

    @ParameterizedTest
    @ValueSource(doubles = {24, 25, 29.97, 30, 48, 60, 7.5, 1.0 / 0.37})
    void neverDriftsOverAMillionFrames(double fps) {
        CentisecondClock clock = new CentisecondClock();
        long sum = 0;
        for (int i = 1; i <= 1_000_000; i++) {
            sum += clock.next(1.0 / fps);
            if (i % 1000 == 0) {
                // every frame ends at its exact time rounded: the error is below half a centisecond, always
                assertThat(Math.abs(sum - i * 100.0 / fps)).as("after %d frames", i).isLessThanOrEqualTo(0.5 + 1e-6);
            }
        }
        assertThat(sum).isEqualTo(Math.round(1_000_000 * 100.0 / fps));
    }

    @Test
    void unevenDurationsAreCarried() {
        CentisecondClock clock = new CentisecondClock();
        assertThat(clock.next(0.004)).isZero();
        assertThat(clock.next(0.004)).isEqualTo(1);
        assertThat(clock.next(0.123)).isEqualTo(12);
        assertThat(clock.elapsedCentiseconds()).isEqualTo(13);
        assertThatThrownBy(() -> clock.next(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.next(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
