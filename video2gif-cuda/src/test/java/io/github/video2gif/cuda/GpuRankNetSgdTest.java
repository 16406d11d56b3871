package io.github.video2gif.cuda;

import io.github.video2gif.api.spi.ProviderUnavailableException;
import io.github.video2gif.core.rank.AdaptiveHuberRankLoss;
import io.github.video2gif.core.rank.RankNet;
import io.github.video2gif.core.train.RankNetSgd;
import io.github.video2gif.core.train.RankNetStep;
import io.github.video2gif.core.train.RankNetTrainer;
import io.github.video2gif.core.train.SplitMixStream;
import io.github.video2gif.core.train.SyntheticVideos;
import io.github.video2gif.core.train.TrainerConfig;
import io.github.video2gif.core.train.TrainingBackend;
import io.github.video2gif.core.train.TrainingData;
import io.github.video2gif.core.train.TrainingResult;
import io.github.video2gif.core.train.TrainingVideo;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * {@link GpuRankNetSgd}'s code without a GPU: on {@link JavaTrainingDevice}, which does what cuBLAS and the
 * kernels do and checks every operand, it must train like the CPU's {@code RankNetSgd}. This tests the products'
 * shapes, leading dimensions and offsets, the dropout stream positions, both places for the feature table, buffer
 * growth and chunked scoring; the GPU tests ({@link GpuTrainingTest}) then check the CUDA side.
 */
class GpuRankNetSgdTest {
    static final SyntheticVideos.Spec WORLD =
            new SyntheticVideos.Spec(80, 16, 4, 12, 20, 10, 2, 0.0, 1.0, 0.5, 11, 1, 0.0);

    /** GpuRankNetSgd on plain-Java devices. */
    static final class OnJavaDevice implements TrainingBackend {
        final GpuRankNetSgd.TableMode mode;
        final List<JavaTrainingDevice> devices = new java.util.ArrayList<>();

        OnJavaDevice(GpuRankNetSgd.TableMode mode) {
            this.mode = mode;
        }

        @Override
        public String name() {
            return "java-device";
        }

        @Override
        public String description() {
            return "GpuRankNetSgd on a plain-Java device";
        }

        @Override
        public RankNetStep network(RankNet init, float[] table, double inputDropout, double hiddenDropout) {
            JavaTrainingDevice d = new JavaTrainingDevice();
            devices.add(d);
            return new GpuRankNetSgd(init, table, inputDropout, hiddenDropout, d, mode);
        }
    }

    /** Largest |a - b| over all parameters, divided by the largest |b|. */
    static double weightError(List<RankNet> a, List<RankNet> b) {
        double err = 0;
        double max = 0;
        for (int m = 0; m < b.size(); m++) {
            for (int i = 0; i < b.get(m).depth(); i++) {
                float[][] x = {a.get(m).weights(i), a.get(m).biases(i)};
                float[][] y = {b.get(m).weights(i), b.get(m).biases(i)};
                for (int t = 0; t < 2; t++) {
                    for (int k = 0; k < y[t].length; k++) {
                        err = Math.max(err, Math.abs(x[t][k] - y[t][k]));
                        max = Math.max(max, Math.abs(y[t][k]));
                    }
                }
            }
        }
        return err / max;
    }

    /** The worst relative difference of per-epoch training losses. */
    static double lossError(TrainingResult a, TrainingResult b) {
        double worst = 0;
        for (int e = 0; e < b.history().size(); e++) {
            double x = a.history().get(e).trainLoss();
            double y = b.history().get(e).trainLoss();
            worst = Math.max(worst, Math.abs(x - y) / Math.abs(y));
        }
        return worst;
    }

    @Test
    void trainsLikeTheCpuWithTheTableOnTheDeviceOrTheHost() throws Exception {
        TrainingData train = SyntheticVideos.generate(WORLD.withVideos(30, 4));
        List<TrainingVideo> validation = SyntheticVideos.generate(WORLD.withVideos(10, 98)).videos();
        TrainerConfig c = TrainerConfig.paper(5).toBuilder().hidden(16, 8).epochs(4).learningRate(0.03)
                .decayEvery(3).inputDropout(0.3).models(2).device("cpu").build();
        TrainingResult cpu = new RankNetTrainer(c, new AdaptiveHuberRankLoss(), "adaptive-huber")
                .train(train, validation, null);
        for (GpuRankNetSgd.TableMode mode : new GpuRankNetSgd.TableMode[] {GpuRankNetSgd.TableMode.DEVICE,
            GpuRankNetSgd.TableMode.HOST}) {
            OnJavaDevice backend = new OnJavaDevice(mode);
            TrainingResult gpu = new RankNetTrainer(c, new AdaptiveHuberRankLoss(), "adaptive-huber", backend)
                    .train(train, validation, null);
            double loss = lossError(gpu, cpu);
            double weights = weightError(gpu.model().members(), cpu.model().members());
            double nmsd = 0;
            for (int e = 0; e < cpu.history().size(); e++) {
                nmsd = Math.max(nmsd, Math.abs(gpu.history().get(e).validationNmsd().getAsDouble()
                        - cpu.history().get(e).validationNmsd().getAsDouble()));
            }
            System.out.printf("GpuRankNetSgd on a plain-Java device, table %s, vs ND4J: per-epoch loss %.3g"
                    + " relative, weights %.3g of the largest, validation nMSD %.3g%n", mode, loss, weights, nmsd);
            assertThat(loss).as(mode + ": per-epoch losses").isLessThan(1e-5);
            assertThat(weights).as(mode + ": weights").isLessThan(1e-5);
            assertThat(nmsd).as(mode + ": validation nMSD").isLessThan(1e-4);
            assertThat(backend.devices).hasSize(2).allMatch(d -> d.closed, "closed after training");
            assertThat(gpu.model().training()).containsEntry("device", "java-device");
        }
        assertThat(cpu.history().get(3).trainLoss()).isLessThan(0.8 * cpu.history().get(0).trainLoss());
    }

