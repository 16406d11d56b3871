package io.github.video2gif.bench;

import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.core.gif.ColorHistogram;
import io.github.video2gif.core.gif.DitherMethod;
import io.github.video2gif.core.gif.Ditherer;
import io.github.video2gif.core.gif.OklabKMeansQuantizer;
import io.github.video2gif.core.gif.PaletteLookup;
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
 * The ditherers: mapping one 360x202 frame (72,720 pixels) to a 255-colour palette, cycling through the 50 frames
 * of a panning clip (every pixel changes, so the palette look-up cache keeps seeing new colours). The ditherer and
 * its look-up cache are made once per trial and warm up with the JIT, as in a long clip.
 * <pre>java -jar video2gif-bench/target/benchmarks.jar DitherBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DitherBenchmark {
    @Param({"NONE", "BAYER", "BLUE_NOISE", "SIERRA_LITE"})
    public String method;

    private List<VideoFrame> frames;
    private Ditherer ditherer;
    private byte[] indices;
    private int next;

    @Setup
    public void setUp() {
        frames = SyntheticClips.render(SyntheticClips.Scene.PAN, 360, 202, 50, 10, 42);
        ColorHistogram h = new ColorHistogram();
        for (VideoFrame f : frames) {
            h.add(f.rgb(), f.width(), f.height());
        }
        PaletteLookup lookup = new PaletteLookup(new OklabKMeansQuantizer().quantize(h, 255));
        ditherer = DitherMethod.valueOf(method).create(lookup, 360, 202, 1.0);
        indices = new byte[360 * 202];
    }

    /** One frame. */
    @Benchmark
    public byte[] ditherFrame() {
        ditherer.dither(frames.get(next).rgb(), indices);
        next = (next + 1) % frames.size();
        return indices;
    }
}
