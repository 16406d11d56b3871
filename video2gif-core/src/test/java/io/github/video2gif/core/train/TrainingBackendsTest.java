package io.github.video2gif.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.NoSuchProviderException;
import io.github.video2gif.api.spi.ProviderUnavailableException;
import io.github.video2gif.api.spi.Providers;
import io.github.video2gif.core.rank.L2RankLoss;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Choosing where training runs: names, auto, unavailable and unknown devices, the setting. */
class TrainingBackendsTest {
    /** A GPU backend on a machine without a GPU. */
    static final class NoGpu implements TrainingBackendProvider {
        @Override
        public String name() {
            return "cuda";
        }

        @Override
        public int priority() {
            return 20;
        }

        @Override
        public Availability probe() {
            return Availability.no("no CUDA device is visible (test)");
        }

        @Override
        public TrainingBackend create(Config config) {
            throw new AssertionError("an unavailable backend is never created");
        }
    }

    private static final Config NONE = Config.of(Map.of(), k -> null, k -> null);
    private static final List<TrainingBackendProvider> BOTH = List.of(new Nd4jTrainingBackendProvider(), new NoGpu());

    @Test
    void theCpuBackendIsFoundByServiceLoader() throws Exception {
        List<TrainingBackendProvider> all = Providers.all(TrainingBackendProvider.KIND);
        assertThat(all).extracting(TrainingBackendProvider::name).contains("cpu");
        assertThat(TrainingBackends.select("cpu", NONE).name()).isEqualTo("cpu");
        assertThat(TrainingBackends.select("auto", NONE, List.of(new Nd4jTrainingBackendProvider())).name())
                .isEqualTo("cpu");
        assertThat(new Nd4jTrainingBackendProvider().probe().available()).isTrue();
    }

    @Test
    void autoFallsBackToTheCpuWhenTheGpuCannotRun() throws Exception {
        TrainingBackend b = TrainingBackends.select("auto", NONE, BOTH);
        assertThat(b.name()).isEqualTo("cpu");
        assertThat(b.description()).contains("ND4J");
    }

    @Test
    void anExplicitDeviceThatCannotRunFailsWithTheProbesReason() {
        assertThatThrownBy(() -> TrainingBackends.select("cuda", NONE, BOTH))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("Training on \"cuda\" is unavailable here: no CUDA device is visible (test)");
    }

    @Test
    void unknownAndMalformedDevicesAreRefused() {
        assertThatThrownBy(() -> TrainingBackends.select("tpu", NONE, BOTH))
                .isInstanceOf(NoSuchProviderException.class).hasMessageContaining("\"tpu\"")
                .hasMessage("Unknown training device \"tpu\"; known: auto, cuda, cpu");
        assertThatThrownBy(() -> TrainingBackends.select("GPU 0", NONE, BOTH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"GPU 0\"");
        assertThatThrownBy(() -> TrainerConfig.paper(1).toBuilder().device("Cuda!").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("device");
    }

    @Test
    void theDeviceDefaultsToTheSettingThenAuto() {
        assertThat(TrainerConfig.defaultDevice(NONE)).isEqualTo("auto");
        assertThat(TrainerConfig.defaultDevice(Config.of(Map.of(), k -> null,
                k -> k.equals("VIDEO2GIF_TRAIN_DEVICE") ? "cuda" : null))).isEqualTo("cuda");
        assertThat(TrainerConfig.defaultDevice(Config.of(Map.of(), k -> k.equals("video2gif.train.device") ? "cpu"
                : null, k -> "cuda"))).isEqualTo("cpu");
        assertThatThrownBy(() -> TrainerConfig.defaultDevice(Config.of(Map.of(), k -> "Big GPU", k -> null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("system property video2gif.train.device").hasMessageContaining("Big GPU");
        TrainerConfig c = TrainerConfig.paper(1).toBuilder().device("cuda").build();
        assertThat(c.device()).isEqualTo("cuda");
        assertThat(c.toMap()).containsEntry("device", "cuda");
        assertThat(c).isNotEqualTo(c.toBuilder().device("cpu").build());
    }

    @Test
    void theTrainerFailsBeforeTrainingOnAnUnknownDevice() {
        TrainingData train = SyntheticVideos.generate(TrainingBackendParityTest.WORLD.withVideos(10, 4));
        TrainerConfig c = TrainerConfig.paper(1).toBuilder().hidden(8, 4).epochs(1).device("tpu").build();
        assertThatThrownBy(() -> new RankNetTrainer(c, new L2RankLoss(), "l2").train(train, List.of(), null))
                .isInstanceOf(NoSuchProviderException.class).hasMessageContaining("known:").hasMessageContaining("cpu");
    }
}
