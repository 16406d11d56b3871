package io.github.video2gif.core.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ShotAnnotationTest {
    @Test
    void readsCutsAndGradualTransitionsWithComments() throws Exception {
        ShotAnnotation a = ShotAnnotation.parse(new StringReader("""
                # header
                fade-in 0 49   # from black
                cut 283
                  dissolve 300 324
                """), "test");
        assertThat(a.cuts()).containsExactly(283L);
        assertThat(a.gradual()).containsExactly(new long[] {0, 49}, new long[] {300, 324});
    }

    @Test
    void aMalformedLineNamesItsSourceAndNumber() {
        assertThatThrownBy(() -> ShotAnnotation.parse(new StringReader("cut 5\ncut x\n"), "a.txt"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a.txt:2");
        assertThatThrownBy(() -> ShotAnnotation.parse(new StringReader("wipe 9 4\n"), "b.txt"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b.txt:1");
    }
}
