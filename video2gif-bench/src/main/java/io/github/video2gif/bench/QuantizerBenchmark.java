package io.github.video2gif.bench;

import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.core.gif.ColorHistogram;
import io.github.video2gif.core.gif.OklabKMeansQuantizer;
import io.github.video2gif.core.gif.Palette;
import io.github.video2gif.core.gif.SyntheticClips;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The palette quantiser: building the colour histogram of a 5 s, 360x202, 10 fps clip (50 frames), and choosing a
 * 255-colour palette from it (box splitting + k-means in Oklab). Scenes from {@link SyntheticClips}.
 * <pre>java -jar video2gif-bench/target/benchmarks.jar QuantizerBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QuantizerBenchmark {
    @Param({"PAN", "SPRITES", "NOISY"})
    public String scene;

    private List<VideoFrame> frames;
    private ColorHistogram histogram;

    @Setup
    public void setUp() {
        frames = SyntheticClips.render(SyntheticClips.Scene.valueOf(scene), 360, 202, 50, 10, 42);
        histogram = histogram();
    }

    private ColorHistogram histogram() {
        ColorHistogram h = new ColorHistogram();
        for (VideoFrame f : frames) {
            h.add(f.rgb(), f.width(), f.height());
        }
        return h;
    }

    /** Counting the colours of 50 frames (3.6 Mpixels). */
    @Benchmark
    public ColorHistogram histogramOfClip() {
        return histogram();
    }

    /** Choosing 255 colours from the histogram. */
    @Benchmark
    public Palette palette255() {
        return new OklabKMeansQuantizer().quantize(histogram, 255);
    }
}