    @Test
    void largeBatchesGrowTheBuffersAndScoringGoesInChunks() {
        int d = 12;
        int tableRows = 3000;
        SplittableRandom r = new SplittableRandom(3);
        float[] table = new float[tableRows * d];
        for (int i = 0; i < table.length; i++) {
            table[i] = (float) r.nextDouble(-1, 1);
        }
        int n = 700; // 1400 rows, more than the 1024 the buffers start with
        int[] pos = new int[n];
        int[] neg = new int[n];
        float[] pop = new float[n];
        for (int k = 0; k < n; k++) {
            pos[k] = r.nextInt(tableRows);
            neg[k] = r.nextInt(tableRows);
            pop[k] = (float) r.nextDouble();
        }
        RankNet init = RankNet.initialise(RankNet.layers(d, 10, 6), null, 9);
        RankNetSgd cpu = new RankNetSgd(init, table, 0.3, 0.25, DataType.FLOAT);
        JavaTrainingDevice device = new JavaTrainingDevice();
        try (GpuRankNetSgd gpu = new GpuRankNetSgd(init, table, 0.3, 0.25, device, GpuRankNetSgd.TableMode.AUTO)) {
            assertThat(gpu.tableOnDevice()).isTrue();
            SplitMixStream a = new SplitMixStream(11);
            SplitMixStream b = new SplitMixStream(11);
            double[] sa = new double[2 * n];
            double[] sb = new double[2 * n];
            for (int step = 0; step < 3; step++) {
                double la = cpu.lossAndGradient(pos, neg, pop, n, new AdaptiveHuberRankLoss(), 0.01, a, sa);
                double lb = gpu.lossAndGradient(pos, neg, pop, n, new AdaptiveHuberRankLoss(), 0.01, b, sb);
                assertThat(b.position()).as("the stream advanced by the values used").isEqualTo(a.position())
                        .isEqualTo((step + 1L) * (2L * n * d + 2L * n * 10));
                assertThat(lb).isCloseTo(la, org.assertj.core.api.Assertions.within(1e-5 * Math.abs(la)));
                for (int k = 0; k < 2 * n; k++) {
                    assertThat(sb[k]).isCloseTo(sa[k], org.assertj.core.api.Assertions.within(1e-5));
                }
                cpu.nesterovStep(0.05, 0.9);
                gpu.nesterovStep(0.05, 0.9);
            }
            assertThat(weightError(List.of(gpu.toRankNet(null)), List.of(cpu.toRankNet(null)))).isLessThan(1e-5);
            double[] all = gpu.score(table, tableRows); // three chunks
            double[] want = cpu.score(table, tableRows);
            for (int k = 0; k < tableRows; k++) {
                assertThat(all[k]).isCloseTo(want[k], org.assertj.core.api.Assertions.within(1e-5));
            }
            assertThat(gpu.finite()).isTrue();
            assertThat(gpu.layers()).containsExactly(d, 10, 6, 1);
        }
        assertThat(device.closed).isTrue();
    }

    @Test
    void badInputIsRefusedWithoutTouchingTheGpu() {
        RankNet init = RankNet.initialise(RankNet.layers(4, 3), null, 1);
        assertThatThrownBy(() -> new GpuRankNetSgd(init, new float[10], 0, 0, 0, GpuRankNetSgd.TableMode.AUTO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not whole rows of 4");
        assertThatThrownBy(() -> new GpuRankNetSgd(init, new float[8], 1.0, 0, 0, GpuRankNetSgd.TableMode.AUTO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1)");
        GpuRankNetSgd net = new GpuRankNetSgd(init, new float[8], 0, 0, new JavaTrainingDevice(),
                GpuRankNetSgd.TableMode.HOST);
        assertThatThrownBy(() -> net.lossAndGradient(new int[] {0}, new int[] {2}, new float[1], 1,
                new AdaptiveHuberRankLoss(), 0, new SplitMixStream(1), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows 0 and 2 of a table of 2");
        assertThatThrownBy(() -> net.lossAndGradient(new int[] {0}, new int[] {1}, new float[1], 2,
                new AdaptiveHuberRankLoss(), 0, new SplitMixStream(1), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a batch of 2 pairs");
        net.close();
        assertThatThrownBy(() -> net.score(new float[8], 2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(GpuRankNetSgd.TableMode.parse("host")).isEqualTo(GpuRankNetSgd.TableMode.HOST);
        assertThatThrownBy(() -> GpuRankNetSgd.TableMode.parse("gpu")).hasMessageContaining("cuda.train-table");
    }

    @Test
    void withoutAGpuOpeningOneSaysWhy() {
        var gpu = CudaProbe.availability(0);
        assumeFalse(gpu.available(), "this machine has a usable GPU");
        RankNet init = RankNet.initialise(RankNet.layers(4, 3), null, 1);
        assertThatThrownBy(() -> new GpuRankNetSgd(init, new float[8], 0, 0, 0, GpuRankNetSgd.TableMode.AUTO))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining(gpu.reason());
    }
}
