package io.github.video2gif.core.gif;

import io.github.video2gif.api.ProgressListener;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    /** 1 where a frame starts a new scene (a cut), else 0. */
    private byte[] cuts = new byte[64];
    private float[] lastSignature;
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
            cuts = Arrays.copyOf(cuts, n * 2);
        }
        delays[n] = delay;
        float[] signature = signature(rgb, width * height);
        cuts[n] = (byte) (lastSignature != null && difference(lastSignature, signature) > CUT ? 1 : 0);
        lastSignature = signature;
    }

    /** Colour-histogram difference above which two consecutive frames belong to different scenes. */
    static final double CUT = 0.4;

    /** A coarse colour signature: the share of pixels in each of 64 colour cells (2 bits a channel). */
    static float[] signature(byte[] rgb, int pixels) {
        float[] bins = new float[64];
        int step = Math.max(1, pixels / 4096);
        int n = 0;
        for (int p = 0; p < pixels; p += step) {
            int i = p * 3;
            bins[((rgb[i] & 0xC0) >> 2) | ((rgb[i + 1] & 0xC0) >> 4) | ((rgb[i + 2] & 0xC0) >> 6)]++;
            n++;
        }
        for (int k = 0; k < 64; k++) {
            bins[k] /= n;
        }
        return bins;
    }

    /** Half the L1 distance of two signatures: the share of pixels that would have to change cell, 0 to 1. */
    static double difference(float[] a, float[] b) {
        double d = 0;
        for (int k = 0; k < a.length; k++) {
            d += Math.abs(a[k] - b[k]);
        }
        return d / 2;
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
        OklabKMeansQuantizer quantizer = new OklabKMeansQuantizer();
        int[] exactColors = histogram.exactColors();
        boolean globalExact = exactColors != null && exactColors.length <= visible;
        List<Palette> palettes = new ArrayList<>();
        List<Boolean> exactness = new ArrayList<>();
        palettes.add(quantizer.quantize(histogram, visible));
        exactness.add(globalExact);
        int[] paletteOf = new int[n];
        if (!globalExact && settings.localPalettes()) {
            choosePerScenePalettes(n, visible, quantizer, palettes, exactness, paletteOf);
        }
        boolean[] exact = new boolean[palettes.size()];
        for (int k = 0; k < exact.length; k++) {
            exact[k] = exactness.get(k);
        }
        int threads = settings.effectiveThreads();
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, daemonThreads()) : null;
        try {
            AnimationEncoder encoder = new AnimationEncoder(width, height, palettes, exact, settings, loopCount,
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

                @Override
                public int palette(int i) {
                    return paletteOf[i];
                }
            }, out);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Local palettes for scenes the global palette serves badly. The clip is cut into scenes where consecutive
     * frames' colour signatures differ by more than {@value #CUT}; a scene of at least {@value #MIN_SCENE_FRAMES}
     * frames gets its own palette (written as a local colour table with each of its frames, 768 bytes a frame for
     * 256 entries) when that palette's mean squared Oklab error on the scene is under {@value #LOCAL_GAIN} of the
     * global palette's. The global palette is then refitted to the frames left to it (or, when every scene got its
 * own, the largest scene's palette becomes the global one).
     */
    private void choosePerScenePalettes(int n, int visible, OklabKMeansQuantizer quantizer, List<Palette> palettes,
                                        List<Boolean> exactness, int[] paletteOf) {
        List<int[]> scenes = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || cuts[i] != 0) {
                scenes.add(new int[] {start, i});
                start = i;
            }
        }
        if (scenes.size() < 2) {
            return;
        }
        Palette global = palettes.get(0);
        ColorHistogram h = new ColorHistogram();
        boolean any = false;
        for (int[] sc : scenes) {
            if (sc[1] - sc[0] < MIN_SCENE_FRAMES) {
                continue;
            }
            h.clear();
            for (int i = sc[0]; i < sc[1]; i++) {
                h.add(spool.get(i), width, height);
            }
            Palette own = quantizer.quantize(h, visible);
            double globalError = OklabKMeansQuantizer.meanSquaredError(h, global);
            double ownError = OklabKMeansQuantizer.meanSquaredError(h, own);
            if (ownError < LOCAL_GAIN * globalError) {
                int[] exactColors = h.exactColors();
                palettes.add(own);
                exactness.add(exactColors != null && exactColors.length <= visible);
                Arrays.fill(paletteOf, sc[0], sc[1], palettes.size() - 1);
                any = true;
            }
        }
        if (any && Arrays.stream(paletteOf).allMatch(k -> k != 0)) {
            // every scene has its own: the largest one's palette becomes the global table (no local tables there)
            int[] frames = new int[palettes.size()];
            for (int k : paletteOf) {
                frames[k]++;
            }
            int largest = 1;
            for (int k = 2; k < frames.length; k++) {
                if (frames[k] > frames[largest]) {
                    largest = k;
                }
            }
            palettes.set(0, palettes.get(largest));
            exactness.set(0, exactness.get(largest));
            for (int i = 0; i < n; i++) {
                if (paletteOf[i] == largest) {
                    paletteOf[i] = 0;
                }
            }
            // the promoted palette stays in the list unused; encoders skip unused ones cheaply
            return;
        }
        if (any) {
            h.clear();
            boolean some = false;
            for (int i = 0; i < n; i++) {
                if (paletteOf[i] == 0) {
                    h.add(spool.get(i), width, height);
                    some = true;
                }
            }
            if (some) {
                int[] exactColors = h.exactColors();
                palettes.set(0, quantizer.quantize(h, visible));
                exactness.set(0, exactColors != null && exactColors.length <= visible);
            }
        }
    }

    /** Shortest scene that may get its own palette. */
    static final int MIN_SCENE_FRAMES = 3;
    /** A scene's own palette must cut the error to this share of the global palette's. */
    static final double LOCAL_GAIN = 0.6;

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
