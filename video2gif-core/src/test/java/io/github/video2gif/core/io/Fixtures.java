package io.github.video2gif.core.io;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Locates the committed fixtures written by {@code src/test/resources/c3d/make_fixtures.py}. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path c3d(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/c3d/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test fixture c3d/" + name, e);
        }
    }
}
