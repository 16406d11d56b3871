package io.github.video2gif.cuda;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.ProviderUnavailableException;
import io.github.video2gif.api.spi.Providers;
import io.github.video2gif.core.rank.L2RankLoss;
import io.github.video2gif.core.train.RankNetTrainer;
import io.github.video2gif.core.train.SyntheticVideos;
import io.github.video2gif.core.train.TrainerConfig;
import io.github.video2gif.core.train.TrainingBackend;
import io.github.video2gif.core.train.TrainingBackendProvider;
import io.github.video2gif.core.train.TrainingBackends;
import io.github.video2gif.core.train.TrainingData;
import io.github.video2gif.core.train.TrainingResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The {@code cuda} training backend: discovery, automatic fall-back, and the error without a GPU. */
class CudaTrainingBackendTest {
    private static final Config NONE = Config.of(Map.of(), k -> null, k -> null);

    @Test
    void theCudaBackendIsFoundByServiceLoaderAboveTheCpu() {
        List<TrainingBackendProvider> all = Providers.all(TrainingBackendProvider.KIND);
        assertThat(all).extracting(TrainingBackendProvider::name).containsSubsequence("cuda", "cpu");
        TrainingBackendProvider cuda = all.get(0);
        assertThat(cuda).isInstanceOf(CudaTrainingBackendProvider.class);
        assertThat(cuda.probe()).isEqualTo(CudaProbe.availability(0));
    }

    @Test
    void autoUsesTheGpuWhenOneCanRunElseTheCpu() throws Exception {
        TrainingBackend b = TrainingBackends.select("auto", NONE);
        assertThat(b.name()).isEqualTo(CudaProbe.availability(0).available() ? "cuda" : "cpu");
    }

    @Test
    void anExplicitCudaDeviceWithoutAGpuFailsWithTheProbesReason() {
        Availability gpu = CudaProbe.availability(0);
        assumeFalse(gpu.available(), "this machine has a usable GPU");
        assertThatThrownBy(() -> TrainingBackends.select("cuda", NONE))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("Training on \"cuda\" is unavailable here: " + gpu.reason());
        assertThatThrownBy(() -> new CudaTrainingBackendProvider().create(NONE))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining(gpu.reason());
        TrainingData train = SyntheticVideos.generate(GpuRankNetSgdTest.WORLD.withVideos(6, 4));
        TrainerConfig c = TrainerConfig.paper(1).toBuilder().hidden(8, 4).epochs(1).device("cuda").build();
        assertThatThrownBy(() -> new RankNetTrainer(c, new L2RankLoss(), "l2").train(train, List.of(), null))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining(gpu.reason());
    }

    @Test
    void withoutAGpuAutoTrainsOnTheCpu() throws Exception {
        assumeFalse(CudaProbe.availability(0).available(), "this machine has a usable GPU");
        TrainingData train = SyntheticVideos.generate(GpuRankNetSgdTest.WORLD.withVideos(6, 4));
        TrainerConfig c = TrainerConfig.paper(1).toBuilder().hidden(8, 4).epochs(1).device("auto").build();
        TrainingResult r = new RankNetTrainer(c, new L2RankLoss(), "l2").train(train, List.of(), null);
        assertThat(r.model().training()).containsEntry("device", "cpu");
    }

    @Test
    void theTableSettingIsChecked() {
        assertThat(CudaSettings.trainingTable(NONE)).isEqualTo(GpuRankNetSgd.TableMode.AUTO);
        assertThat(CudaSettings.trainingTable(Config.of(Map.of("cuda.train-table", "host"), k -> null, k -> null)))
                .isEqualTo(GpuRankNetSgd.TableMode.HOST);
        assertThatThrownBy(() -> CudaSettings.trainingTable(Config.of(Map.of("cuda.train-table", "vram"), k -> null,
                k -> null))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vram");
    }
}
