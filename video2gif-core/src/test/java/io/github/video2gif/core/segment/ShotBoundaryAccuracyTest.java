package io.github.video2gif.core.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.video2gif.api.Segmentation;
import io.github.video2gif.api.Transition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShotBoundaryAccuracyTest {
    static Segmentation detected(List<Long> cuts, List<Transition> gradual) {
        List<Transition> all = new ArrayList<>(gradual);
        for (long c : cuts) {
            all.add(new Transition(c, c + 1, Transition.Type.CUT));
        }
        return new Segmentation(cuts, all, List.of(), List.of());
    }

    @Test
    void cutsMatchOneToOneWithinTheTolerance() {
        // 100 and 102 both near the true 101: only one matches; 300 is 3 frames from 297: no match
        ShotBoundaryAccuracy a = ShotBoundaryAccuracy.score(detected(List.of(100L, 102L, 200L, 300L), List.of()),
                List.of(101L, 200L, 297L, 400L), List.of(), 2);
        assertThat(a.truePositives()).isEqualTo(2);
        assertThat(a.falsePositives()).isEqualTo(2);
        assertThat(a.falseNegatives()).isEqualTo(2);
        assertThat(a.precision()).isCloseTo(0.5, within(1e-12));
        assertThat(a.recall()).isCloseTo(0.5, within(1e-12));
        assertThat(a.f1()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void aFadeIsFoundOnlyAsOneTransitionWithoutCutsInside() {
        List<long[]> fades = List.of(new long[] {100, 160}, new long[] {300, 360}, new long[] {500, 560});
        Segmentation s = detected(List.of(320L, 330L),
                List.of(new Transition(98, 161, Transition.Type.FADE_OUT),       // the first: found
                        new Transition(300, 340, Transition.Type.FADE_OUT),      // the second, but with cuts inside
                        new Transition(500, 520, Transition.Type.FADE_OUT),      // the third in two pieces
                        new Transition(530, 560, Transition.Type.FADE_IN),
                        new Transition(700, 720, Transition.Type.DISSOLVE)));    // a false one
        ShotBoundaryAccuracy a = ShotBoundaryAccuracy.score(s, List.of(), fades, 2);
        assertThat(a.gradualTotal()).isEqualTo(3);
        assertThat(a.gradualFound()).isEqualTo(1);
        assertThat(a.gradualFalse()).isEqualTo(1);
        // cuts inside a true gradual transition are charged to it, not to the cut scores
        assertThat(a.falsePositives()).isZero();
        assertThat(a.precision()).isEqualTo(1.0);
    }

    @Test
    void scoresAddUp() {
        ShotBoundaryAccuracy a = new ShotBoundaryAccuracy(3, 1, 0, 2, 2, 0);
        ShotBoundaryAccuracy b = new ShotBoundaryAccuracy(5, 0, 2, 1, 0, 1);
        assertThat(a.plus(b)).isEqualTo(new ShotBoundaryAccuracy(8, 1, 2, 3, 2, 1));
        assertThat(new ShotBoundaryAccuracy(0, 0, 0, 0, 0, 0).f1()).isEqualTo(1.0);
    }
}
