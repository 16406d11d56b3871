package io.github.video2gif.ffmpeg.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line arguments: positional words, {@code --name value} / {@code --name=value} options (some
 * repeatable), and flags. Unknown or malformed options are usage errors ({@link UsageException}).
 */
final class Args {
    private final List<String> positional = new ArrayList<>();
    private final Map<String, List<String>> options = new LinkedHashMap<>();

    /**
     * @param valued options that take a value (without the dashes)
     * @param flags  options that take none
     */
    static Args parse(List<String> words, Set<String> valued, Set<String> flags) {
        Args a = new Args();
        boolean onlyPositional = false;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (onlyPositional || !w.startsWith("-") || w.equals("-")) {
                a.positional.add(w);
                continue;
            }
            if (w.equals("--")) {
                onlyPositional = true;
                continue;
            }
            String name = w.startsWith("--") ? w.substring(2) : w.substring(1);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (name.equals("o")) {
                name = "output";
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                a.options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= words.size()) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = words.get(++i);
                }
                a.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                throw new UsageException("unknown option " + w);
            }
        }
        return a;
    }

    List<String> positional() {
        return positional;
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    String string(String name) {
        List<String> v = options.get(name);
        if (v == null) {
            return null;
        }
        if (v.size() > 1) {
            throw new UsageException("--" + name + " given more than once");
        }
        return v.get(0);
    }

    List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    int integer(String name, int defaultValue, int min, int max) {
        String s = string(name);
        if (s == null) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(s.trim());
            if (v < min || v > max) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max + ", was " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, was \"" + s + "\"");
        }
    }

    double number(String name, double defaultValue, double min, double max) {
        String s = string(name);
        if (s == null) {
            return defaultValue;
        }
        try {
            double v = Double.parseDouble(s.trim());
            if (!(v >= min && v <= max)) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max + ", was " + s);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, was \"" + s + "\"");
        }
    }

    double requiredNumber(String name, double min, double max) {
        if (string(name) == null) {
            throw new UsageException("--" + name + " is required");
        }
        return number(name, 0, min, max);
    }

    /** A usage mistake: exit code 2, one line. */
    static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
