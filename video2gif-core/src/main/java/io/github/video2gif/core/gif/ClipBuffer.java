package io.github.video2gif.core.gif;

import io.github.video2gif.api.ProgressListener;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The frames of one GIF on their way in: their colour histogram (built as they arrive), the frames themselves (in
 * a {@link FrameSpool}) and their delays (from a {@link CentisecondClock}). Frames too short for browsers (under
 * {@value #MIN_DELAY_CS} cs, which browsers stretch to 10 cs) are merged into the frame before them so the total
 * time stays exact. Not thread-safe.
 */
final class ClipBuffer implements AutoCloseable {
    /** Browsers show a delay of 0 or 1 cs as 10 cs; shorter frames are merged into the one before. */
    static final int MIN_DELAY_CS = 2;

    private final int width;
    private final int height;
    private final ColorHistogram histogram = new ColorHistogram();
    private final FrameSpool spool;
    private final CentisecondClock clock = new CentisecondClock();
    private int[] delays = new int[64];
    private int merged;

    ClipBuffer(int width, int height, Path spillDirectory, long memoryBudget) {
        this.width = width;
        this.height = height;
        this.spool = new FrameSpool(spillDirectory, memoryBudget, width * height * 3);
    }

    void add(byte[] rgb, double durationSec) throws IOException {
        int delay = clock.next(durationSec);
        int n = spool.size();
        if (n > 0 && delay < MIN_DELAY_CS && delays[n - 1] + delay <= 65535) {
            delays[n - 1] += delay;
            merged++;
            return;
        }
        if (n > 0 && delays[n - 1] < MIN_DELAY_CS) {
            // the previous frame (the first one) was too short to be seen: this one takes its place and time
            delay += delays[n - 1];
            spool.removeLast();
            n--;
            merged++;
        }
        histogram.add(rgb, width, height);
        spool.add(rgb);
        if (n == delays.length) {
            delays = Arrays.copyOf(delays, n * 2);
        }
        delays[n] = delay;
    }

    int frames() {
        return spool.size();
    }

    /** Frames merged into their neighbours because they were too short to show. */
    int merged() {
        return merged;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    ColorHistogram histogram() {
        return histogram;
    }

    /**
     * Encodes the clip.
     *
     * @param maxColors palette entries the caller allows (2 to 256); one goes to transparency when inter-frame
     *                  optimisation needs it and the palette would otherwise be full
     */
    AnimationEncoder.Stats encode(OutputStream out, int maxColors, int loopCount, JavaGifSettings settings,
                                  ProgressListener progress) throws IOException {
        int n = spool.size();
        if (n == 0) {
            throw new IllegalStateException("no frames were added");
        }
        int visible = settings.interFrame() ? Math.min(maxColors, 255) : maxColors;
        int[] exactColors = histogram.exactColors();
        boolean exact = exactColors != null && exactColors.length <= visible;
        Palette palette = new OklabKMeansQuantizer().quantize(histogram, visible);
        int threads = settings.effectiveThreads();
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, daemonThreads()) : null;
        try {
            AnimationEncoder encoder = new AnimationEncoder(width, height, palette, exact, settings, loopCount,
                    pool != null ? pool : Runnable::run, threads, progress);
            int[] d = delays;
            return encoder.encode(new AnimationEncoder.Frames() {
                @Override
                public int count() {
                    return n;
                }

                @Override
                public byte[] rgb(int i) {
                    return spool.get(i);
                }

                @Override
                public int delay(int i) {
                    return d[i];
                }
            }, out);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger k = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "video2gif-gif-" + k.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        spool.close();
    }
}
