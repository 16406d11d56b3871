package io.github.video2gif.api.spi;

/**
 * No provider of a kind can work: none is on the class path, or the one asked for by name says it is
 * unavailable here (for example {@code cuda} without a GPU). The message says why and what to do.
 */
public class ProviderUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ProviderUnavailableException(String message) {
        super(message);
    }
}
