package io.github.video2gif.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.video2gif.api.Segment;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.core.dataset.AnalyzedVideo;
import io.github.video2gif.core.dataset.Annotation;
import io.github.video2gif.core.metrics.FrameSpan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class TrainingSetsTest {

    /** Every video: 10 s at 25 fps, five 2-second segments. */
    private static AnalyzedVideo analysis(Path p) {
        List<Segment> s = new ArrayList<>();
        List<float[]> f = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            s.add(new Segment(i * 50L, (i + 1) * 50L, i * 2.0, (i + 1) * 2.0));
            f.add(new float[] {i, p.getFileName().toString().length()});
        }
        return new AnalyzedVideo("cues", 250, 25, s, f);
    }

    @Test
    void turnsAnnotationsIntoFramesAndPopularity() throws Video2GifException {
        List<Path> analysed = new ArrayList<>();
        List<Annotation> a = List.of(
                new Annotation("a.mp4", 2.0, 4.0, OptionalDouble.of(1023), OptionalDouble.of(1)),
                new Annotation("/abs/b.mp4", 0.5, 3.0, OptionalDouble.of(0), OptionalDouble.empty()),
                new Annotation("a.mp4", 9.0, 12.0),
                new Annotation("a.mp4", 20.0, 21.0));
        TrainingData d = TrainingSets.fromAnnotations(a, Path.of("/videos"), "cues", p -> {
            analysed.add(p);
            return analysis(p);
        }, null);
        assertThat(analysed).containsExactly(Path.of("/videos/a.mp4"), Path.of("/abs/b.mp4"));
        assertThat(d.featureExtractor()).isEqualTo("cues");
        TrainingVideo va = d.videos().get(0);
        assertThat(va.id()).isEqualTo("a.mp4");
        assertThat(va.frames()).isEqualTo(250);
        assertThat(va.segments()).hasSize(5);
        // 2..4 s -> frames 50..100; 9..12 s -> 225..250 (clipped); 20 s starts after the end: left out
        assertThat(va.gifSpans()).containsExactly(new FrameSpan(50, 100), new FrameSpan(225, 250));
        // raw popularity log2(1 + 1023/1) = 10 and log2(1 + 0) = 0: scaled to 1 and 0; unknown views: 0
        assertThat(va.gifs().get(0).popularity()).isCloseTo(1.0, within(1e-12));
        assertThat(va.gifs().get(1).popularity()).isZero();
        TrainingVideo vb = d.videos().get(1);
        assertThat(vb.gifSpans()).containsExactly(new FrameSpan(13, 75));
        assertThat(vb.gifs().get(0).popularity()).isZero();
    }

    @Test
    void popularityIsLogViewsPerDayScaledOverTheTrainingSet() {
        assertThat(Popularity.raw(7, OptionalDouble.empty())).isCloseTo(3, within(1e-12));
        assertThat(Popularity.raw(70, OptionalDouble.of(10))).isCloseTo(3, within(1e-12));
        assertThat(Popularity.raw(5, OptionalDouble.of(0.2))).as("at least one day").isCloseTo(Math.log(6) / Math.log(2), within(1e-12));
        Popularity p = Popularity.fit(List.of(1.0, 3.0, 5.0));
        assertThat(p.normalise(3.0)).isEqualTo(0.5);
        assertThat(p.normalise(9.0)).isEqualTo(1.0);
        assertThat(p.normalise(null)).isZero();
        assertThat(Popularity.fit(List.of(2.0, 2.0)).normalise(2.0)).isZero();
    }
}
