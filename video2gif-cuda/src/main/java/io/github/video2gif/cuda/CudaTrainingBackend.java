package io.github.video2gif.cuda;

import io.github.video2gif.core.rank.RankNet;
import io.github.video2gif.core.train.RankNetStep;
import io.github.video2gif.core.train.TrainingBackend;

/** Training on an NVIDIA GPU: a {@link GpuRankNetSgd} per network. */
final class CudaTrainingBackend implements TrainingBackend {
    private final GpuDevice gpu;
    private final GpuRankNetSgd.TableMode table;

    CudaTrainingBackend(GpuDevice gpu, GpuRankNetSgd.TableMode table) {
        this.gpu = gpu;
        this.table = table;
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String description() {
        return gpu.name() + " (CUDA device " + gpu.index() + ", fp32 cuBLAS without TF32, feature table: "
                + table.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    @Override
    public RankNetStep network(RankNet init, float[] features, double inputDropout, double hiddenDropout) {
        return new GpuRankNetSgd(init, features, inputDropout, hiddenDropout, gpu.index(), table);
    }
}
