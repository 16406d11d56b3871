package io.github.video2gif.cuda;

import io.github.video2gif.core.rank.AdaptiveHuberRankLoss;
import io.github.video2gif.core.rank.RankNet;
import io.github.video2gif.core.train.EpochStats;
import io.github.video2gif.core.train.RankNetSgd;
import io.github.video2gif.core.train.RankNetTrainer;
import io.github.video2gif.core.train.SplitMixStream;
import io.github.video2gif.core.train.SyntheticVideos;
import io.github.video2gif.core.train.TrainerConfig;
import io.github.video2gif.core.train.TrainingData;
import io.github.video2gif.core.train.TrainingResult;
import io.github.video2gif.core.train.TrainingVideo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RankNet training on the GPU against the CPU (ND4J) for the same data and seed: the dropout stream computed on
 * the card, whole training runs with the feature table on the card and on the host, and single steps at the
 * paper's sizes. Each test prints its differences before checking them. Skipped without a GPU.
 */
@Tag("gpu")
class GpuTrainingTest {
    /** A 64-d world, big enough for the products to use cuBLAS's real kernels, small enough for the CPU. */
    static final SyntheticVideos.Spec WORLD =
            new SyntheticVideos.Spec(60, 64, 6, 12, 24, 10, 2, 0.0, 1.0, 0.5, 21, 1, 0.0);

    @Test
    void theDropoutStreamOnTheGpuIsTheJavaStream() {
        Gpu.assume();
        long seed = -7_431_112_345_678L;
        long position = 12_345_678_901L;
        int n = 1 << 20;
        float[] got = GpuRankNetSgd.dropoutValues(Gpu.device(), n, seed, position);
        int mismatches = 0;
        int first = -1;
        for (int i = 0; i < n; i++) {
            if (Float.floatToRawIntBits(got[i]) != Float.floatToRawIntBits(SplitMixStream.floatAt(seed, position + i))) {
                mismatches++;
                first = first < 0 ? i : first;
            }
        }
        System.out.printf(Locale.ROOT, "dropout stream on the GPU: %d of %d values differ from Java%s%n", mismatches,
                n, first < 0 ? "" : String.format(Locale.ROOT, " (first at %d: %.9g vs %.9g)", first, got[first],
                        SplitMixStream.floatAt(seed, position + first)));
        assertThat(mismatches).isZero();
    }

    @Test
    void trainingOnTheGpuGivesTheCpusResultsForTheSameSeed() throws Exception {
        Gpu.assume();
        TrainingData train = SyntheticVideos.generate(WORLD);
        List<TrainingVideo> validation = SyntheticVideos.generate(WORLD.withVideos(20, 98)).videos();
        TrainerConfig c = TrainerConfig.paper(17).toBuilder().hidden(64, 32).epochs(6).learningRate(0.01)
                .decayEvery(4).inputDropout(0.5).device("cpu").build();
        long t0 = System.nanoTime();
        TrainingResult cpu = new RankNetTrainer(c, new AdaptiveHuberRankLoss(), "adaptive-huber")
                .train(train, validation, null);
        double cpuSeconds = (System.nanoTime() - t0) / 1e9;
        GpuDevice gpu = Gpu.assume();
        for (GpuRankNetSgd.TableMode mode : new GpuRankNetSgd.TableMode[] {GpuRankNetSgd.TableMode.DEVICE,
            GpuRankNetSgd.TableMode.HOST}) {
            t0 = System.nanoTime();
            TrainingResult cuda = new RankNetTrainer(c, new AdaptiveHuberRankLoss(), "adaptive-huber",
                    new CudaTrainingBackend(gpu, mode)).train(train, validation, null);
            double gpuSeconds = (System.nanoTime() - t0) / 1e9;
            Differences diff = Differences.of(cuda, cpu, validation);
            System.out.printf(Locale.ROOT, "GPU (table %s) vs CPU, %d pairs x %d epochs: %s; %.1f s vs %.1f s%n",
                    mode, cpu.pairs(), c.epochs(), diff, gpuSeconds, cpuSeconds);
            for (int e = 0; e < cpu.history().size(); e++) {
                EpochStats a = cpu.history().get(e);
                EpochStats b = cuda.history().get(e);
                System.out.printf(Locale.ROOT, "  epoch %d: loss CPU %.7f GPU %.7f, validation nMSD CPU %.5f GPU %.5f%n",
                        e + 1, a.trainLoss(), b.trainLoss(), a.validationNmsd().getAsDouble(),
                        b.validationNmsd().getAsDouble());
            }
            assertThat(cuda.model().training()).containsEntry("device", "cuda");
            assertThat(diff.loss).as("per-epoch loss, relative").isLessThan(1e-4);
            assertThat(diff.weightsRelative).as("weights, relative to the largest").isLessThan(1e-3);
            assertThat(diff.scoresRelative).as("validation scores, relative to the largest").isLessThan(1e-3);
            assertThat(diff.nmsd).as("validation nMSD").isLessThan(1e-3);
            List<EpochStats> h = cuda.history();
            assertThat(h.get(h.size() - 1).trainLoss()).as("the loss goes down").isLessThan(0.8 * h.get(0).trainLoss());
        }
    }

