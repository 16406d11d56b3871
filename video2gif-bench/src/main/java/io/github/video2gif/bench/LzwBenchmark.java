package io.github.video2gif.bench;

import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.core.gif.ColorHistogram;
import io.github.video2gif.core.gif.DitherMethod;
import io.github.video2gif.core.gif.LzwEncoder;
import io.github.video2gif.core.gif.OklabKMeansQuantizer;
import io.github.video2gif.core.gif.Palette;
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
 * The LZW coder on whole 360x202 frames of palette indices (72,720 symbols, 8-bit codes): exact coding, lossy
 * coding at tolerance 0 (only display-equivalent swaps), 40 and 120 (L1, {@code lossy}), and at squared-error
 * tolerance 4 ({@code lossy-mse}, the default on noisy scenes). Content: a panning texture (hard to compress), a
 * still gradient with moving sprites (easy) and sensor noise (hardest).
 * <pre>java -jar video2gif-bench/target/benchmarks.jar LzwBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LzwBenchmark {
    @Param({"PAN", "SPRITES", "NOISY"})
    public String scene;

    /** {@code exact}, {@code lossyN} (L1 tolerance N) or {@code mseN} (squared-error tolerance N). */
    @Param({"exact", "lossy0", "lossy40", "lossy120", "mse4"})
    public String coder;

    private byte[] indices;
    private byte[] work;
    private int[] source;
    private int[] canvasIndex;
    private byte[] mapped;
    private LzwEncoder.Colors colors;
    private final LzwEncoder encoder = new LzwEncoder(8);

    @Setup
    public void setUp() {
        List<VideoFrame> frames = SyntheticClips.render(SyntheticClips.Scene.valueOf(scene), 360, 202, 2, 10, 42);
        ColorHistogram h = new ColorHistogram();
        frames.forEach(f -> h.add(f.rgb(), f.width(), f.height()));
        Palette p = new OklabKMeansQuantizer().quantize(h, 255);
        PaletteLookup lookup = new PaletteLookup(p);
        int n = 360 * 202;
        indices = new byte[n];
        byte[] previous = new byte[n];
        DitherMethod.NONE.create(lookup, 360, 202, 1).dither(frames.get(1).rgb(), indices);
        DitherMethod.NONE.create(lookup, 360, 202, 1).dither(frames.get(0).rgb(), previous);
        int[] table = new int[p.size() + 1];
        for (int i = 0; i < p.size(); i++) {
            table[i] = p.rgb(i);
        }
        colors = new LzwEncoder.Colors(table, p.size());
        source = new int[n];
        canvasIndex = new int[n];
        byte[] rgb = frames.get(1).rgb();
        for (int i = 0; i < n; i++) {
            source[i] = (rgb[i * 3] & 0xFF) << 16 | (rgb[i * 3 + 1] & 0xFF) << 8 | (rgb[i * 3 + 2] & 0xFF);
            canvasIndex[i] = previous[i] & 0xFF;
            if (previous[i] == indices[i]) {
                indices[i] = (byte) p.size(); // unchanged: transparent, as the encoder codes it
            }
        }
        work = new byte[n];
        mapped = new byte[n];
        DitherMethod.NONE.create(lookup, 360, 202, 1).dither(frames.get(1).rgb(), mapped);
    }

    /** One frame. */
    @Benchmark
    public byte[] encodeFrame() {
        if (coder.equals("exact")) {
            return encoder.encode(indices, indices.length);
        }
        System.arraycopy(indices, 0, work, 0, indices.length);
        if (coder.startsWith("mse")) {
            return encoder.encodeLossy(work, 0, work.length, source, canvasIndex, mapped, colors, 0,
                    Integer.parseInt(coder.substring(3)), true, true).toBytes();
        }
        return encoder.encodeLossy(work, work.length, source, canvasIndex, colors,
                Integer.parseInt(coder.substring(5)));
    }
}
