package io.github.video2gif;

import io.github.video2gif.api.FeatureExtractor;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.VideoFrame;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Feeds a feature extractor session on a thread of its own through a bounded queue, so that feature extraction
 * and segmentation of the same frames run on two cores. The session is only ever touched by that thread until
 * {@link #finish()} has joined it; a failure in the session is rethrown to the feeding thread at its next call.
 */
final class StageThread implements AutoCloseable {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private volatile Throwable failure;
    private volatile boolean stopped;

    StageThread(String name, FeatureExtractor.Session session, int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(() -> run(session), name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run(FeatureExtractor.Session session) {
        try {
            while (!stopped) {
                Object item = queue.poll(100, TimeUnit.MILLISECONDS);
                if (item == END) {
                    return;
                }
                if (item != null) {
                    session.accept((VideoFrame) item);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Video2GifException | RuntimeException | Error e) {
            failure = e;
            stopped = true;
            queue.clear();
        }
    }

    /** Queues a frame (waiting while the queue is full); rethrows what the session threw so far. */
    void accept(VideoFrame frame) throws Video2GifException {
        put(frame);
    }

    /** Lets the session take every queued frame, waits for the thread, and rethrows what the session threw. */
    void finish() throws Video2GifException {
        put(END);
        join();
        rethrow();
    }

    private void put(Object item) throws Video2GifException {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                rethrow();
                if (!thread.isAlive()) {
                    throw new IllegalStateException("the feature extraction thread ended early");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while feeding feature extraction", e);
        }
        rethrow();
    }

    private void rethrow() throws Video2GifException {
        rethrowFailure(failure);
    }

    /** Throws {@code item} if it is what a pipeline thread failed with (checked, runtime or error); else returns. */
    static void rethrowFailure(Object item) throws Video2GifException {
        if (item instanceof Video2GifException e) {
            throw e;
        }
        if (item instanceof RuntimeException e) {
            throw e;
        }
        if (item instanceof Error e) {
            throw e;
        }
    }

    private void join() {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the thread (dropping queued frames) and waits for it; the session may then be closed. */
    @Override
    public void close() {
        stopped = true;
        queue.clear();
        join();
    }
}
