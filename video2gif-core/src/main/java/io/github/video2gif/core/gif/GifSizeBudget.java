package io.github.video2gif.core.gif;

import io.github.video2gif.api.GifOptions;
import io.github.video2gif.api.OutputException;
import io.github.video2gif.api.ProgressListener;
import io.github.video2gif.api.Progress;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.core.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes a GIF that fits a file-size budget (the command line's {@code --max-bytes N}), choosing the width, the
 * frame rate, the number of colours and the lossiness, and says what it chose.
 *
 * <p>The search tries the best quality first and gives up quality in this order, encoding in memory to measure:
 * <ol>
 *   <li>compression at full size and frame rate, along a ladder of (colours, lossy) settings (256, 0), (256, 40),
 *       (256, 80), by binary search once the best rung is too big;</li>
 *   <li>then smaller frames (area-averaged: 85 %, 70 %, 60 % of the width), then at 60 % a lower frame rate (two
 *       thirds, then half, never under 5 fps), then narrower frames again down to {@value #MIN_WIDTH} px, each
 *       with the same ladder; the next size is predicted from the size just measured, so hopeless ones are
 *       skipped;</li>
 *   <li>at the smallest size, two more rungs: (128, 100) and (64, 140).</li>
 * </ol>
 * A 5 s clip at 360 px typically needs two to six encodes. The chosen file is written atomically (temporary file in
 * the same directory, then a move). Thread-safe: each call is independent.
 */
public final class GifSizeBudget {
    /** Narrowest width the search will go to. */
    public static final int MIN_WIDTH = 64;
    private static final int[][] LADDER = {{256, 0}, {256, 40}, {256, 80}, {128, 100}, {64, 140}};
    /** Rungs tried at every size; the others only at the smallest. */
    private static final int MILD_RUNGS = 3;
    private static final double[] SCALES = {1.0, 0.85, 0.7, 0.6, 0.5, 0.42, 0.35, 0.3, 0.25, 0.2, 0.16};

    private final JavaGifSettings settings;
    private final ProgressListener progress;

    /** A budget search with {@link JavaGifSettings#DEFAULT} as the base settings. */
    public GifSizeBudget() {
        this(JavaGifSettings.DEFAULT, ProgressListener.NONE);
    }

    /**
     * @param settings base settings (dither, threads...); the search overrides only {@code lossy}
     * @param progress told after each trial encode (task {@code "gif-budget"}, total unknown)
     */
    public GifSizeBudget(JavaGifSettings settings, ProgressListener progress) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * One encode of the search.
     *
     * @param width  frame width
     * @param height frame height
     * @param fps    frame rate
     * @param colors palette size allowed
     * @param lossy  LZW lossiness ({@link JavaGifSettings#lossy()})
     * @param bytes  file size
     */
    public record Attempt(int width, int height, double fps, int colors, int lossy, long bytes) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%dx%d, %.3g fps, %d colours, lossy %d: %,d bytes", width, height, fps,
                    colors, lossy, bytes);
        }
    }

    /**
     * What was written.
     *
     * @param chosen   the settings of the file written
     * @param maxBytes the budget
     * @param tried    every encode of the search, in order (the chosen one among them)
     */
    public record Choice(Attempt chosen, long maxBytes, List<Attempt> tried) {
        public Choice {
            tried = List.copyOf(tried);
        }

        /** One line for users: what was chosen, against the budget, after how many encodes. */
        public String describe() {
            return chosen + String.format(Locale.ROOT, " (budget %,d bytes, %d encodes)", maxBytes, tried.size());
        }
    }

    /**
     * Encodes {@code frames} (equally spaced at {@code fps}, all the same size: the largest acceptable) into a GIF
     * at {@code target} no larger than {@code maxBytes}.
     *
     * @param options loop count and the palette limit to start from; width and fps there are ignored (the frames
     *                carry them)
     * @throws OutputException when even the smallest setting is too big (the target is left as it was), or the
     *                         file cannot be written
     */
    public Choice fit(List<VideoFrame> frames, double fps, Path target, long maxBytes, GifOptions options)
            throws Video2GifException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames");
        }
        if (!(fps > 0 && fps <= 100)) {
            throw new IllegalArgumentException("fps must be in (0, 100], was " + fps);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        int w0 = frames.get(0).width();
        int h0 = frames.get(0).height();
        for (VideoFrame f : frames) {
            if (f.width() != w0 || f.height() != h0) {
                throw new IllegalArgumentException("frames differ in size: " + f + " vs " + w0 + "x" + h0);
            }
        }
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new OutputException(target, "Cannot write GIF \"" + target + "\": its directory " + dir
                    + " does not exist", null);
        }
        List<Attempt> tried = new ArrayList<>();
        int maxColors = options.maxColors();
        int[][] ladder = ladder(maxColors);
        byte[] best = null;
        Attempt bestAttempt = null;
        List<double[]> geometries = geometries(w0, fps);
        int gi = 0;
        try {
            while (true) {
                double f = geometries.get(gi)[1];
                int w = (int) geometries.get(gi)[0];
                int h = Math.max(1, (int) Math.round((double) h0 * w / w0));
                List<VideoFrame> geometry = resample(frames, fps, f, w, h);
                // the deeper rungs (fewer colours, more loss) only once the frames are as small as they get
                int rungs = gi == geometries.size() - 1 ? ladder.length : MILD_RUNGS;
                int lo = -1;
                if (gi == 0) {
                    Encoded top = encode(geometry, f, w, h, ladder[0], options, tried, dir);
                    if (top.bytes.length <= maxBytes) {
                        best = top.bytes;
                        bestAttempt = top.attempt;
                        break;
                    }
                    lo = 0;
                }
                Encoded bottom = encode(geometry, f, w, h, ladder[rungs - 1], options, tried, dir);
                if (bottom.bytes.length <= maxBytes) {
                    // binary search for the best rung that fits
                    int hi = rungs - 1;
                    Encoded fit = bottom;
                    while (hi - lo > 1) {
                        int mid = (lo + hi) / 2;
                        Encoded e = encode(geometry, f, w, h, ladder[mid], options, tried, dir);
                        if (e.bytes.length <= maxBytes) {
                            hi = mid;
                            fit = e;
                        } else {
                            lo = mid;
                        }
                    }
                    best = fit.bytes;
                    bestAttempt = fit.attempt;
                    break;
                }
                // too big even at the bottom rung: predict how much smaller the frames must get
                double need = (double) maxBytes / bottom.bytes.length;
                int next = nextGeometry(geometries, gi, need);
                if (next < 0) {
                    Attempt smallest = bottom.attempt;
                    throw new OutputException(target, String.format(Locale.ROOT, "Cannot write GIF \"%s\" within %,d"
                            + " bytes: the smallest setting tried (%s) is still too big; allow more bytes or a shorter"
                            + " clip", target, maxBytes, smallest), null);
                }
                gi = next;
            }
            byte[] chosen = best;
            AtomicFiles.write(target, "GIF", out -> out.write(chosen));
            return new Choice(bestAttempt, maxBytes, tried);
        } catch (IOException e) {
            if (e instanceof Video2GifException v) {
                throw v;
            }
            throw new OutputException(target, "Cannot write GIF \"" + target + "\": " + e, e);
        }
    }

    private static int[][] ladder(int maxColors) {
        int[][] l = new int[LADDER.length][];
        for (int i = 0; i < LADDER.length; i++) {
            l[i] = new int[] {Math.min(maxColors, LADDER[i][0]), LADDER[i][1]};
        }
        return l;
    }

    /**
     * The geometries to try, best first, as {width, fps}: widths down to 60 % at the full frame rate, then at 60 %
     * the frame rate down to two thirds and a half (not under 5 fps), then smaller widths at the lowest rate, down
     * to {@value #MIN_WIDTH} px.
     */
    static List<double[]> geometries(int w0, double fps) {
        List<double[]> g = new ArrayList<>();
        double[] rates = {fps, fps * 2 / 3, fps / 2};
        int lastRate = 0;
        for (double scale : SCALES) {
            int w = (int) Math.round(w0 * scale);
            if (w < MIN_WIDTH) {
                w = Math.min(w0, MIN_WIDTH);
            }
            if (scale >= 0.6 - 1e-9) {
                add(g, w, fps);
                if (Math.abs(scale - 0.6) < 1e-9) {
                    for (int r = 1; r < rates.length && rates[r] >= 5 - 1e-9; r++) {
                        add(g, w, rates[r]);
                        lastRate = r;
                    }
                }
            } else {
                add(g, w, rates[lastRate]);
            }
            if (w <= MIN_WIDTH) {
                break;
            }
        }
        return g;
    }

    private static void add(List<double[]> g, int w, double fps) {
        double[] last = g.isEmpty() ? null : g.get(g.size() - 1);
        if (last == null || last[0] != w || last[1] != fps) {
            g.add(new double[] {w, fps});
        }
    }

    /**
     * The next geometry to try after {@code current}: the first whose pixel rate (width squared times fps; size is
     * taken as proportional to it) is within 15 % of what the last measurement says is needed, else the smallest;
     * -1 when {@code current} is already the smallest.
     */
    static int nextGeometry(List<double[]> geometries, int current, double need) {
        int last = geometries.size() - 1;
        if (current >= last) {
            return -1;
        }
        double[] c = geometries.get(current);
        double target = c[0] * c[0] * c[1] * need * 1.15;
        for (int i = current + 1; i <= last; i++) {
            double[] g = geometries.get(i);
            if (g[0] * g[0] * g[1] <= target) {
                return i;
            }
        }
        return last;
    }

    /** The frames at a new frame rate (nearest frame in time) and size. */
    static List<VideoFrame> resample(List<VideoFrame> frames, double fps, double newFps, int w, int h) {
        int n = frames.size();
        int count = Math.max(1, (int) Math.round(n * newFps / fps));
        List<VideoFrame> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int src = Math.min(n - 1, (int) Math.round(k * fps / newFps));
            out.add(AreaScaler.scale(frames.get(src), w, h).withTiming(k, k / newFps));
        }
        return out;
    }

    private record Encoded(byte[] bytes, Attempt attempt) {
    }

    private Encoded encode(List<VideoFrame> frames, double fps, int w, int h, int[] rung, GifOptions options,
                           List<Attempt> tried, Path spillDirectory) throws IOException {
        JavaGifSettings s = settings.withLossy(rung[1]);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        try (ClipBuffer clip = new ClipBuffer(w, h, spillDirectory, s.memoryBudgetBytes())) {
            for (VideoFrame f : frames) {
                clip.add(f.rgb(), 1.0 / fps);
            }
            clip.encode(out, rung[0], options.loopCount(), s, ProgressListener.NONE);
        }
        Attempt a = new Attempt(w, h, fps, rung[0], rung[1], out.size());
        tried.add(a);
        progress.onProgress(new Progress("gif-budget", tried.size(), -1, a.toString()));
        return new Encoded(out.toByteArray(), a);
    }
}
