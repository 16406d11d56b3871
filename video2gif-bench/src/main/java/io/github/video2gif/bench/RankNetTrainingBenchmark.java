package io.github.video2gif.bench;

import io.github.video2gif.core.rank.AdaptiveHuberRankLoss;
import io.github.video2gif.core.rank.RankNet;
import io.github.video2gif.core.train.RankNetSgd;
import io.github.video2gif.core.train.SplitMixStream;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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

/**
 * RankNet training speed for C3D-sized input (d = 4096, the paper's 4096 -> 512 -> 128 -> 1 network), next to
 * the floor set by this machine's matrix-multiply speed, all measured in the same run:
 * <ul>
 *   <li>{@code trainStep}: one mini-batch of 50 pairs (100 rows) through {@link RankNetSgd}: gather with input
 *       dropout, forward, adaptive Huber loss, backpropagation, weight penalty, Nesterov update;</li>
 *   <li>{@code gemmOfAStep}: only the matrix products a step needs (3 forward, 3 weight gradients, 2 hidden
 *       gradients), at the same shapes: the floor for this implementation;</li>
 *   <li>{@code gemmPeak}: a 1024 x 1024 x 1024 single-precision product, the machine's gemm speed
 *       (2 * 1024^3 flops).</li>
 * </ul>
 * Pairs per second = 50 / step time. The brief's floor counts 6 x parameters x 2 flops per pair
 * (forward 2P and backward 4P for each of the pair's two segments); see {@code video2gif-bench/README.md}.
 * ND4J's thread count follows {@code OMP_NUM_THREADS} of the launching shell.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RankNetTrainingBenchmark {
    static final int D = 4096;
    static final int PAIRS = 50;
    static final int TABLE_ROWS = 2000;

    private RankNetSgd sgd;
    private float[] table;
    private final int[] pos = new int[PAIRS];
    private final int[] neg = new int[PAIRS];
    private final float[] pop = new float[PAIRS];
    private final AdaptiveHuberRankLoss loss = new AdaptiveHuberRankLoss();
    private SplitMixStream random;

    private INDArray x;
    private INDArray[] w;
    private INDArray[] a;
    private INDArray[] g;
    private INDArray[] delta;
    private INDArray big;
    private INDArray bigOut;

    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(1);
        table = new float[TABLE_ROWS * D];
        for (int i = 0; i < table.length; i++) {
            table[i] = (float) r.nextDouble(-1, 1);
        }
        for (int k = 0; k < PAIRS; k++) {
            pos[k] = r.nextInt(TABLE_ROWS);
            neg[k] = r.nextInt(TABLE_ROWS);
            pop[k] = (float) r.nextDouble();
        }
        sgd = new RankNetSgd(RankNet.initialise(RankNet.paperLayers(D), null, 7), table, 0.8, 0.25, DataType.FLOAT);
        random = new SplitMixStream(3);

        int rows = 2 * PAIRS;
        int[] l = RankNet.paperLayers(D);
        x = Nd4j.rand(DataType.FLOAT, rows, D);
        w = new INDArray[3];
        a = new INDArray[4];
        g = new INDArray[3];
        delta = new INDArray[3];
        a[0] = x;
        for (int i = 0; i < 3; i++) {
            w[i] = Nd4j.rand(DataType.FLOAT, l[i], l[i + 1]);
            g[i] = Nd4j.create(DataType.FLOAT, l[i], l[i + 1]);
            a[i + 1] = Nd4j.create(DataType.FLOAT, rows, l[i + 1]);
            delta[i] = Nd4j.rand(DataType.FLOAT, rows, l[i + 1]);
        }
        big = Nd4j.rand(DataType.FLOAT, 1024, 1024);
        bigOut = Nd4j.create(DataType.FLOAT, 1024, 1024);
    }

    @Benchmark
    public double trainStep() {
        double l = sgd.lossAndGradient(pos, neg, pop, PAIRS, loss, 0.001, random, null);
        sgd.nesterovStep(1e-6, 0.9);
        return l;
    }

    @Benchmark
    public INDArray gemmOfAStep() {
        for (int i = 0; i < 3; i++) {
            Nd4j.gemm(a[i], w[i], a[i + 1], false, false, 1.0, 0.0);
        }
        for (int i = 2; i >= 0; i--) {
            Nd4j.gemm(a[i], delta[i], g[i], true, false, 1.0, 0.0);
            if (i > 0) {
                Nd4j.gemm(delta[i], w[i], delta[i - 1], false, true, 1.0, 0.0);
            }
        }
        return g[0];
    }

    @Benchmark
    public INDArray gemmPeak() {
        Nd4j.gemm(big, big, bigOut, false, false, 1.0, 0.0);
        return bigOut;
    }
}
