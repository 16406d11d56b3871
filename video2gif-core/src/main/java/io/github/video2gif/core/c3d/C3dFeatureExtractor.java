package io.github.video2gif.core.c3d;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.EmptyVideoException;
import io.github.video2gif.api.FeatureExtractor;
import io.github.video2gif.api.FeatureTrack;
import io.github.video2gif.api.FrameFormat;
import io.github.video2gif.api.MeanFeatureTrack;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * C3D features as in the Video2GIF release: frames stream in one by one; every {@code stride} frames (8: 50 %
 * overlap) the last sixteen make a snippet; snippets are batched through a {@link SnippetNetwork} ({@link C3dNetwork} on the CPU); each gives fc6
 * (4096 values), or, with mirroring, the mean of the fc6 of the snippet and of its horizontal mirror. A
 * segment's feature is the mean of the snippets it overlaps, weighted by overlap ({@link MeanFeatureTrack}).
 *
 * <p>With a {@link PaperScoreHead}, the unit value is instead the snippet's Video2GIF score (the mean of the
 * original's and the mirror's score when mirroring), a one-dimensional track whose segment mean is the release's
 * "mean of snippet scores".
 *
 * <p>Coverage: every frame is in some snippet. A video shorter than 16 frames gets one snippet whose missing
 * frames repeat the last frame (its unit spans the real frames only); when the stride leaves frames after the
 * last snippet, one more snippet ends at the last frame. Segments shorter than a snippet thus take the snippets
 * that overlap them, or the nearest one.
 *
 * <p>Overlap ({@link Options#overlap()}, on by default): while one batch runs through the network on a worker
 * thread, the session prepares the next, so preprocessing on the CPU and the forward pass (on a GPU, or ND4J's
 * own threads) run at the same time; units reach the track in the same order with the same values as without.
 *
 * <p>Memory per session: sixteen prepared frames (150 KB each) and one batch of snippets (2.4 MB each), two
 * batches when overlapping.
 */
public final class C3dFeatureExtractor implements FeatureExtractor {
    /** Runs forward passes for overlapping sessions (daemon threads, ended after a minute idle). */
    private static final ExecutorService FORWARD = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "video2gif-c3d-forward");
        t.setDaemon(true);
        return t;
    });
    private final SnippetNetwork network;
    private final SnippetPreprocessor preprocessor;
    private final PaperScoreHead head;
    private final Options options;

    /**
     * How snippets are taken and run.
     *
     * @param stride        frames between snippet starts (8 in the release)
     * @param batch         snippets (counting mirrors) per forward pass
     * @param mirror        also run the horizontally mirrored snippet and average (as the release)
     * @param releaseResize ask for frames at their original size and resize them here with the release's
     *                      interpolation, instead of asking the decoder for 171 x 128
     * @param overlap       run each batch's forward pass on a worker thread while the next batch is prepared
     *                      (two batch buffers instead of one; the results, and their order, are the same)
     */
    public record Options(int stride, int batch, boolean mirror, boolean releaseResize, boolean overlap) {
        /** The release's stride 8, batch 4, no mirror, decoder resize; batches overlapped. */
        public static final Options DEFAULT = new Options(8, 4, false, false);

        public Options {
            if (stride < 1 || stride > 1024) {
                throw new IllegalArgumentException("stride must be in [1, 1024], was " + stride);
            }
            if (batch < 1 || batch > 256) {
                throw new IllegalArgumentException("batch must be in [1, 256], was " + batch);
            }
            if (mirror && batch < 2) {
                throw new IllegalArgumentException("mirroring needs a batch of at least 2");
            }
        }

        /** Options with overlapped batches. */
        public Options(int stride, int batch, boolean mirror, boolean releaseResize) {
            this(stride, batch, mirror, releaseResize, true);
        }

        /**
         * Options from the settings {@code c3d.stride} (default 8), {@code c3d.batch} (default
         * {@code defaultBatch}), {@code c3d.mirror} (default false), {@code c3d.resize} ({@code decoder}, the
         * default, or {@code release}) and {@code c3d.overlap} (default true).
         */
        public static Options fromConfig(Config config, int defaultBatch) {
            int stride = config.integer("c3d.stride", 8, 1, 1024);
            int batch = config.integer("c3d.batch", defaultBatch, 1, 256);
            boolean mirror = config.flag("c3d.mirror", false);
            String resize = config.string("c3d.resize", "decoder").toLowerCase(Locale.ROOT);
            if (!resize.equals("decoder") && !resize.equals("release")) {
                throw new IllegalArgumentException("c3d.resize must be decoder or release, was \"" + resize + "\"");
            }
            return new Options(stride, Math.max(batch, mirror ? 2 : 1), mirror, resize.equals("release"),
                    config.flag("c3d.overlap", true));
        }

        /** These options with overlapping on or off. */
        public Options withOverlap(boolean on) {
            return new Options(stride, batch, mirror, releaseResize, on);
        }
    }

    /**
     * @param network the forward pass (CPU or GPU)
     * @param head    the scoring MLP, or null for fc6 features
     */
    public C3dFeatureExtractor(SnippetNetwork network, SnippetMean mean, PaperScoreHead head, Options options) {
        this.network = Objects.requireNonNull(network, "network");
        this.preprocessor = new SnippetPreprocessor(Objects.requireNonNull(mean, "mean"));
        this.options = Objects.requireNonNull(options, "options");
        this.head = head;
        if (head != null && head.inputDimension() != network.featureDimension()) {
            throw new IllegalArgumentException("the head takes " + head.inputDimension() + " features, C3D gives "
                    + network.featureDimension());
        }
    }

    @Override
    public int dimension() {
        return head == null ? network.featureDimension() : 1;
    }

    @Override
    public List<String> featureNames() {
        return head == null ? List.of() : List.of("video2gif-score");
    }

    @Override
    public FrameFormat frameFormat() {
        return options.releaseResize() ? FrameFormat.original()
                : FrameFormat.exact(SnippetMean.WIDTH, SnippetMean.HEIGHT);
    }

    public Options options() {
        return options;
    }

    @Override
    public Session start(VideoInfo video) {
        return new SnippetSession(video);
    }

    private final class SnippetSession implements Session {
        private final VideoInfo video;
        private final float[][] ring = new float[SnippetMean.FRAMES][];
        private final MeanFeatureTrack track = new MeanFeatureTrack(dimension());
        private final int perSnippet = options.mirror() ? 2 : 1;
        private final int snippetsPerBatch = Math.max(1, options.batch() / perSnippet);
        private float[] batch = new float[snippetsPerBatch * perSnippet * C3dNetwork.SNIPPET_VALUES];
        private long[] starts = new long[snippetsPerBatch];
        private long[] ends = new long[snippetsPerBatch];
        // overlapping: the batch whose forward pass runs on the worker, and the buffers it will give back
        private Future<float[][]> inFlight;
        private float[] inFlightBatch;
        private long[] inFlightStarts;
        private long[] inFlightEnds;
        private int inFlightCount;
        private float[] spareBatch;
        private long[] spareStarts;
        private long[] spareEnds;
        private final float[][] window = new float[SnippetMean.FRAMES][];
        private int pending;
        private long count;
        private long lastStart = -1;
        private boolean finished;

        SnippetSession(VideoInfo video) {
            this.video = video;
        }

        @Override
        public void accept(VideoFrame frame) throws Video2GifException {
            Objects.requireNonNull(frame, "frame");
            if (finished) {
                throw new IllegalStateException("the session is finished");
            }
            int slot = (int) (count % SnippetMean.FRAMES);
            if (ring[slot] == null) {
                ring[slot] = new float[SnippetPreprocessor.FRAME_VALUES];
            }
            SnippetPreprocessor.prepareFrame(frame, ring[slot]);
            count++;
            if (count >= SnippetMean.FRAMES && (count - SnippetMean.FRAMES) % options.stride() == 0) {
                addSnippet(count - SnippetMean.FRAMES, count);
            }
        }

        /** Queues the snippet made of the sixteen frames {@code [start, start + 16)} now in the ring. */
        private void addSnippet(long start, long end) throws Video2GifException {
            for (int t = 0; t < SnippetMean.FRAMES; t++) {
                long f = Math.min(start + t, count - 1); // short videos repeat their last frame
                window[t] = ring[(int) (f % SnippetMean.FRAMES)];
            }
            int at = pending * perSnippet * C3dNetwork.SNIPPET_VALUES;
            preprocessor.snippet(window, false, batch, at);
            if (options.mirror()) {
                preprocessor.snippet(window, true, batch, at + C3dNetwork.SNIPPET_VALUES);
            }
            starts[pending] = start;
            ends[pending] = end;
            lastStart = start;
            pending++;
            if (pending == snippetsPerBatch) {
                flush();
            }
        }

        private void flush() throws Video2GifException {
            if (pending == 0) {
                return;
            }
            if (!options.overlap()) {
                addUnits(network.fc6(batch, pending * perSnippet), starts, ends, pending);
                pending = 0;
                return;
            }
            collect();
            float[] full = batch;
            int count = pending * perSnippet;
            inFlight = FORWARD.submit(() -> network.fc6(full, count));
            inFlightBatch = full;
            inFlightStarts = starts;
            inFlightEnds = ends;
            inFlightCount = pending;
            batch = spareBatch != null ? spareBatch : new float[full.length];
            starts = spareStarts != null ? spareStarts : new long[snippetsPerBatch];
            ends = spareEnds != null ? spareEnds : new long[snippetsPerBatch];
            pending = 0;
        }

        /** Waits for the batch on the worker, if any, and adds its units to the track. */
        private void collect() throws Video2GifException {
            if (inFlight == null) {
                return;
            }
            float[][] fc6;
            try {
                fc6 = inFlight.get();
            } catch (InterruptedException e) {
                inFlight.cancel(true);
                Thread.currentThread().interrupt();
                throw new Video2GifException(video.path(), "Interrupted while C3D ran on \"" + video.path() + "\"", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException("C3D forward pass failed: " + cause, cause);
            } finally {
                inFlight = null;
            }
            addUnits(fc6, inFlightStarts, inFlightEnds, inFlightCount);
            spareBatch = inFlightBatch;
            spareStarts = inFlightStarts;
            spareEnds = inFlightEnds;
        }

        private void addUnits(float[][] fc6, long[] unitStarts, long[] unitEnds, int n) {
            double[] scores = head == null ? null : head.score(fc6);
            for (int i = 0; i < n; i++) {
                float[] unit;
                if (head != null) {
                    double s = scores[i * perSnippet];
                    if (perSnippet == 2) {
                        s = (s + scores[i * perSnippet + 1]) / 2;
                    }
                    unit = new float[] {(float) s};
                } else if (perSnippet == 2) {
                    float[] a = fc6[2 * i];
                    float[] b = fc6[2 * i + 1];
                    unit = new float[a.length];
                    for (int k = 0; k < a.length; k++) {
                        unit[k] = (a[k] + b[k]) * 0.5f;
                    }
                } else {
                    unit = fc6[i];
                }
                track.add(unitStarts[i], unitEnds[i], unit);
            }
        }

        @Override
        public FeatureTrack finish() throws Video2GifException {
            if (finished) {
                throw new IllegalStateException("finish() was already called");
            }
            finished = true;
            if (count == 0) {
                throw new EmptyVideoException(video.path(), "No frame reached the C3D feature extractor for \""
                        + video.path() + "\"");
            }
            if (count < SnippetMean.FRAMES) {
                addSnippet(0, count);
            } else if (lastStart + SnippetMean.FRAMES < count) {
                addSnippet(count - SnippetMean.FRAMES, count);
            }
            flush();
            collect();
            return track;
        }
    }
}
