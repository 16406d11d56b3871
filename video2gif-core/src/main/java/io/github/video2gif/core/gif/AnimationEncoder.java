package io.github.video2gif.core.gif;

import io.github.video2gif.api.Progress;
import io.github.video2gif.api.ProgressListener;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Encodes a whole clip, already reduced to a palette, into a GIF stream. The work is a pipeline:
 * <ol>
 *   <li>dither: frames are mapped to palette indices (and their colours packed) on the worker threads, several
 *       frames ahead (in order on one thread at a time for a {@link Ditherer#sequential() sequential}
 *       ditherer);</li>
 *   <li>inter-frame optimisation, in order, its rows split between the calling thread and the workers: each pixel
 *       that would show (nearly) what is already on the canvas becomes transparent, the frame is cropped to the
 *       rectangle of what changed, and a frame with no change is dropped and its delay given to the frame
 *       before;</li>
 *   <li>LZW: exact on the worker threads (the coder then only swaps transparent pixels for the colours they
 *       reveal, which changes nothing on screen), or with the lossy search ({@link LzwEncoder#encodeLossy(byte[],
 *       int, int, int[], int[], byte[], LzwEncoder.Colors, int, int, boolean, boolean)}) before the next frame is compared
 *       (its choices become the canvas the next frame is compared with), in row strips on all threads when the
 *       frame is large and detailed. The search runs when {@link JavaGifSettings#lossy()} asks for it, and with
 *       {@link JavaGifSettings#lossyMse()} alone on the scenes whose first frame, coded exactly, takes at least
 *       {@value #SEARCH_BITS_PER_PIXEL} bits a pixel (noise, grain: where it pays);</li>
 *   <li>writing, in order, on the calling thread.</li>
 * </ol>
 * Every frame uses disposal method 1 (keep), which is what cropped, transparent difference frames need. Frames
 * may use local palettes (whole scenes, see {@link ClipBuffer}); the first frame after a change of palette is
 * drawn whole and opaque, so that nothing of the old palette's indices is relied on.
 */
final class AnimationEncoder {
    /** The clip to encode. */
    interface Frames {
        int count();

        /** Packed RGB pixels of frame {@code i}; must not be modified. */
        byte[] rgb(int i);

        /** Delay of frame {@code i} in centiseconds. */
        int delay(int i);

        /** Which palette frame {@code i} uses: 0 the global one, k > 0 local palette k. */
        default int palette(int i) {
            return 0;
        }
    }

    /** One palette and everything derived from it. */
    private static final class Shade {
        final boolean local;
        final int[] table;
        final int transparent;
        final int minCodeSize;
        final LzwEncoder.Colors colors;
        final Ditherer ditherer;

        Shade(Palette palette, boolean exact, boolean local, JavaGifSettings settings, int width, int height) {
            this.local = local;
            boolean optimize = settings.interFrame();
            int visible = palette.size();
            transparent = optimize ? visible : -1;
            int entries = visible + (optimize ? 1 : 0);
            minCodeSize = Math.max(2, GifStream.tableSizeBits(Math.max(2, entries)) + 1);
            table = new int[entries];
            for (int i = 0; i < visible; i++) {
                table[i] = palette.rgb(i);
            }
            PaletteLookup lookup = new PaletteLookup(palette);
            ditherer = exact ? new ExactDitherer(lookup, width, height)
                    : settings.dither().create(lookup, width, height, settings.ditherStrength());
            colors = new LzwEncoder.Colors(table, transparent);
        }
    }

    /** What was written. */
    record Stats(int framesIn, int framesWritten, long bytes, int colors) {
    }

    private static final int MAX_DELAY = 65535;

    private final int width;
    private final int height;
    private final List<Palette> palettes;
    private final boolean[] exact;
    private final JavaGifSettings settings;
    private final int loopCount;
    private final Executor executor;
    private final int lookahead;
    private final int workers;
    private final ProgressListener progress;

    /**
     * @param palettes  the global palette first, then any local ones ({@link Frames#palette} picks)
     * @param exact     per palette: it holds every colour of its frames, so map exactly, without dither
     * @param loopCount 0 loops forever, n plays n + 1 times, -1 plays once (no loop extension)
     * @param executor  worker threads; {@code Runnable::run} for none
     */
    AnimationEncoder(int width, int height, List<Palette> palettes, boolean[] exact, JavaGifSettings settings,
                     int loopCount, Executor executor, int workers, ProgressListener progress) {
        this.width = width;
        this.height = height;
        this.palettes = List.copyOf(palettes);
        this.exact = exact.clone();
        this.settings = settings;
        this.loopCount = loopCount;
        this.executor = executor;
        this.lookahead = Math.max(2, workers * 2);
        this.workers = Math.max(1, workers);
        this.progress = progress;
    }

    /** A pending frame: its rectangle, its LZW data (maybe still being coded) and its delay. */
    private static final class Pending {
        final int left;
        final int top;
        final int w;
        final int h;
        final CompletableFuture<byte[]> codes;
        final Shade shade;
        int delay;

        Pending(int left, int top, int w, int h, CompletableFuture<byte[]> codes, Shade shade, int delay) {
            this.left = left;
            this.top = top;
            this.w = w;
            this.h = h;
            this.codes = codes;
            this.shade = shade;
            this.delay = delay;
        }
    }

    Stats encode(Frames frames, OutputStream out) throws IOException {
        int count = frames.count();
        if (count < 1) {
            throw new IllegalArgumentException("no frames to encode");
        }
        boolean optimize = settings.interFrame();
        Shade[] shades = new Shade[palettes.size()];
        for (int k = 0; k < shades.length; k++) {
            shades[k] = new Shade(palettes.get(k), exact[k], k > 0, settings, width, height);
        }
        boolean anySequential = false;
        for (Shade sh : shades) {
            anySequential |= sh.ditherer.sequential();
        }
        boolean sequential = anySequential;
        ThreadLocal<LzwEncoder[]> coders = ThreadLocal.withInitial(() -> new LzwEncoder[9]);

        GifStream gif = new GifStream(out);
        gif.header(width, height, shades[0].table);
        if (loopCount >= 0) {
            gif.loop(loopCount);
        }

        // stage 1: dither ahead
        @SuppressWarnings("unchecked")
        CompletableFuture<Mapped>[] mapped = new CompletableFuture[count];
        int[] submitted = {0};
        int[] consumed = {0};
        Runnable submitMore = () -> {
            while (submitted[0] < count && submitted[0] < consumed[0] + lookahead) {
                int i = submitted[0]++;
                Ditherer ditherer = shades[frames.palette(i)].ditherer;
                if (sequential && i > 0) {
                    mapped[i] = mapped[i - 1].thenApplyAsync(prev -> map(ditherer, frames.rgb(i)), executor);
                } else {
                    mapped[i] = CompletableFuture.supplyAsync(() -> map(ditherer, frames.rgb(i)), executor);
                }
            }
        };

        Optimizer optimizer = new Optimizer(width, height, settings.stillThreshold(), optimize);
        ArrayDeque<Pending> queue = new ArrayDeque<>();
        int written = 0;
        // the lossy coder's search runs when asked for (lossy > 0), or with the squared-error tolerance on the
        // frames of a scene (palette) whose first frame took at least SEARCH_BITS_PER_PIXEL coded exactly;
        // sceneBits: bits a pixel of the scene's first frame coded exactly, or (lossy > 0) of the last frame
        boolean alwaysSearch = settings.lossy() > 0;
        boolean search = alwaysSearch;
        boolean measureScene = false;
        double sceneBits = 0;
        try {
            for (int i = 0; i < count; i++) {
                consumed[0] = i;
                submitMore.run();
                Mapped m = mapped[i].join();
                mapped[i] = null;
                byte[] indices = m.indices();
                int delay = frames.delay(i);
                Shade shade = shades[frames.palette(i)];
                // a change of palette redraws the whole frame, opaque
                if (optimizer.use(shade.table, shade.transparent)) {
                    search = alwaysSearch;
                    measureScene = !alwaysSearch && settings.lossyMse() > 0;
                    sceneBits = 0;
                }
                optimizer.squaredThreshold = search ? settings.lossyMse() : 0;
                Optimizer.Rect r = search ? optimizer.diffKeepingMapped(m.source(), indices, executor, workers)
                        : optimizer.diff(m.source(), indices, true, executor, workers);
                if (r == null) {
                    Pending last = queue.peekLast();
                    if (last != null && last.delay + delay <= MAX_DELAY) {
                        last.delay += delay;
                        report(i, count);
                        continue;
                    }
                    r = optimizer.singleTransparentPixel();
                }
                CompletableFuture<byte[]> codes;
                Optimizer.Rect rect = r;
                if (r.source != null && search) {
                    // lossy coding changes what shows, which the next frame is compared with: code it now (in row
                    // strips on the worker threads when it is large and detailed)
                    byte[] c = codeLossy(coders, shade, r, sceneBits >= STRIP_BITS_PER_PIXEL);
                    if (alwaysSearch) {
                        // strips for the frames to come if this one was detailed
                        sceneBits = c.length * 8.0 / (r.width * r.height);
                    }
                    optimizer.commit(r);
                    codes = CompletableFuture.completedFuture(c);
                } else if (r.source != null) {
                    // at tolerance 0 the coder only swaps transparent pixels for the colour they reveal: what shows
                    // is settled now, so the next frame can be compared while this one is coded on another thread
                    if (!r.committed) {
                        optimizer.commit(r);
                    }
                    if (measureScene) {
                        // the scene's first frame, coded exactly now: is the scene noise the search pays on?
                        byte[] c = coder(coders, shade).encodeLossy(rect.indices, rect.indices.length, rect.source,
                                rect.canvasIndex, shade.colors, 0);
                        sceneBits = c.length * 8.0 / rect.indices.length;
                        search = sceneBits >= SEARCH_BITS_PER_PIXEL;
                        measureScene = false;
                        if (search) {
                            // noise: code this frame again with the search (it is whole and opaque, so only the
                            // canvas needs updating)
                            c = codeLossy(coders, shade, rect, true);
                            optimizer.commit(rect);
                        }
                        codes = CompletableFuture.completedFuture(c);
                    } else {
                        codes = CompletableFuture.supplyAsync(() -> coder(coders, shade).encodeLossy(rect.indices,
                                rect.indices.length, rect.source, rect.canvasIndex, shade.colors, 0), executor);
                    }
                } else {
                    optimizer.commit(r);
                    codes = CompletableFuture.supplyAsync(
                            () -> coder(coders, shade).encode(rect.indices, rect.indices.length), executor);
                }
                queue.addLast(new Pending(r.left, r.top, r.width, r.height, codes, shade, delay));
                // write what is ready, keeping the newest (its delay may still grow)
                while (queue.size() > 1 && (queue.peekFirst().codes.isDone() || queue.size() > lookahead)) {
                    write(gif, queue.pollFirst());
                    written++;
                }
                report(i, count);
            }
            while (!queue.isEmpty()) {
                write(gif, queue.pollFirst());
                written++;
            }
            gif.trailer();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        } finally {
            for (CompletableFuture<Mapped> f : mapped) {
                if (f != null) {
                    f.cancel(false);
                }
            }
        }
        return new Stats(count, written, gif.written(), palettes.get(0).size());
    }

    /**
     * A scene (frames sharing a palette) whose first frame, coded exactly, takes at least this many bits a pixel
     * is coded with the lossy search when only the squared-error tolerance asks for it: LZW then compresses
     * 8-bit indices less than 2:1 (sensor noise, film grain), and the search saves a quarter to a third of the
     * bytes; on frames LZW handles well it saves little for its time.
     */
    static final double SEARCH_BITS_PER_PIXEL = 4.0;
    /** Frames of at least twice this many pixels are coded in {@value #STRIPS} row strips... */
    static final int STRIP_PIXELS = 24 * 1024;
    static final int STRIPS = 2;
    /**
     * ...when the scene's first frame took at least this many bits a pixel: a strip starts with an empty string
     * table, which costs little where the table is cleared often anyway (noise, detail) and much on flat frames.
     */
    static final double STRIP_BITS_PER_PIXEL = 2.0;

    /**
     * Codes a frame with the lossy coder: in one piece, or in row strips (each starting with an empty string
     * table) on the worker threads and the calling thread, joined bit-exactly into one code stream.
     */
    private byte[] codeLossy(ThreadLocal<LzwEncoder[]> coders, Shade shade, Optimizer.Rect r, boolean split) {
        int n = r.width * r.height;
        // two strips whatever the number of threads, so that the file does not depend on it
        int strips = split ? Math.min(Math.min(STRIPS, n / STRIP_PIXELS), r.height) : 1;
        int lossy = settings.lossy();
        int mse = settings.lossyMse();
        if (strips <= 1) {
            return coder(coders, shade).encodeLossy(r.indices, 0, n, r.source, r.canvasIndex, r.mapped, shade.colors,
                    lossy, mse, true, true).toBytes();
        }
        int rowsPer = (r.height + strips - 1) / strips;
        strips = (r.height + rowsPer - 1) / rowsPer;
        List<Supplier<LzwEncoder.Segment>> jobs = new java.util.ArrayList<>(strips);
        for (int k = 0; k < strips; k++) {
            int from = k * rowsPer * r.width;
            int to = Math.min(r.height, (k + 1) * rowsPer) * r.width;
            boolean first = k == 0;
            boolean last = k == strips - 1;
            jobs.add(() -> coder(coders, shade).encodeLossy(r.indices, from, to - from, r.source, r.canvasIndex,
                    r.mapped, shade.colors, lossy, mse, first, last));
        }
        LzwEncoder.Segment[] segments = together(jobs, executor).toArray(new LzwEncoder.Segment[0]);
        return LzwEncoder.join(segments);
    }

    /**
     * Runs the jobs, the first on the calling thread and the others on the executor, except that the calling
     * thread runs itself any that no worker has started by the time it is free (the workers may be busy mapping
     * frames ahead), and returns their results in order.
     */
    static <T> List<T> together(List<Supplier<T>> jobs, Executor executor) {
        int n = jobs.size();
        AtomicBoolean[] claimed = new AtomicBoolean[n];
        @SuppressWarnings("unchecked")
        CompletableFuture<T>[] results = new CompletableFuture[n];
        for (int k = 1; k < n; k++) {
            AtomicBoolean claim = new AtomicBoolean();
            claimed[k] = claim;
            CompletableFuture<T> result = new CompletableFuture<>();
            results[k] = result;
            Supplier<T> job = jobs.get(k);
            executor.execute(() -> {
                if (claim.compareAndSet(false, true)) {
                    run(job, result);
                }
            });
        }
        List<T> out = new java.util.ArrayList<>(n);
        out.add(jobs.get(0).get());
        for (int k = 1; k < n; k++) {
            if (claimed[k].compareAndSet(false, true)) {
                run(jobs.get(k), results[k]);
            }
        }
        for (int k = 1; k < n; k++) {
            out.add(results[k].join());
        }
        return out;
    }

    private static <T> void run(Supplier<T> job, CompletableFuture<T> result) {
        try {
            result.complete(job.get());
        } catch (Throwable e) {
            result.completeExceptionally(e);
        }
    }

    private void report(int i, int count) {
        if (progress != ProgressListener.NONE) {
            progress.onProgress(new Progress("gif", i + 1, count, ""));
        }
    }

    /** A frame mapped to palette indices, with its colours packed one an {@code int}. */
    private record Mapped(byte[] indices, int[] source) {
    }

    private Mapped map(Ditherer ditherer, byte[] rgb) {
        byte[] indices = new byte[width * height];
        ditherer.dither(rgb, indices);
        return new Mapped(indices, Optimizer.packed(rgb, width, height));
    }

    private static LzwEncoder coder(ThreadLocal<LzwEncoder[]> coders, Shade shade) {
        LzwEncoder[] mine = coders.get();
        LzwEncoder c = mine[shade.minCodeSize];
        if (c == null) {
            c = new LzwEncoder(shade.minCodeSize);
            mine[shade.minCodeSize] = c;
        }
        return c;
    }

    private static void write(GifStream gif, Pending p) throws IOException {
        byte[] codes = p.codes.join();
        gif.graphicControl(GifStream.DISPOSE_KEEP, p.delay, p.shade.transparent);
        gif.image(p.left, p.top, p.w, p.h, p.shade.local ? p.shade.table : null, p.shade.minCodeSize, codes);
    }

    /**
     * The inter-frame state: what the canvas shows, and the difference of each new frame against it.
     */
    static final class Optimizer {
        /** A frame cropped to what changed. */
        static final class Rect {
            int left;
            int top;
            int width;
            int height;
            byte[] indices;
            /** Wanted colour at each rectangle position (lossy coding only). */
            int[] source;
            /** Palette index showing at each rectangle position before this frame; {@code null} for the first frame. */
            int[] canvasIndex;
            /** For the lossy coder: the index each position was mapped to before it was made transparent. */
            byte[] mapped;
            /** Already put on the canvas by {@link #diff}. */
            boolean committed;
        }

        private final int width;
        private final int height;
        private int[] table;
        private int transparent;
        private final int threshold;
        /** The lossy coder's squared-error tolerance on the frame being compared (0 for none). */
        int squaredThreshold;
        private final boolean optimize;
        /** The palette index showing at each pixel. */
        private final int[] canvas;
        private boolean first = true;

        /**
         * @param threshold how much further ({@link LzwEncoder#distance}) from the source than the mapped colour
         *                  the colour showing may be for a pixel to stay as it is
         */
        Optimizer(int width, int height, int threshold, boolean optimize) {
            this.width = width;
            this.height = height;
            this.threshold = threshold;
            this.optimize = optimize;
            this.canvas = new int[width * height];
        }

        /**
         * Sets the palette of the frames to come; a different one than before makes the next frame whole (and
         * returns true).
         */
        boolean use(int[] newTable, int newTransparent) {
            if (newTable != table) {
                table = newTable;
                transparent = newTransparent;
                first = true;
                return true;
            }
            return false;
        }

        /**
         * Marks what need not be drawn and crops; {@code null} when nothing changed. The indices are modified.
         *
         * @param commitNow also put the drawn pixels on the canvas (when the coder will not change them)
         */
        Rect diff(byte[] rgb, byte[] indices, boolean commitNow) {
            return diff(packed(rgb, 0, 0, width, height), indices, commitNow, Runnable::run, 1);
        }

        /** Like {@link #diff(int[], byte[], boolean, Executor, int)}, keeping the mapped indices (lossy coding). */
        Rect diffKeepingMapped(int[] src, byte[] indices, Executor executor, int parts) {
            if (first || !optimize) {
                return diff(src, indices, false, executor, parts);
            }
            byte[] mapped = indices.clone();
            Rect r = diff(src, indices, false, executor, parts);
            if (r != null) {
                if (r.width == width && r.height == height) {
                    r.mapped = mapped;
                } else {
                    r.mapped = new byte[r.width * r.height];
                    for (int y = 0; y < r.height; y++) {
                        System.arraycopy(mapped, (r.top + y) * width + r.left, r.mapped, y * r.width, r.width);
                    }
                }
            }
            return r;
        }

        /**
         * Marks what need not be drawn and crops; {@code null} when nothing changed. The indices are modified.
         *
         * @param src       the frame's colours, {@code 0xRRGGBB}
         * @param commitNow also put the drawn pixels on the canvas (when the coder will not change them)
         * @param executor  where to scan all but the first of {@code parts} bands of rows
         */
        Rect diff(int[] src, byte[] indices, boolean commitNow, Executor executor, int parts) {
            int w = width;
            if (first || !optimize) {
                Rect r = new Rect();
                r.width = w;
                r.height = height;
                r.indices = indices;
                r.source = src;
                return r;
            }
            int bands = Math.max(1, Math.min(parts, height / 16));
            int rowsPer = (height + bands - 1) / bands;
            List<Supplier<int[]>> jobs = new java.util.ArrayList<>(bands);
            for (int k = 0; k < bands; k++) {
                int y0 = k * rowsPer;
                int y1 = Math.min(height, y0 + rowsPer);
                jobs.add(() -> scan(src, indices, y0, y1));
            }
            List<int[]> found = together(jobs, executor);
            int minX = w;
            int maxX = -1;
            int minY = height;
            int maxY = -1;
            for (int[] b : found) {
                if (b[1] >= 0) {
                    minX = Math.min(minX, b[0]);
                    maxX = Math.max(maxX, b[1]);
                    minY = Math.min(minY, b[2]);
                    maxY = Math.max(maxY, b[3]);
                }
            }
            if (maxX < 0) {
                return null;
            }
            Rect r = new Rect();
            r.committed = commitNow;
            r.left = minX;
            r.top = minY;
            r.width = maxX - minX + 1;
            r.height = maxY - minY + 1;
            if (r.width == w && r.height == height) {
                r.indices = indices;
            } else {
                r.indices = new byte[r.width * r.height];
                for (int y = 0; y < r.height; y++) {
                    System.arraycopy(indices, (minY + y) * w + minX, r.indices, y * r.width, r.width);
                }
            }
            if (r.width == w && r.height == height) {
                r.source = src;
                r.canvasIndex = canvas.clone();
            } else {
                r.source = new int[r.width * r.height];
                r.canvasIndex = new int[r.width * r.height];
                for (int y = 0; y < r.height; y++) {
                    System.arraycopy(src, (minY + y) * w + minX, r.source, y * r.width, r.width);
                    System.arraycopy(canvas, (minY + y) * w + minX, r.canvasIndex, y * r.width, r.width);
                }
            }
            if (commitNow) {
                commit(r);
            }
            return r;
        }

        /**
         * Marks the pixels of rows {@code [y0, y1)} that may stay as they are transparent; returns the box of the
         * others: {minX, maxX, minY, maxY}, maxX -1 when there are none.
         */
        private int[] scan(int[] src, byte[] indices, int y0, int y1) {
            int w = width;
            int minX = w;
            int maxX = -1;
            int minY = -1;
            int maxY = -1;
            int t = transparent;
            int thr = threshold;
            int sqThr = squaredThreshold;
            int[] cv = canvas;
            int[] tab = table;
            for (int y = y0; y < y1; y++) {
                int rowMin = w;
                int rowMax = -1;
                int p = y * w;
                for (int x = 0; x < w; x++, p++) {
                    int shown = tab[cv[p]];
                    int col = tab[indices[p] & 0xFF];
                    if (col == shown) {
                        indices[p] = (byte) t;
                        continue;
                    }
                    int s = src[p];
                    if (thr > 0 && LzwEncoder.distance(s, shown) <= LzwEncoder.distance(s, col) + thr) {
                        indices[p] = (byte) t;
                        continue;
                    }
                    if (sqThr > 0 && LzwEncoder.sq(s, shown) <= LzwEncoder.sq(s, col) + sqThr) {
                        indices[p] = (byte) t;
                        continue;
                    }
                    if (x < rowMin) {
                        rowMin = x;
                    }
                    rowMax = x;
                }
                if (rowMax >= 0) {
                    minX = Math.min(minX, rowMin);
                    maxX = Math.max(maxX, rowMax);
                    if (minY < 0) {
                        minY = y;
                    }
                    maxY = y;
                }
            }
            return new int[] {minX, maxX, minY, maxY};
        }

        static int[] packed(byte[] rgb, int width, int height) {
            int[] out = new int[width * height];
            for (int p = 0, i = 0; p < out.length; p++, i += 3) {
                out[p] = (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | (rgb[i + 2] & 0xFF);
            }
            return out;
        }

        private int[] packed(byte[] rgb, int left, int top, int rw, int rh) {
            int[] out = new int[rw * rh];
            for (int y = 0; y < rh; y++) {
                int i = ((top + y) * width + left) * 3;
                int o = y * rw;
                for (int x = 0; x < rw; x++, i += 3) {
                    out[o + x] = (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | (rgb[i + 2] & 0xFF);
                }
            }
            return out;
        }

        /** A 1x1 frame that changes nothing (when a long still stretch overflows the largest GIF delay). */
        Rect singleTransparentPixel() {
            Rect r = new Rect();
            r.width = 1;
            r.height = 1;
            r.indices = new byte[] {(byte) transparent};
            return r;
        }

        /** Puts a coded frame on the canvas. */
        void commit(Rect r) {
            first = false;
            int t = transparent;
            for (int y = 0; y < r.height; y++) {
                int p = (r.top + y) * width + r.left;
                int k = y * r.width;
                for (int x = 0; x < r.width; x++) {
                    int c = r.indices[k + x] & 0xFF;
                    if (c != t) {
                        canvas[p + x] = c;
                    }
                }
            }
        }
    }
}