    /** How far two training runs are apart. */
    record Differences(double loss, double weightsAbsolute, double weightsRelative, double scoresAbsolute,
                       double scoresRelative, double nmsd) {
        static Differences of(TrainingResult gpu, TrainingResult cpu, List<TrainingVideo> validation) {
            double loss = 0;
            double nmsd = 0;
            for (int e = 0; e < cpu.history().size(); e++) {
                double a = cpu.history().get(e).trainLoss();
                loss = Math.max(loss, Math.abs(gpu.history().get(e).trainLoss() - a) / Math.abs(a));
                nmsd = Math.max(nmsd, Math.abs(gpu.history().get(e).validationNmsd().getAsDouble()
                        - cpu.history().get(e).validationNmsd().getAsDouble()));
            }
            double wErr = 0;
            double wMax = 0;
            for (int m = 0; m < cpu.model().members().size(); m++) {
                RankNet a = cpu.model().members().get(m);
                RankNet b = gpu.model().members().get(m);
                for (int i = 0; i < a.depth(); i++) {
                    float[][] x = {a.weights(i), a.biases(i)};
                    float[][] y = {b.weights(i), b.biases(i)};
                    for (int t = 0; t < 2; t++) {
                        for (int k = 0; k < x[t].length; k++) {
                            wErr = Math.max(wErr, Math.abs(x[t][k] - y[t][k]));
                            wMax = Math.max(wMax, Math.abs(x[t][k]));
                        }
                    }
                }
            }
            double sErr = 0;
            double sMax = 0;
            for (TrainingVideo v : validation) {
                float[][] f = v.features().toArray(float[][]::new);
                double[] a = cpu.model().scorer().score(f);
                double[] b = gpu.model().scorer().score(f);
                for (int k = 0; k < a.length; k++) {
                    sErr = Math.max(sErr, Math.abs(a[k] - b[k]));
                    sMax = Math.max(sMax, Math.abs(a[k]));
                }
            }
            return new Differences(loss, wErr, wErr / wMax, sErr, sErr / sMax, nmsd);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "per-epoch loss %.3g relative, weights %.3g absolute (%.3g of the"
                            + " largest), validation scores %.3g absolute (%.3g of the largest), validation nMSD %.3g",
                    loss, weightsAbsolute, weightsRelative, scoresAbsolute, scoresRelative, nmsd);
        }
    }

    @Test
    void stepsAtThePapersSizesMatchTheCpu() {
        GpuDevice gpu = Gpu.assume();
        int d = 4096;
        int tableRows = 400;
        int n = 50;
        SplittableRandom r = new SplittableRandom(5);
        float[] table = new float[tableRows * d];
        for (int i = 0; i < table.length; i++) {
            table[i] = (float) r.nextGaussian();
        }
        int[] pos = new int[n];
        int[] neg = new int[n];
        float[] pop = new float[n];
        RankNet init = RankNet.initialise(RankNet.paperLayers(d), null, 3);
        RankNetSgd cpu = new RankNetSgd(init, table, 0.8, 0.25, DataType.FLOAT);
        try (GpuRankNetSgd net = new GpuRankNetSgd(init, table, 0.8, 0.25, gpu.index(),
                GpuRankNetSgd.TableMode.DEVICE)) {
            SplitMixStream a = new SplitMixStream(8);
            SplitMixStream b = new SplitMixStream(8);
            double[] sa = new double[2 * n];
            double[] sb = new double[2 * n];
            double worstLoss = 0;
            double worstScore = 0;
            for (int step = 0; step < 5; step++) {
                for (int k = 0; k < n; k++) {
                    pos[k] = r.nextInt(tableRows);
                    neg[k] = r.nextInt(tableRows);
                    pop[k] = (float) r.nextDouble();
                }
                double la = cpu.lossAndGradient(pos, neg, pop, n, new AdaptiveHuberRankLoss(), 0.001, a, sa);
                double lb = net.lossAndGradient(pos, neg, pop, n, new AdaptiveHuberRankLoss(), 0.001, b, sb);
                double scale = 0;
                double err = 0;
                for (int k = 0; k < 2 * n; k++) {
                    scale = Math.max(scale, Math.abs(sa[k]));
                    err = Math.max(err, Math.abs(sa[k] - sb[k]));
                }
                System.out.printf(Locale.ROOT, "4096-512-128-1, step %d: loss CPU %.7f GPU %.7f, scores differ by"
                        + " %.3g (largest score %.3g); stream at %d and %d%n", step, la, lb, err, scale, a.position(),
                        b.position());
                worstLoss = Math.max(worstLoss, Math.abs(la - lb) / Math.abs(la));
                worstScore = Math.max(worstScore, err / scale);
                assertThat(b.position()).isEqualTo(a.position());
                cpu.nesterovStep(0.001, 0.9);
                net.nesterovStep(0.001, 0.9);
            }
            double w = GpuRankNetSgdTest.weightError(List.of(net.toRankNet(null)), List.of(cpu.toRankNet(null)));
            System.out.printf(Locale.ROOT, "paper sizes after 5 steps: loss %.3g relative, scores %.3g of the largest,"
                    + " weights %.3g of the largest%n", worstLoss, worstScore, w);
            assertThat(worstLoss).isLessThan(1e-4);
            assertThat(worstScore).isLessThan(1e-4);
            assertThat(w).isLessThan(1e-4);
        }
    }
}
