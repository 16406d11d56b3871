package io.github.video2gif.api.spi;

import io.github.video2gif.api.Config;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds providers with {@link ServiceLoader} and chooses one by the project's selection rules:
 * <ol>
 *   <li>a name chosen in code (the builder);</li>
 *   <li>the system property {@code video2gif.<kind>};</li>
 *   <li>the environment variable {@code VIDEO2GIF_<KIND>};</li>
 *   <li>otherwise the available provider with the highest {@link Provider#priority()}, ties broken by name
 *       (never by class-path order).</li>
 * </ol>
 * A named provider that does not exist fails with the list of known names; a named provider that is
 * unavailable fails with its probe's reason. In automatic mode unavailable providers are skipped, and that is
 * said once at INFO. A provider that fails to load is logged and skipped; it never breaks the others.
 */
public final class Providers {
    private static final System.Logger LOG = System.getLogger(Providers.class.getName());
    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

    private Providers() {
    }

    /**
     * Every provider of a kind visible to the thread's context class loader (or this class's loader), sorted
     * by priority (highest first), then name. Duplicate names keep the one with the higher priority.
     */
    public static <P extends Provider<?>> List<P> all(ProviderKind<P> kind) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        if (cl == null) {
            cl = Providers.class.getClassLoader();
        }
        return all(kind, cl);
    }

    /** Like {@link #all(ProviderKind)} with an explicit class loader. */
    public static <P extends Provider<?>> List<P> all(ProviderKind<P> kind, ClassLoader loader) {
        List<P> found = new ArrayList<>();
        Iterator<P> it = ServiceLoader.load(kind.type(), loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                P p = it.next();
                String name = p.name();
                if (name == null || !name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                    LOG.log(Level.WARNING, "video2gif: skipping " + kind + " provider " + p.getClass().getName()
                            + ": bad name \"" + name + "\" (lower-case words joined by dashes)");
                    continue;
                }
                found.add(p);
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "video2gif: skipping a " + kind + " provider that failed to load: " + e, e);
            }
        }
        return sorted(kind, found);
    }

    /** Sorts by priority then name and drops duplicate names (the first of a name in that order wins). */
    public static <P extends Provider<?>> List<P> sorted(ProviderKind<P> kind, List<P> providers) {
        List<P> list = new ArrayList<>(providers);
        list.sort(Comparator.comparingInt((P p) -> p.priority()).reversed()
                .thenComparing(p -> p.name())
                .thenComparing(p -> p.getClass().getName()));
        Map<String, P> byName = new LinkedHashMap<>();
        for (P p : list) {
            P prior = byName.putIfAbsent(p.name(), p);
            if (prior != null) {
                LOG.log(Level.WARNING, "video2gif: two " + kind + " providers are named \"" + p.name() + "\": using "
                        + prior.getClass().getName() + ", ignoring " + p.getClass().getName());
            }
        }
        return List.copyOf(byName.values());
    }

    /** Selects a provider of a kind from those on the class path. */
    public static <P extends Provider<?>> Selection<P> select(ProviderKind<P> kind, String explicitName,
                                                              Config config) {
        return select(kind, all(kind), explicitName, config);
    }

    /**
     * Selects among the given providers (already sorted by {@link #sorted}).
     *
     * @param explicitName a name chosen in code, or {@code null}
     * @throws NoSuchProviderException      when a chosen name is unknown
     * @throws ProviderUnavailableException when a chosen provider is unavailable, or none is available
     */
    public static <P extends Provider<?>> Selection<P> select(ProviderKind<P> kind, List<P> providers,
                                                              String explicitName, Config config) {
        String name = explicitName;
        String source = "chosen in code";
        if (name == null) {
            Optional<Config.Setting> s = config.find(kind.key());
            if (s.isPresent()) {
                name = s.get().value();
                source = s.get().source();
            }
        }
        if (name != null) {
            for (P p : providers) {
                if (p.name().equals(name)) {
                    Availability a = safeProbe(p);
                    if (!a.available()) {
                        throw new ProviderUnavailableException("The " + kind + " \"" + name + "\" (" + source
                                + ") is unavailable here: " + a.reason());
                    }
                    return new Selection<>(p, source);
                }
            }
            List<String> names = providers.stream().map(Provider::name).toList();
            throw new NoSuchProviderException("Unknown " + kind + " \"" + name + "\" (" + source + "); known: "
                    + (names.isEmpty() ? "none (add " + kind.defaultModule() + " to the class path)"
                    : String.join(", ", names)), names);
        }
        List<String> skipped = new ArrayList<>();
        for (P p : providers) {
            Availability a = safeProbe(p);
            if (a.available()) {
                if (!skipped.isEmpty() && ANNOUNCED.add(kind + ":" + p.name() + ":" + skipped)) {
                    LOG.log(Level.INFO, "video2gif: " + String.join("; ", skipped) + "; using " + kind + " \""
                            + p.name() + "\"");
                }
                return new Selection<>(p, "automatic (highest priority available)");
            }
            skipped.add(kind + " \"" + p.name() + "\" unavailable (" + a.reason() + ")");
        }
        if (providers.isEmpty()) {
            throw new ProviderUnavailableException("No " + kind + " provider found on the class path: add "
                    + "io.github.video2gif:" + kind.defaultModule() + " to the dependencies");
        }
        throw new ProviderUnavailableException("No " + kind + " provider is available: " + String.join("; ", skipped));
    }

    private static Availability safeProbe(Provider<?> p) {
        try {
            Availability a = p.probe();
            return a == null ? Availability.no("probe() returned null") : a;
        } catch (RuntimeException | LinkageError e) {
            return Availability.no("probe() failed: " + e);
        }
    }

    /**
     * A chosen provider and why it was chosen.
     *
     * @param provider the provider
     * @param source   how it was chosen ("chosen in code", "system property video2gif.scorer", "automatic ...")
     */
    public record Selection<P extends Provider<?>>(P provider, String source) {
    }
}
