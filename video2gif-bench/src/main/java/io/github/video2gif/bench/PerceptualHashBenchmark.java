package io.github.video2gif.bench;

import io.github.video2gif.core.align.CropView;
import io.github.video2gif.core.align.CropViewHasher;
import io.github.video2gif.core.align.DctPerceptualHash;
import io.github.video2gif.core.align.SyntheticFootage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The perceptual hash and the all-pairs Hamming scan of GIF alignment.
 *
 * <ul>
 *   <li>{@code hash160x90}: one {@link DctPerceptualHash} of a frame at the aligner's analysis size;</li>
 *   <li>{@code hashStandardViews160x90}: the 14 hashes (crops and bands) the aligner takes of every video frame;</li>
 *   <li>{@code hash640x360}: one hash of a full-size frame;</li>
 *   <li>{@code textbookHash640x360}: the reference, the textbook recipe: Java2D bilinear scaling to 32 x 32,
 *       greyscale, the full 32 x 32 DCT by its definition, then the 8 x 8 corner and the median;</li>
 *   <li>{@code hammingScan15000}: one GIF frame's hash against the 15 000 hashes of a ten-minute 25 fps video
 *       (the O(n) inner step of the O(n k) matching).</li>
 * </ul>
 * Run: {@code java -cp ... org.openjdk.jmh.Main PerceptualHashBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PerceptualHashBenchmark {
    private byte[] small;
    private byte[] big;
    private BufferedImage bigImage;
    private long[] video;
    private long gifHash;
    private final DctPerceptualHash hasher = new DctPerceptualHash();
    private final CropViewHasher views = new CropViewHasher(CropView.STANDARD);
    private static final double[][] COS = new double[32][32];

    static {
        for (int u = 0; u < 32; u++) {
            for (int x = 0; x < 32; x++) {
                COS[u][x] = Math.cos((2 * x + 1) * u * Math.PI / 64);
            }
        }
    }

    @Setup
    public void setUp() {
        SyntheticFootage footage = new SyntheticFootage(3, 60, 25);
        small = footage.render(400, 160, 90);
        big = footage.render(400, 640, 360);
        bigImage = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 640 * 360; i++) {
            bigImage.setRGB(i % 640, i / 640, (big[i * 3] & 0xFF) << 16 | (big[i * 3 + 1] & 0xFF) << 8
                    | (big[i * 3 + 2] & 0xFF));
        }
        Random rnd = new Random(1);
        video = new long[15_000];
        for (int i = 0; i < video.length; i++) {
            video[i] = rnd.nextLong();
        }
        gifHash = rnd.nextLong();
    }

    @Benchmark
    public long hash160x90() {
        return hasher.hashRgb(small, 160, 90);
    }

    @Benchmark
    public long[] hashStandardViews160x90() {
        return views.hashRgb(small, 160, 90);
    }

    @Benchmark
    public long hash640x360() {
        return hasher.hashRgb(big, 640, 360);
    }

    @Benchmark
    public long textbookHash640x360() {
        BufferedImage thumb = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = thumb.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(bigImage, 0, 0, 32, 32, null);
        g.dispose();
        double[][] grey = new double[32][32];
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int c = thumb.getRGB(x, y);
                grey[y][x] = 0.299 * (c >> 16 & 0xFF) + 0.587 * (c >> 8 & 0xFF) + 0.114 * (c & 0xFF);
            }
        }
        double[] coeffs = new double[64];
        for (int v = 0; v < 8; v++) {
            for (int u = 0; u < 8; u++) {
                double s = 0;
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        s += grey[y][x] * COS[u][x] * COS[v][y];
                    }
                }
                coeffs[v * 8 + u] = s * (u == 0 ? Math.sqrt(0.5) : 1) * (v == 0 ? Math.sqrt(0.5) : 1);
            }
        }
        double[] sorted = coeffs.clone();
        Arrays.sort(sorted);
        double median = (sorted[31] + sorted[32]) / 2;
        long hash = 0;
        for (int i = 0; i < 64; i++) {
            if (coeffs[i] > median) {
                hash |= 1L << i;
            }
        }
        return hash;
    }

    @Benchmark
    public int hammingScan15000() {
        int best = 65;
        long h = gifHash;
        for (long v : video) {
            best = Math.min(best, Long.bitCount(h ^ v));
        }
        return best;
    }
}
