package io.github.video2gif.cuda;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.FeatureExtractorProvider;
import io.github.video2gif.api.spi.ProviderUnavailableException;
import io.github.video2gif.api.spi.Providers;
import io.github.video2gif.api.spi.ScorerProvider;
import io.github.video2gif.core.c3d.C3dFeatureExtractorProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The {@code cuda} providers: found by ServiceLoader, chosen over the CPU when a GPU can run, skipped (with the
 * reason) when none can, and a clear failure when asked for by name without a GPU.
 */
class CudaProvidersTest {
    private static final String[] PROPERTIES = {"video2gif.c3d.weights", "video2gif.c3d.mean", "video2gif.c3d.head",
        "video2gif.feature-extractor"};
    private final Map<String, String> saved = new java.util.HashMap<>();
    @TempDir
    Path dir;
    private Path weights;
    private Path mean;

    @BeforeEach
    void files() throws IOException {
        for (String p : PROPERTIES) {
            saved.put(p, System.getProperty(p));
            System.clearProperty(p);
        }
        // the probes only check that the files are readable; create() would read them
        weights = Files.writeString(dir.resolve("c3d_model.pkl"), "x");
        mean = Files.writeString(dir.resolve("snipplet_mean.npy"), "x");
    }

    @AfterEach
    void restore() {
        for (String p : PROPERTIES) {
            if (saved.get(p) == null) {
                System.clearProperty(p);
            } else {
                System.setProperty(p, saved.get(p));
            }
        }
    }

    private void configureC3dFiles() {
        System.setProperty("video2gif.c3d.weights", weights.toString());
        System.setProperty("video2gif.c3d.mean", mean.toString());
    }

    @Test
    void bothProvidersAreDiscoverableByServiceLoader() {
        List<FeatureExtractorProvider> fx = Providers.all(FeatureExtractorProvider.KIND);
        assertThat(fx).extracting(p -> p.name()).contains("cuda", "c3d");
        FeatureExtractorProvider cuda = fx.stream().filter(p -> p.name().equals("cuda")).findFirst().orElseThrow();
        assertThat(cuda).isInstanceOf(CudaFeatureExtractorProvider.class);
        assertThat(cuda.priority()).isGreaterThan(new C3dFeatureExtractorProvider().priority());
        List<ScorerProvider> scorers = Providers.all(ScorerProvider.KIND);
        assertThat(scorers).extracting(p -> p.name()).contains("cuda");
    }

    @Test
    void probesNeverThrowAndNameTheMissingSettingsFirst() {
        Availability fx = new CudaFeatureExtractorProvider().probe();
        assertThat(fx.available()).isFalse();
        assertThat(fx.reason()).contains("video2gif.c3d.weights").contains("VIDEO2GIF_C3D_MEAN");
        Availability scorer = new CudaScorerProvider().probe();
        assertThat(scorer.available()).isFalse();
        assertThat(scorer.reason()).contains("video2gif.c3d.head");
        Availability bad = CudaFeatureExtractorProvider.probe(Config.of(Map.of("c3d.weights", weights.toString(),
                "c3d.mean", dir.resolve("missing.npy").toString()), k -> null, k -> null));
        assertThat(bad.reason()).contains("is not a readable file");
        Availability badDevice = CudaFeatureExtractorProvider.probe(Config.of(Map.of("c3d.weights",
                weights.toString(), "c3d.mean", mean.toString(), "cuda.device", "x"), k -> null, k -> null));
        assertThat(badDevice.available()).isFalse();
        assertThat(badDevice.reason()).contains("cuda.device");
    }

    @Test
    void withTheFilesTheProbeIsTheGpuProbe() {
        configureC3dFiles();
        assertThat(new CudaFeatureExtractorProvider().probe()).isEqualTo(CudaProbe.availability(0));
    }

    @Test
    void automaticSelectionPrefersTheGpuAndFallsBackToTheCpu() {
        configureC3dFiles();
        List<FeatureExtractorProvider> c3dFamily = Providers.all(FeatureExtractorProvider.KIND).stream()
                .filter(p -> Set.of("cuda", "c3d").contains(p.name())).toList();
        Providers.Selection<FeatureExtractorProvider> s = Providers.select(FeatureExtractorProvider.KIND, c3dFamily,
                null, Config.of(Map.of(), k -> null, k -> null));
        String expected = CudaProbe.availability(0).available() ? "cuda" : "c3d";
        assertThat(s.provider().name()).isEqualTo(expected);
        assertThat(s.source()).startsWith("automatic");
    }

    @Test
    void anExplicitCudaRequestWithoutAGpuFailsWithTheProbesReason() {
        Availability gpu = CudaProbe.availability(0);
        assumeFalse(gpu.available(), "this machine has a usable GPU");
        configureC3dFiles();
        assertThatThrownBy(() -> Providers.select(FeatureExtractorProvider.KIND, "cuda",
                Config.of(Map.of(), k -> null, k -> null)))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("The feature-extractor \"cuda\" (chosen in code) is unavailable here: " + gpu.reason());
        System.setProperty("video2gif.feature-extractor", "cuda");
        assertThatThrownBy(() -> Providers.select(FeatureExtractorProvider.KIND, null, Config.defaults()))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("system property video2gif.feature-extractor")
                .hasMessageContaining(gpu.reason());
    }

    @Test
    void creatingWithoutAGpuFailsClearlyBeforeReadingAnyFile() {
        Availability gpu = CudaProbe.availability(0);
        assumeFalse(gpu.available(), "this machine has a usable GPU");
        Config config = Config.of(Map.of("c3d.weights", weights.toString(), "c3d.mean", mean.toString(),
                "c3d.head", weights.toString()), k -> null, k -> null);
        assertThatThrownBy(() -> new CudaFeatureExtractorProvider().create(config))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("The feature extractor \"cuda\" cannot run here: " + gpu.reason());
        assertThatThrownBy(() -> new CudaScorerProvider().create(config))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessage("The scorer \"cuda\" cannot run here: " + gpu.reason());
    }
}
