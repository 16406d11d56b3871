package io.github.video2gif.core.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ND4J takes seconds to start: nothing of it may load unless a model is used. Discovery, probing and the model
 * file are checked in a fresh class loader that records every class it is asked for.
 */
class LazyNd4jTest {
    @TempDir
    Path dir;

    /** Loads every class of the class path itself (child first) and records the names. */
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

    private static URL[] classPath() throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String s : cp.split(File.pathSeparator)) {
            if (!s.isBlank()) {
                urls.add(Path.of(s).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    @Test
    void discoveryProbingAndModelFilesNeverTouchNd4j() throws Exception {
        Path model = dir.resolve("m.v2g");
        RankNetModelFileTest.smallModel(2, true).save(model);
        try (RecordingLoader loader = new RecordingLoader(classPath())) {
            Class<?> kinds = Class.forName("io.github.video2gif.api.spi.ScorerProvider", true, loader);
            Object kind = kinds.getField("KIND").get(null);
            Class<?> providers = Class.forName("io.github.video2gif.api.spi.Providers", true, loader);
            Class<?> kindType = Class.forName("io.github.video2gif.api.spi.ProviderKind", true, loader);
            List<?> all = (List<?>) providers.getMethod("all", kindType, ClassLoader.class).invoke(null, kind, loader);
            boolean found = false;
            for (Object p : all) {
                Method name = p.getClass().getMethod("name");
                name.setAccessible(true);
                if ("ranknet".equals(name.invoke(p))) {
                    found = true;
                    p.getClass().getMethod("priority").invoke(p);
                    p.getClass().getMethod("description").invoke(p);
                    p.getClass().getMethod("probe").invoke(p);
                }
            }
            assertThat(found).as("ranknet provider found by ServiceLoader").isTrue();
            Class<?> modelClass = Class.forName("io.github.video2gif.core.rank.RankNetModel", true, loader);
            Object m = modelClass.getMethod("load", Path.class).invoke(null, model);
            modelClass.getMethod("score", float[].class).invoke(m, (Object) new float[7]);
            modelClass.getMethod("save", Path.class).invoke(m, dir.resolve("again.v2g"));

            assertThat(loader.seen).contains("io.github.video2gif.core.rank.RankNetScorerProvider",
                    "io.github.video2gif.core.rank.RankNetModel");
            assertThat(loader.seen).noneMatch(n -> n.startsWith("org.nd4j") || n.startsWith("org.bytedeco"));
            // the recorder would have seen it: ND4J is on this class path
            assertThat(loader.getResource("org/nd4j/linalg/factory/Nd4j.class")).isNotNull();
        }
    }

    @Test
    void trainingOnABackendOtherThanTheCpusNeverTouchesNd4j() throws Exception {
        try (RecordingLoader loader = new RecordingLoader(classPath())) {
            Class<?> run = Class.forName("io.github.video2gif.core.train.TrainingWithoutNd4j", true, loader);
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(loader); // ServiceLoader looks there
            double loss;
            try {
                loss = (double) run.getMethod("run").invoke(null);
            } finally {
                Thread.currentThread().setContextClassLoader(context);
            }
            assertThat(loss).isFinite().isPositive();
            assertThat(loader.seen).contains("io.github.video2gif.core.train.RankNetTrainer",
                    "io.github.video2gif.core.train.SplitMixStream",
                    "io.github.video2gif.core.train.Nd4jTrainingBackendProvider");
            assertThat(loader.seen).noneMatch(n -> n.startsWith("org.nd4j") || n.startsWith("org.bytedeco")
                    || n.equals("io.github.video2gif.core.train.RankNetSgd"));
        }
    }
}
