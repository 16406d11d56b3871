package io.github.video2gif.core.align;

import io.github.video2gif.api.Progress;
import io.github.video2gif.api.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A listener guard: a listener that throws is logged once and not called again, and the work goes on. */
final class SafeProgress implements ProgressListener {
    private static final Logger LOG = LoggerFactory.getLogger(SafeProgress.class);

    private final ProgressListener delegate;
    private boolean broken;

    private SafeProgress(ProgressListener delegate) {
        this.delegate = delegate;
    }

    static ProgressListener wrap(ProgressListener listener) {
        if (listener == null || listener == ProgressListener.NONE) {
            return ProgressListener.NONE;
        }
        return listener instanceof SafeProgress ? listener : new SafeProgress(listener);
    }

    @Override
    public void onProgress(Progress progress) {
        if (broken) {
            return;
        }
        try {
            delegate.onProgress(progress);
        } catch (RuntimeException e) {
            broken = true;
            LOG.warn("progress listener failed; it will not be called again", e);
        }
    }
}
