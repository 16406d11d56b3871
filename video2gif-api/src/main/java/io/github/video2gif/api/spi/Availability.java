package io.github.video2gif.api.spi;

import java.util.Objects;

/**
 * Whether a provider can work on this machine, and if not, why.
 *
 * @param available whether {@code create} is expected to succeed
 * @param reason    why not (empty when available)
 */
public record Availability(boolean available, String reason) {
    private static final Availability YES = new Availability(true, "");

    public Availability {
        Objects.requireNonNull(reason, "reason");
        if (!available && reason.isBlank()) {
            throw new IllegalArgumentException("an unavailable provider must say why");
        }
    }

    public static Availability yes() {
        return YES;
    }

    public static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
