package io.github.video2gif.cuda;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.ProviderUnavailableException;
import io.github.video2gif.core.train.TrainingBackend;
import io.github.video2gif.core.train.TrainingBackendProvider;

/**
 * The {@code cuda} training backend: RankNet training on an NVIDIA GPU ({@link GpuRankNetSgd}), the same results
 * as the {@code cpu} backend for the same seed up to float rounding. Its priority is above the CPU's, so
 * {@code train.device=auto} uses the GPU where one can run; where none can, the probe says why and automatic
 * selection falls back to the CPU. Settings: {@code cuda.device}, {@code cuda.train-table}
 * ({@code auto}, {@code device}, {@code host}; see {@link CudaSettings}).
 */
public final class CudaTrainingBackendProvider implements TrainingBackendProvider {
    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public int priority() {
        return CudaFeatureExtractorProvider.PRIORITY;
    }

    @Override
    public String description() {
        return "RankNet training on an NVIDIA GPU with cuBLAS (fp32)";
    }

    @Override
    public Availability probe() {
        try {
            return CudaProbe.availability(CudaSettings.device(Config.defaults()));
        } catch (RuntimeException e) {
            return Availability.no("cannot read the cuda settings: " + e.getMessage());
        }
    }

    @Override
    public TrainingBackend create(Config config) {
        int device = CudaSettings.device(config);
        GpuRankNetSgd.TableMode table = CudaSettings.trainingTable(config);
        Availability a = CudaProbe.availability(device);
        if (!a.available()) {
            throw new ProviderUnavailableException("The training device \"cuda\" cannot run here: " + a.reason());
        }
        return new CudaTrainingBackend(CudaProbe.probe(device).device().orElseThrow(), table);
    }
}
