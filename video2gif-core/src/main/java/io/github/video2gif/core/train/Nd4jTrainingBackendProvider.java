package io.github.video2gif.core.train;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.spi.Availability;

/**
 * The {@code cpu} training backend: {@link RankNetSgd} on ND4J's native CPU library (loaded on first use, not
 * by the probe).
 */
public final class Nd4jTrainingBackendProvider implements TrainingBackendProvider {
    /** Below the GPU's. */
    public static final int PRIORITY = 10;

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public String description() {
        return "RankNet training on the CPU with ND4J";
    }

    /** Whether ND4J is on the class path; does not load it. */
    @Override
    public Availability probe() {
        ClassLoader cl = Nd4jTrainingBackendProvider.class.getClassLoader();
        if (cl != null && cl.getResource("org/nd4j/linalg/factory/Nd4j.class") == null) {
            return Availability.no("ND4J (org.nd4j:nd4j-native) is not on the class path");
        }
        return Availability.yes();
    }

    @Override
    public TrainingBackend create(Config config) {
        return new Nd4jTrainingBackend();
    }
}
