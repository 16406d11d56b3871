package io.github.video2gif.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.video2gif.api.Config;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvidersTest {
    /**
     * The test providers are registered under test-classes/discovery, not on the class path itself, so that
     * modules using this module's test classes do not see them.
     */
    private static final ClassLoader LOADER = discoveryLoader();

    private static ClassLoader discoveryLoader() {
        try {
            java.net.URL dir = ProvidersTest.class.getResource("/discovery/");
            return new java.net.URLClassLoader(new java.net.URL[] {dir}, ProvidersTest.class.getClassLoader());
        } catch (RuntimeException e) {
            throw new IllegalStateException("test resources missing", e);
        }
    }

    private static List<ScorerProvider> scorers() {
        return Providers.all(ScorerProvider.KIND, LOADER);
    }
    private static Config config(Map<String, String> explicit, Map<String, String> props, Map<String, String> env) {
        return Config.of(explicit, props::get, env::get);
    }

    private static Config none() {
        return config(Map.of(), Map.of(), Map.of());
    }

    @Test
    void findsEveryLoadableProviderSortedByPriorityThenNameAndSkipsBrokenOnes() {
        List<ScorerProvider> all = scorers();
        assertThat(all).extracting(Provider::name).containsExactly("bad-probe", "gpu", "alpha", "beta", "low");
    }

    @Test
    void automaticSelectionSkipsUnavailableProvidersAndBreaksTiesByName() {
        Providers.Selection<ScorerProvider> s = Providers.select(ScorerProvider.KIND, scorers(), null, none());
        assertThat(s.provider().name()).isEqualTo("alpha");
        assertThat(s.source()).startsWith("automatic");
    }

    @Test
    void explicitNameWinsOverPropertyWhichWinsOverEnvironment() {
        Config c = config(Map.of(), Map.of("video2gif.scorer", "low"), Map.of("VIDEO2GIF_SCORER", "beta"));
        assertThat(Providers.select(ScorerProvider.KIND, scorers(), "beta", c).provider().name()).isEqualTo("beta");
        assertThat(Providers.select(ScorerProvider.KIND, scorers(), null, c).provider().name()).isEqualTo("low");
        assertThat(Providers.select(ScorerProvider.KIND, scorers(), null, c).source()).isEqualTo("system property video2gif.scorer");
        Config envOnly = config(Map.of(), Map.of(), Map.of("VIDEO2GIF_SCORER", "beta"));
        assertThat(Providers.select(ScorerProvider.KIND, scorers(), null, envOnly).provider().name()).isEqualTo("beta");
        assertThat(Providers.select(ScorerProvider.KIND, scorers(), null, envOnly).source())
                .isEqualTo("environment variable VIDEO2GIF_SCORER");
    }

    @Test
    void unknownNameFailsWithTheKnownNames() {
        assertThatThrownBy(() -> Providers.select(ScorerProvider.KIND, scorers(), "bogus", none()))
                .isInstanceOf(NoSuchProviderException.class)
                .hasMessageContaining("Unknown scorer \"bogus\"")
                .hasMessageContaining("known: bad-probe, gpu, alpha, beta, low")
                .satisfies(e -> assertThat(((NoSuchProviderException) e).knownNames()).contains("alpha", "low"));
    }

    @Test
    void explicitlyRequestedUnavailableProviderFailsWithItsReason() {
        assertThatThrownBy(() -> Providers.select(ScorerProvider.KIND, scorers(), "gpu", none()))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("\"gpu\"")
                .hasMessageContaining("no GPU in this test");
        assertThatThrownBy(() -> Providers.select(ScorerProvider.KIND, scorers(), "bad-probe", none()))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("probe exploded");
    }

    @Test
    void noProviderAtAllNamesTheModuleToAdd() {
        assertThat(Providers.all(SegmenterProvider.KIND)).isEmpty();
        assertThatThrownBy(() -> Providers.select(SegmenterProvider.KIND, null, none()))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("No segmenter provider found")
                .hasMessageContaining("io.github.video2gif:video2gif-core");
    }

    @Test
    void orderDoesNotDependOnInputOrder() {
        List<ScorerProvider> a = List.of(new TestProviders.Low(), new TestProviders.Beta(), new TestProviders.Alpha());
        List<ScorerProvider> b = List.of(new TestProviders.Alpha(), new TestProviders.Low(), new TestProviders.Beta());
        assertThat(Providers.sorted(ScorerProvider.KIND, a)).extracting(Provider::name)
                .containsExactly("alpha", "beta", "low");
        assertThat(Providers.sorted(ScorerProvider.KIND, b)).extracting(Provider::name)
                .containsExactly("alpha", "beta", "low");
    }

    @Test
    void noneAvailableSaysWhyForEach() {
        List<ScorerProvider> only = List.of(new TestProviders.Gpu());
        assertThatThrownBy(() -> Providers.select(ScorerProvider.KIND, only, null, none()))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("no GPU in this test");
    }
}
