package io.github.video2gif.core.c3d;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.FeatureExtractor;
import io.github.video2gif.api.spi.FeatureExtractorProvider;
import io.github.video2gif.api.spi.Providers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class C3dProviderTest {
    @TempDir
    Path dir;

    @Test
    void foundByServiceLoaderAndUnavailableWithoutWeights() {
        FeatureExtractorProvider p = Providers.all(FeatureExtractorProvider.KIND).stream()
                .filter(x -> x.name().equals("c3d")).findFirst().orElseThrow();
        Config none = Config.of(Map.of(), k -> null, k -> null);
        assertThat(C3dFeatureExtractorProvider.probe(none).available()).isFalse();
        assertThat(C3dFeatureExtractorProvider.probe(none).reason()).contains("video2gif.c3d.weights")
                .contains("VIDEO2GIF_C3D_MEAN");
        Config missing = Config.of(Map.of("c3d.weights", dir.resolve("x.pkl").toString(), "c3d.mean",
                dir.resolve("m.npy").toString()), k -> null, k -> null);
        assertThat(C3dFeatureExtractorProvider.probe(missing).reason()).contains("not a readable file");
        assertThat(p.probe()).isNotNull();
        assertThatThrownBy(() -> p.create(none)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("c3d.weights");
    }

    @Test
    void createsAWorkingExtractorFromSettings() throws Exception {
        Path mean = TinyModel.writeMean(dir);
        Config c = Config.of(Map.of("c3d.weights", TinyModel.pickle().toString(), "c3d.mean", mean.toString(),
                "c3d.mirror", "true", "c3d.batch", "2"), k -> null, k -> null);
        assertThat(C3dFeatureExtractorProvider.probe(c).available()).isTrue();
        FeatureExtractor fx = new C3dFeatureExtractorProvider().create(c);
        assertThat(fx.dimension()).isEqualTo(16);
        assertThat(C3dParityTest.run(fx, 16).units()).isEqualTo(1);
        Config bad = c.with("c3d.resize", "nearest");
        assertThatThrownBy(() -> new C3dFeatureExtractorProvider().create(bad))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c3d.resize");
    }

    /** Loads every class of the class path itself (child first) and records what it is asked for. */
    static final class RecordingLoader extends URLClassLoader {
        final Set<String> seen = ConcurrentHashMap.newKeySet();

        RecordingLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            seen.add(name);
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void discoveryProbingAndReadingWeightsNeverLoadNd4j() throws Exception {
        List<URL> urls = new ArrayList<>();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String s : cp.split(File.pathSeparator)) {
            if (!s.isBlank()) {
                urls.add(Path.of(s).toUri().toURL());
            }
        }
        Path mean = TinyModel.writeMean(dir);
        try (RecordingLoader loader = new RecordingLoader(urls.toArray(URL[]::new))) {
            Class<?> kindHolder = Class.forName("io.github.video2gif.api.spi.FeatureExtractorProvider", true, loader);
            Object kind = kindHolder.getField("KIND").get(null);
            Class<?> providers = Class.forName("io.github.video2gif.api.spi.Providers", true, loader);
            Class<?> kindType = Class.forName("io.github.video2gif.api.spi.ProviderKind", true, loader);
            List<?> all = (List<?>) providers.getMethod("all", kindType, ClassLoader.class).invoke(null, kind, loader);
            boolean found = false;
            for (Object p : all) {
                Method name = p.getClass().getMethod("name");
                if ("c3d".equals(name.invoke(p))) {
                    found = true;
                    p.getClass().getMethod("probe").invoke(p);
                    p.getClass().getMethod("description").invoke(p);
                }
            }
            assertThat(found).isTrue();
            // reading and checking the released file formats is plain Java too
            Class<?> weights = Class.forName("io.github.video2gif.core.c3d.C3dWeights", true, loader);
            weights.getMethod("readPickle", Path.class).invoke(null, TinyModel.pickle());
            Class<?> meanClass = Class.forName("io.github.video2gif.core.c3d.SnippetMean", true, loader);
            meanClass.getMethod("read", Path.class).invoke(null, mean);
            assertThat(loader.seen).contains("io.github.video2gif.core.c3d.C3dFeatureExtractorProvider");
            assertThat(loader.seen).noneMatch(n -> n.startsWith("org.nd4j") || n.startsWith("org.bytedeco"));
            assertThat(loader.getResource("org/nd4j/linalg/factory/Nd4j.class")).isNotNull();
        }
    }
}
