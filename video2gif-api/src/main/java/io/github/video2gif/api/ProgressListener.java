package io.github.video2gif.api;

/**
 * Receives progress reports from long work. Called on the working thread; keep it quick. A listener that throws
 * does not stop the work: the exception is logged and the listener is not called again.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = p -> { };

    void onProgress(Progress progress);
}
