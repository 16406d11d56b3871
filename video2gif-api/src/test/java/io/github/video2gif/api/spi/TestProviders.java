package io.github.video2gif.api.spi;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.Scorer;
import java.util.Optional;

/** Scorer providers registered in this module's test META-INF/services, for discovery tests. */
final class TestProviders {
    private TestProviders() {
    }

    abstract static class Base implements ScorerProvider {
        private final String name;
        private final int priority;
        private final Availability availability;

        Base(String name, int priority, Availability availability) {
            this.name = name;
            this.priority = priority;
            this.availability = availability;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public Availability probe() {
            return availability;
        }

        @Override
        public Scorer create(Config config) {
            return new Scorer() {
                @Override
                public int dimension() {
                    return -1;
                }

                @Override
                public Optional<String> featureExtractor() {
                    return Optional.empty();
                }

                @Override
                public double[] score(float[][] features) {
                    return new double[features.length];
                }
            };
        }
    }

    /** Highest priority but never available (like a GPU provider on a machine without a GPU). */
    public static final class Gpu extends Base {
        public Gpu() {
            super("gpu", 500, Availability.no("no GPU in this test"));
        }
    }

    public static final class Alpha extends Base {
        public Alpha() {
            super("alpha", 100, Availability.yes());
        }
    }

    /** Same priority as alpha: the name decides, never the class-path order. */
    public static final class Beta extends Base {
        public Beta() {
            super("beta", 100, Availability.yes());
        }
    }

    public static final class Low extends Base {
        public Low() {
            super("low", 1, Availability.yes());
        }
    }

    /** Throws while being instantiated: must be logged and skipped. */
    public static final class Broken extends Base {
        public Broken() {
            super("broken", 1000, Availability.yes());
            throw new IllegalStateException("this provider cannot load");
        }
    }

    /** Its probe throws: treated as unavailable. */
    public static final class BadProbe extends Base {
        public BadProbe() {
            super("bad-probe", 900, Availability.yes());
        }

        @Override
        public Availability probe() {
            throw new UnsupportedOperationException("probe exploded");
        }
    }
}
