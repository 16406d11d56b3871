package io.github.video2gif.core.train;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.NoSuchProviderException;
import io.github.video2gif.api.spi.ProviderUnavailableException;
import io.github.video2gif.api.spi.Providers;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Chooses the {@link TrainingBackend}: {@code auto} takes the available backend of highest priority (the GPU's
 * {@code cuda} where {@code video2gif-cuda} is on the class path and a GPU can run it, else {@code cpu}; a
 * backend passed over is said once at INFO with its reason); a name takes that backend or fails, naming the known
 * ones for an unknown name and the probe's reason for an unavailable one.
 */
public final class TrainingBackends {
    /** The automatic choice. */
    public static final String AUTO = "auto";
    /** The setting that gives {@link TrainerConfig#device()} its default. */
    public static final String SETTING = TrainingBackendProvider.KIND.key();

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Config NO_SETTINGS = Config.of(Map.of(), k -> null, k -> null);

    private TrainingBackends() {
    }

    /** Whether {@code device} is {@code auto} or could name a provider (lower-case words joined by dashes). */
    static boolean validName(String device) {
        return device != null && NAME.matcher(device).matches();
    }

    /**
     * The backend for {@code device}.
     *
     * @param device {@code auto}, {@code cpu}, {@code cuda}, or another provider's name
     * @param config the backend's own settings (for example {@code cuda.device})
     * @throws NoSuchProviderException      for an unknown name, listing the known ones
     * @throws ProviderUnavailableException when the named backend cannot run here, with its probe's reason (or,
     *                                      for {@code auto}, when none can)
     * @throws Video2GifException           when the backend fails to start
     */
    public static TrainingBackend select(String device, Config config) throws Video2GifException {
        return select(device, config, Providers.all(TrainingBackendProvider.KIND));
    }

    /** Like {@link #select(String, Config)} among the given providers (tests). */
    static TrainingBackend select(String device, Config config, List<TrainingBackendProvider> providers)
            throws Video2GifException {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(config, "config");
        if (!validName(device)) {
            throw new IllegalArgumentException("a training device is auto or a backend name such as cpu or cuda, was \""
                    + device + "\"");
        }
        List<TrainingBackendProvider> sorted = Providers.sorted(TrainingBackendProvider.KIND, providers);
        if (AUTO.equals(device)) {
            // the highest-priority available one; the ones passed over are said once at INFO
            return Providers.select(TrainingBackendProvider.KIND, sorted, null, NO_SETTINGS).provider().create(config);
        }
        for (TrainingBackendProvider p : sorted) {
            if (p.name().equals(device)) {
                Availability a;
                try {
                    a = p.probe();
                } catch (RuntimeException | LinkageError e) {
                    a = Availability.no("its probe failed: " + e);
                }
                if (a == null || !a.available()) {
                    throw new ProviderUnavailableException("Training on \"" + device + "\" is unavailable here: "
                            + (a == null ? "its probe gave no answer" : a.reason()));
                }
                return p.create(config);
            }
        }
        List<String> names = sorted.stream().map(TrainingBackendProvider::name).toList();
        throw new NoSuchProviderException("Unknown training device \"" + device + "\"; known: auto"
                + (names.isEmpty() ? "" : ", " + String.join(", ", names)), names);
    }
}
