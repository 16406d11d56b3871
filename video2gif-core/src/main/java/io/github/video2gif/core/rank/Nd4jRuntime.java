package io.github.video2gif.core.rank;

import io.github.video2gif.api.spi.ProviderUnavailableException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Starts ND4J once, on first use, and remembers a failure: a CPU or platform without the native library gets
 * the same clear error every time instead of a stream of linkage errors.
 */
public final class Nd4jRuntime {
    private static volatile Throwable failure;
    private static volatile boolean started;

    private Nd4jRuntime() {
    }

    /**
     * Makes sure ND4J's native backend is loaded (takes a second or more the first time).
     *
     * @throws ProviderUnavailableException when it cannot load here
     */
    public static synchronized void require() {
        if (started) {
            return;
        }
        if (failure != null) {
            throw unavailable(failure);
        }
        try {
            Nd4j.create(DataType.FLOAT, 1, 1);
            started = true;
        } catch (RuntimeException | LinkageError e) {
            failure = e;
            throw unavailable(e);
        }
    }

    private static ProviderUnavailableException unavailable(Throwable e) {
        ProviderUnavailableException x = new ProviderUnavailableException("ND4J's native library (nd4j-native,"
                + " linux-x86_64-onednn-avx2) cannot load on this machine, so RankNet models cannot run here: " + e);
        x.initCause(e);
        return x;
    }
}
