package io.github.video2gif;

import io.github.video2gif.api.FrameStream;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.VideoFrame;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Decodes ahead on a thread of its own into a bounded queue, so that decoding and analysis overlap. At most
 * {@code capacity} frames wait; the stream itself stays owned by the caller, who closes it after this. An optional
 * companion function (a resize to a second analysis size) also runs on the decoding thread, so that work is not
 * on the analysis thread either.
 */
final class PrefetchingFrames implements AutoCloseable {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private final UnaryOperator<VideoFrame> companionOf;
    private volatile boolean stopped;
    private boolean ended;
    private VideoFrame companion;

    /** A frame and its companion, as queued. */
    private record Decoded(VideoFrame frame, VideoFrame companion) {
    }

    PrefetchingFrames(FrameStream stream, int capacity) {
        this(stream, capacity, null);
    }

    /**
     * @param companionOf computes, on the decoding thread, a second frame for each frame ({@link #companion()}), or
     *                    null for none
     */
    PrefetchingFrames(FrameStream stream, int capacity, UnaryOperator<VideoFrame> companionOf) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.companionOf = companionOf;
        this.thread = new Thread(() -> run(stream), "video2gif-decode");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run(FrameStream stream) {
        Object last = END;
        try {
            VideoFrame f;
            while (!stopped && (f = stream.next()) != null) {
                if (!offer(new Decoded(f, companionOf == null ? null : companionOf.apply(f)))) {
                    return;
                }
            }
        } catch (Video2GifException | RuntimeException | Error e) {
            last = e;
        }
        offer(last);
    }

    private boolean offer(Object item) {
        try {
            while (!stopped) {
                if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** The next frame, or {@code null} at the end; rethrows what the decoder threw. */
    VideoFrame next() throws Video2GifException {
        if (ended) {
            return null;
        }
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding", e);
        }
        if (item instanceof Decoded d) {
            companion = d.companion();
            return d.frame();
        }
        ended = true;
        companion = null;
        StageThread.rethrowFailure(item);
        return null;
    }

    /** The companion of the frame {@link #next()} returned last (null without a companion function). */
    VideoFrame companion() {
        return companion;
    }

    /** Stops the decoding thread and waits for it, so that the stream may be closed safely afterwards. */
    @Override
    public void close() {
        stopped = true;
        queue.clear();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                interrupted = true;
            }
            queue.clear();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
