package io.github.video2gif.core.align;

import io.github.video2gif.api.DecodeOptions;
import io.github.video2gif.api.FrameStream;
import io.github.video2gif.api.UnreadableGifException;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.VideoDecoder;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.core.gif.GifReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Times a hash alignment more finely. Perceptual hashes keep only the signs of 64 low frequencies, so along a slow
 * pan or zoom many neighbouring video frames hash alike and the hash match can sit a few frames off; in a zoom
 * shot, a crop of the wrong size also matches a different moment. This second pass looks at the pictures:
 * <ol>
 *   <li>it re-decodes only the matched stretch of video (with a margin) at the analysis size;</li>
 *   <li>it takes the 32 x 32 area-averaged luma thumbnail of every GIF frame (whole or band, as matched; at most
 *       {@value #MAX_GIF_FRAMES} frames, evenly chosen) and of every video frame under the matched
 *       {@link CropView}, rescaled by zooms within 8 % of it in 1 % steps (the standard views are 20 % apart);</li>
 *   <li>it correlates every GIF thumbnail with every video thumbnail (Pearson correlation, blind to the
 *       brightness and contrast shifts of GIF palettes);</li>
 *   <li>it searches the zoom, the start (within {@value #START_REACH_SEC} s of the hash match, in quarter-frame
 *       steps) and the speed (within 30 % of the hash match's, in 1 % steps) for the line along which the GIF
 *       frames correlate best on average with the video frames on screen at their times, and keeps the middle of
 *       the best run of equal starts; when the best lies on the edge of those ranges (a poor hash match), it
 *       searches again around it, up to {@value #ROUNDS} times.</li>
 * </ol>
 * The whole line is scored at once, so no single frame's flat optimum (a still, a slow pan) can pull it. The
 * decision (found or not, confidence) stays the hash matcher's; only the times, frames, speed and the crop's zoom
 * change.
 *
 * <p>Memory: the decoded stretch (the GIF's span plus at most {@value #MAX_MARGIN_SEC} s each side) is held at the
 * analysis size, about 43 KB a frame (some 25 MB for a 10 s GIF of 25 fps video), plus one correlation per GIF
 * thumbnail, video frame and zoom.
 */
public final class ThumbnailRefiner {
    static final double START_REACH_SEC = 1.0;
    static final int MAX_GIF_FRAMES = 120;
    private static final int ZOOM_STEPS = 8;
    private static final double ZOOM_STEP = 0.01;
    private static final int SPEED_STEPS = 30;
    private static final double SPEED_STEP = 0.01;
    private static final int ROUNDS = 2;
    private static final double MAX_MARGIN_SEC = 5.0;
    private static final double MIN_CORRELATION = 0.6;

    private final GifReader.Limits gifLimits;

    public ThumbnailRefiner(GifReader.Limits gifLimits) {
        this.gifLimits = Objects.requireNonNull(gifLimits, "gifLimits");
    }

    /**
     * Refines {@code coarse}, an alignment of {@code gif} against {@code videoTrack} (the hashes of {@code video}).
     *
     * @return the refined alignment, or {@code coarse} itself when too few GIF frames match sharply
     */
    public GifAlignment refine(GifAlignment coarse, Path gif, Path video, HashTrack videoTrack, VideoDecoder decoder)
            throws Video2GifException {
        Objects.requireNonNull(coarse, "coarse");
        CropView gifView = coarse.view().band() ? CropView.BAND : CropView.FULL;
        List<double[]> gifThumbs = new ArrayList<>();
        List<Double> gifTimes = new ArrayList<>();
        readGif(gif, gifView, coarse.gifFrames(), gifThumbs, gifTimes);
        if (gifThumbs.isEmpty()) {
            return coarse;
        }
        double a = coarse.startSec();
        double b = coarse.speed();
        double margin = Math.min(MAX_MARGIN_SEC,
                ROUNDS * (START_REACH_SEC + SPEED_STEPS * SPEED_STEP * coarse.durationSec()) + 0.1);
        double from = Math.max(0, a - margin);
        double to = coarse.endSec() + margin;
        List<VideoFrame> frames = new ArrayList<>();
        try (FrameStream stream = decoder.open(video, DecodeOptions.range(GifAligner.ANALYSIS_FORMAT, from, to))) {
            for (VideoFrame f = stream.next(); f != null; f = stream.next()) {
                frames.add(f);
            }
        }
        if (frames.size() < 3) {
            return coarse;
        }
        double[] videoTimes = new double[frames.size()];
        for (int j = 0; j < videoTimes.length; j++) {
            videoTimes[j] = frames.get(j).timestampSec();
        }
        double gifDuration = coarse.durationSec() / coarse.speed();
        int k = gifThumbs.size();
        double[] g = new double[k];
        for (int i = 0; i < k; i++) {
            g[i] = gifTimes.get(i);
        }

        // Search zoom, start and speed together for the highest mean correlation along the line; when the best
        // lies on the edge of the start or speed range (a poor hash match), search again around it.
        CropView view = coarse.view();
        double dt = videoTrack.medianInterval();
        java.util.Map<Integer, double[][]> corrByZoom = new java.util.HashMap<>();
        double best = Double.NEGATIVE_INFINITY;
        double bestA = a;
        double bestB = b;
        CropView bestView = view;
        int steps = (int) Math.round(2 * START_REACH_SEC / (dt / 4));
        double[] scores = new double[steps + 1];
        for (int round = 0; round < ROUNDS; round++) {
            double centreA = bestA;
            double centreB = bestB;
            boolean onEdge = false;
            for (int zs = -ZOOM_STEPS; zs <= ZOOM_STEPS; zs++) {
                double zoom = view.zoom() * (1 + zs * ZOOM_STEP);
                if (zoom < 1) {
                    continue;
                }
                CropView candidate = new CropView(view.aspect(), zoom, view.band());
                double[][] corr = corrByZoom.computeIfAbsent(zs, z -> correlations(gifThumbs,
                        thumbnails(frames, candidate)));
                for (int bs = -SPEED_STEPS; bs <= SPEED_STEPS; bs++) {
                    double speed = centreB * (1 + bs * SPEED_STEP);
                    double top = Double.NEGATIVE_INFINITY;
                    for (int q = 0; q <= steps; q++) {
                        scores[q] = meanCorrelation(corr, videoTimes, g, centreA - START_REACH_SEC + q * dt / 4,
                                speed);
                        if (scores[q] > top) {
                            top = scores[q];
                        }
                    }
                    if (!(top > best)) {
                        continue;
                    }
                    // Starts a fraction of a frame apart often score the same: take the middle of the best run.
                    int first = 0;
                    while (!(scores[first] >= top - 1e-12)) {
                        first++;
                    }
                    int last = first;
                    while (last + 1 <= steps && scores[last + 1] >= top - 1e-12) {
                        last++;
                    }
                    best = top;
                    bestA = centreA - START_REACH_SEC + 0.5 * (first + last) * dt / 4;
                    bestB = speed;
                    bestView = candidate;
                    onEdge = first == 0 || last == steps || Math.abs(bs) == SPEED_STEPS;
                }
            }
            if (!onEdge) {
                break;
            }
        }
        if (!Double.isFinite(best) || best < MIN_CORRELATION) {
            return coarse;
        }
        GifAlignment refined = relabel(coarse, bestA, bestB, gifDuration, videoTrack);
        return new GifAlignment(refined.found(), refined.startSec(), refined.endSec(), refined.startFrame(),
                refined.endFrame(), refined.confidence(), refined.separation(), refined.frameMargin(),
                refined.speed(), bestView, refined.gifFrames(), refined.meanDistance(), refined.runnerUpDistance());
    }

    private static double[][] correlations(List<double[]> gif, double[][] video) {
        double[][] corr = new double[gif.size()][video.length];
        for (int i = 0; i < corr.length; i++) {
            for (int j = 0; j < video.length; j++) {
                corr[i][j] = dot(gif.get(i), video[j]);
            }
        }
        return corr;
    }

    /**
     * Mean correlation of the GIF frames with the video frames on screen at {@code start + speed * g}
     * (NaN when a prediction falls outside the decoded stretch).
     */
    private static double meanCorrelation(double[][] corr, double[] times, double[] g, double start, double speed) {
        double sum = 0;
        int j = 0;
        for (int i = 0; i < g.length; i++) {
            double p = start + speed * g[i] + 1e-9;
            if (p < times[0] || p > times[times.length - 1] + (times[times.length - 1] - times[0]) / times.length) {
                return Double.NaN;
            }
            while (j + 1 < times.length && times[j + 1] <= p) {
                j++;
            }
            sum += corr[i][j];
        }
        return sum / g.length;
    }

    private static double[][] thumbnails(List<VideoFrame> frames, CropView view) {
        DctPerceptualHash hasher = new DctPerceptualHash();
        double[][] out = new double[frames.size()][];
        for (int j = 0; j < out.length; j++) {
            VideoFrame f = frames.get(j);
            hasher.loadRgb(f.rgb(), f.width(), f.height());
            double[] r = view.region(f.width(), f.height());
            double[] t = new double[DctPerceptualHash.SIZE * DctPerceptualHash.SIZE];
            hasher.thumbnail(r[0], r[1], r[2], r[3], t);
            out[j] = normalise(t);
        }
        return out;
    }

    private GifAlignment relabel(GifAlignment c, double a, double b, double gifDuration, HashTrack video) {
        double videoEnd = video.endSec();
        double start = Math.min(Math.max(a, Math.max(0, video.time(0))), videoEnd);
        double end = Math.min(Math.max(a + b * gifDuration, start), videoEnd);
        int n = video.size();
        double dt = video.medianInterval();
        long startFrame = video.frameIndex(video.nearest(start));
        int after = video.firstAtOrAfter(end - 0.5 * dt);
        long endFrame = after >= n ? video.frameIndex(n - 1) + 1 : video.frameIndex(after);
        endFrame = Math.max(endFrame, startFrame);
        return new GifAlignment(c.found(), start, end, startFrame, endFrame, c.confidence(), c.separation(),
                c.frameMargin(), b, c.view(), c.gifFrames(), c.meanDistance(), c.runnerUpDistance());
    }

    private void readGif(Path gif, CropView view, int frames, List<double[]> thumbs, List<Double> times)
            throws UnreadableGifException {
        int step = Math.max(1, (frames + MAX_GIF_FRAMES - 1) / MAX_GIF_FRAMES);
        DctPerceptualHash hasher = new DctPerceptualHash();
        try (GifReader reader = GifReader.open(gif, gifLimits)) {
            double t0 = Double.NaN;
            for (GifReader.Frame f = reader.next(); f != null; f = reader.next()) {
                if (Double.isNaN(t0)) {
                    t0 = f.timestampSec();
                }
                if (f.index() % step != 0) {
                    continue;
                }
                hasher.loadArgb(f.argb(), f.width(), f.height(), 0);
                double[] r = view.region(f.width(), f.height());
                double[] t = new double[DctPerceptualHash.SIZE * DctPerceptualHash.SIZE];
                hasher.thumbnail(r[0], r[1], r[2], r[3], t);
                thumbs.add(normalise(t));
                times.add(f.timestampSec() - t0);
            }
        }
    }

    /** Zero mean, unit length (a flat thumbnail stays zero and correlates with nothing). */
    static double[] normalise(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double ss = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] -= mean;
            ss += v[i] * v[i];
        }
        double norm = Math.sqrt(ss);
        if (norm > 1e-9) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
        return v;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
