package io.github.video2gif.cuda;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.FeatureExtractor;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.FeatureExtractorProvider;
import io.github.video2gif.api.spi.ProviderUnavailableException;
import io.github.video2gif.core.c3d.C3dFeatureExtractor;
import io.github.video2gif.core.c3d.C3dWeights;
import io.github.video2gif.core.c3d.SnippetMean;

import java.nio.file.Path;

/**
 * The {@code cuda} feature extractor: the same C3D fc6 features as the CPU {@code c3d} extractor, from the same
 * released files ({@code c3d.weights}, {@code c3d.mean}) and snippet settings, computed on an NVIDIA GPU by
 * {@link GpuC3dNetwork}. Its priority is above {@code c3d}'s, so where both can run the GPU is preferred; where
 * no GPU can run, the probe says why and automatic selection falls back to the CPU. See {@link CudaSettings}.
 */
public final class CudaFeatureExtractorProvider implements FeatureExtractorProvider {
    /** Above the CPU c3d extractor (10), below the weights-free default (100). */
    public static final int PRIORITY = 20;

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public String description() {
        return "C3D fc6 features (4096-d) from the authors' c3d_model.pkl, on an NVIDIA GPU with cuDNN";
    }

    @Override
    public Availability probe() {
        try {
            return probe(Config.defaults());
        } catch (RuntimeException e) {
            return Availability.no("cannot read the cuda settings: " + e.getMessage());
        }
    }

    /** The settings first (cheap), then the GPU ({@link CudaProbe}, remembered). Never throws. */
    static Availability probe(Config config) {
        return CudaSettings.filesThenGpu(config, "the released C3D files", CudaSettings.WEIGHTS_KEY,
                CudaSettings.MEAN_KEY);
    }

    @Override
    public FeatureExtractor create(Config config) throws Video2GifException {
        GpuC3dNetwork.Options net = CudaSettings.networkOptions(config);
        Availability a = CudaProbe.availability(net.device());
        if (!a.available()) {
            throw new ProviderUnavailableException("The feature extractor \"cuda\" cannot run here: " + a.reason());
        }
        Path weights = CudaSettings.path(config, CudaSettings.WEIGHTS_KEY, "the cuda feature extractor");
        Path meanFile = CudaSettings.path(config, CudaSettings.MEAN_KEY, "the cuda feature extractor");
        C3dFeatureExtractor.Options options = C3dFeatureExtractor.Options.fromConfig(config, net.maxBatch());
        SnippetMean mean = SnippetMean.read(meanFile);
        C3dWeights w = C3dWeights.readPickle(weights);
        return new C3dFeatureExtractor(new GpuC3dNetwork(w, net), mean, null, options);
    }
}
