package io.github.video2gif.api.spi;

import java.util.List;

/** A provider was asked for by a name that no provider on the class path has. */
public class NoSuchProviderException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<String> knownNames;

    public NoSuchProviderException(String message, List<String> knownNames) {
        super(message);
        this.knownNames = List.copyOf(knownNames);
    }

    /** The names that are known for that kind. */
    public List<String> knownNames() {
        return knownNames;
    }
}
