package io.github.video2gif.api;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Settings, read in one place with one precedence: values set in code (the builder), then the system property
 * {@code video2gif.<key>}, then the environment variable {@code VIDEO2GIF_<KEY>} (upper case, dots and dashes
 * as underscores), then the default given by the caller. Immutable.
 *
 * <p>Keys are dotted lower-case words, for example {@code segmenter.min-seconds}.
 */
public final class Config {
    private static final Config EMPTY = new Config(Map.of(), System::getProperty, System::getenv);

    private final Map<String, String> explicit;
    private final Function<String, String> properties;
    private final Function<String, String> environment;

    private Config(Map<String, String> explicit, Function<String, String> properties,
                   Function<String, String> environment) {
        this.explicit = Map.copyOf(explicit);
        this.properties = properties;
        this.environment = environment;
    }

    /** Settings from system properties and the environment only. */
    public static Config defaults() {
        return EMPTY;
    }

    /** Settings with explicit values over system properties and the environment. */
    public static Config of(Map<String, String> explicit) {
        return new Config(explicit, System::getProperty, System::getenv);
    }

    /** For tests: explicit values over the given property and environment look-ups. */
    public static Config of(Map<String, String> explicit, Function<String, String> properties,
                            Function<String, String> environment) {
        return new Config(explicit, Objects.requireNonNull(properties), Objects.requireNonNull(environment));
    }

    /** A copy with one more explicit value. */
    public Config with(String key, String value) {
        Map<String, String> m = new TreeMap<>(explicit);
        m.put(checkKey(key), Objects.requireNonNull(value, "value"));
        return new Config(m, properties, environment);
    }

    /** The explicit values only. */
    public Map<String, String> explicitValues() {
        return explicit;
    }

    /** The system property name for a key. */
    public static String propertyName(String key) {
        return "video2gif." + checkKey(key);
    }

    /** The environment variable name for a key. */
    public static String environmentName(String key) {
        return "VIDEO2GIF_" + checkKey(key).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The raw value and where it came from, if set anywhere. */
    public Optional<Setting> find(String key) {
        String k = checkKey(key);
        String v = explicit.get(k);
        if (v != null) {
            return Optional.of(new Setting(k, v, "option " + k));
        }
        v = properties.apply(propertyName(k));
        if (v != null && !v.isBlank()) {
            return Optional.of(new Setting(k, v.trim(), "system property " + propertyName(k)));
        }
        v = environment.apply(environmentName(k));
        if (v != null && !v.isBlank()) {
            return Optional.of(new Setting(k, v.trim(), "environment variable " + environmentName(k)));
        }
        return Optional.empty();
    }

    public Optional<String> string(String key) {
        return find(key).map(Setting::value);
    }

    public String string(String key, String defaultValue) {
        return string(key).orElse(defaultValue);
    }

    /** A number in {@code [min, max]}; a malformed or out-of-range value fails naming its source. */
    public double number(String key, double defaultValue, double min, double max) {
        Optional<Setting> s = find(key);
        if (s.isEmpty()) {
            return defaultValue;
        }
        double v;
        try {
            v = Double.parseDouble(s.get().value());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(s.get().source() + " must be a number, was \"" + s.get().value() + "\"");
        }
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(s.get().source() + " must be in [" + min + ", " + max + "], was " + v);
        }
        return v;
    }

    /** A whole number in {@code [min, max]}. */
    public int integer(String key, int defaultValue, int min, int max) {
        Optional<Setting> s = find(key);
        if (s.isEmpty()) {
            return defaultValue;
        }
        int v;
        try {
            v = Integer.parseInt(s.get().value());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(s.get().source() + " must be a whole number, was \""
                    + s.get().value() + "\"");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(s.get().source() + " must be in [" + min + ", " + max + "], was " + v);
        }
        return v;
    }

    /** {@code true}/{@code false} (also yes/no, 1/0). */
    public boolean flag(String key, boolean defaultValue) {
        Optional<Setting> s = find(key);
        if (s.isEmpty()) {
            return defaultValue;
        }
        return switch (s.get().value().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException(s.get().source() + " must be true or false, was \""
                    + s.get().value() + "\"");
        };
    }

    private static String checkKey(String key) {
        Objects.requireNonNull(key, "key");
        if (!key.matches("[a-z0-9]+([.-][a-z0-9]+)*")) {
            throw new IllegalArgumentException("bad config key \"" + key + "\": use dotted lower-case words");
        }
        return key;
    }

    /**
     * A value and its source.
     *
     * @param key    the key
     * @param value  the raw value
     * @param source where it came from, for messages ("option x", "system property video2gif.x", ...)
     */
    public record Setting(String key, String value, String source) {
    }
}
