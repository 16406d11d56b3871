package io.github.video2gif.cuda;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.Scorer;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.ProviderUnavailableException;
import io.github.video2gif.api.spi.ScorerProvider;
import io.github.video2gif.core.c3d.PaperScoreHead;
import io.github.video2gif.core.io.NdArray;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code cuda} scorer: the Video2GIF scoring MLP from the authors' {@code video2gif_weights.npz}
 * ({@code c3d.head}) on an NVIDIA GPU ({@link GpuMlp}), for pooled C3D fc6 features; it asks for the {@code cuda}
 * feature extractor. Unavailable, with the reason, without the file or a GPU.
 */
public final class CudaScorerProvider implements ScorerProvider {
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
        return "the Video2GIF MLP from video2gif_weights.npz on an NVIDIA GPU with cuBLAS (C3D fc6 features)";
    }

    @Override
    public Availability probe() {
        try {
            return probe(Config.defaults());
        } catch (RuntimeException e) {
            return Availability.no("cannot read the cuda settings: " + e.getMessage());
        }
    }

    static Availability probe(Config config) {
        return CudaSettings.filesThenGpu(config, "the released scoring MLP (video2gif_weights.npz)",
                CudaSettings.HEAD_KEY);
    }

    @Override
    public Scorer create(Config config) throws Video2GifException {
        int device = CudaSettings.device(config);
        Availability a = CudaProbe.availability(device);
        if (!a.available()) {
            throw new ProviderUnavailableException("The scorer \"cuda\" cannot run here: " + a.reason());
        }
        Path file = CudaSettings.path(config, CudaSettings.HEAD_KEY, "the cuda scorer");
        List<NdArray> arrays = PaperScoreHead.readArrays(file, -1);
        List<GpuMlp.Layer> layers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            NdArray w = arrays.get(2 * i);
            layers.add(new GpuMlp.Layer(w.dim(0), w.dim(1), w.data(), arrays.get(2 * i + 1).data()));
        }
        GpuMlp mlp = new GpuMlp(layers, device, 4096);
        return new MlpScorer(mlp);
    }

    /** Scores pooled features with the GPU MLP; non-finite scores are mapped to the extremes. */
    static final class MlpScorer implements Scorer {
        private final GpuMlp mlp;

        MlpScorer(GpuMlp mlp) {
            this.mlp = mlp;
        }

        @Override
        public int dimension() {
            return mlp.inputDimension();
        }

        @Override
        public Optional<String> featureExtractor() {
            return Optional.of("cuda");
        }

        @Override
        public double[] score(float[][] features) {
            double[] s = mlp.score(features);
            for (int i = 0; i < s.length; i++) {
                if (Double.isNaN(s[i]) || s[i] == Double.NEGATIVE_INFINITY) {
                    s[i] = -Double.MAX_VALUE;
                } else if (s[i] == Double.POSITIVE_INFINITY) {
                    s[i] = Double.MAX_VALUE;
                }
            }
            return s;
        }
    }
}
