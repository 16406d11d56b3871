package io.github.video2gif.core.segment;

import io.github.video2gif.api.FrameFormat;
import io.github.video2gif.api.Segment;
import io.github.video2gif.api.Segmentation;
import io.github.video2gif.api.Segmenter;
import io.github.video2gif.api.Transition;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shot boundaries by multiple change-point detection, as in the Video2GIF paper (which took the segmentation of
 * TVSum, Song et al., CVPR 2015): kernel temporal segmentation ({@link KernelChangePoints}; Potapov, Douze,
 * Harchaoui and Schmid, ECCV 2014) over per-frame colour and layout features, then a test of every change point
 * that tells hard cuts, gradual transitions (dissolves, wipes) and changes within a shot apart; fades through
 * black from the frames' brightness; low-quality frames; GIF-length candidates inside the shots
 * ({@link CandidateWindows}).
 *
 * <h2>Steps</h2>
 * <ol>
 *   <li>Each frame, at the 160-pixel analysis size, gives a {@link FrameSignature}: a colour histogram, a colour
 *       layout and a contrast-normalised luma layout (the kernel's input vector), and a few numbers kept for
 *       every frame (mean and spread of luma, sharpness, the feature distance from the previous frame). The
 *       vectors live only while their frame is in the analysis window.</li>
 *   <li>The frames are cut into overlapping windows of {@code windowSeconds} (at most 1024 frames), one every
 *       half window. In each, KTS with the Gaussian kernel {@code K(i,j) = exp(-|x_i - x_j|^2 / bandwidth)} and
 *       the penalty {@code beta * m * (1 + ln(n/m))} places the change points; a change point is taken from the
 *       window whose middle half holds it. A window of {@code n} frames costs {@code O(n^2)} memory and at most
 *       {@code O(n^3 / 4)} time (in practice {@code O(m n^2)} for {@code m} change points), so a video costs time
 *       linear in its length and memory that does not grow with it, besides those few numbers per frame.</li>
 *   <li>Around each change point, within a context that stops at other hard jumps, black frames and fades:
 *       <ul>
 *         <li>if one frame next to it is a hard jump (large, three times its neighbours', and over much of the
 *             picture at once), it is judged as a <b>hard cut</b> there, frame-accurately (the cut is the 0-based
 *             index of the first frame of the new shot);</li>
 *         <li>otherwise a {@link TransitionFit} (line, straight blend, line) finds where the change starts and
 *             ends; a change in one or two frames is judged as a cut, a longer one as a <b>gradual
 *             transition</b>: {@link Transition.Type#WIPE} when its middle frame is part old picture, part new,
 *             else {@link Transition.Type#DISSOLVE}.</li>
 *       </ul>
 *       A cut must change the picture by {@code cutThreshold} (squared feature distance between the frames
 *       before and after), by {@code noiseRatio} times the variation within them, in one step over at least
 *       12 % of the picture (a moving object changes its cells in every frame), must not be the same picture in
 *       other light (structure and chromaticity unchanged: a lamp switched on) and must not be a flash (the old
 *       picture back within {@code flashSeconds}). A gradual transition must change the picture by
 *       {@code gradualThreshold} over at least 40 % of it (a title fading in does not), last 0.2 s or more, be
 *       close to a straight blend, happen between two steady pictures and faster than the motion in them (a pan
 *       or a zoom does not).</li>
 *   <li>Fades through black come from the brightness of every frame ({@link BlackFades}); a cut inside a fade,
 *       or a gradual transition mostly inside one, becomes part of it: a fade is one transition, never a burst
 *       of cuts.</li>
 *   <li>Runs of frames that are very dark, uniform or blurred ({@link FrameQuality}) are left out of the
 *       candidates; candidates are GIF-length windows of what remains of each shot.</li>
 * </ol>
 *
 * <p>Streaming: the segmenter sees each frame once and keeps no frame. Trace logging (SLF4J, this class) prints
 * every change point's measurements and the verdict.
 */
public final class KernelChangePointSegmenter implements Segmenter {
    private static final Logger LOG = LoggerFactory.getLogger(KernelChangePointSegmenter.class);
    /** A cut changes at least this share of the picture's cells in one step (see {@link TransitionFit}). */
    private static final double MIN_NOVEL_SHARE = 0.12;
    /** A gradual transition changes at least this share of the picture's cells (a title fading in does not). */
    private static final double MIN_CHANGED_AREA = 0.4;
    /** A dissolve or wipe lasts at least this long (and 3 frames); a shorter ramp is motion or a soft cut. */
    private static final double MIN_GRADUAL_SECONDS = 0.2;
    /**
     * Across a one-frame change, a structure change below this (squared distance of unit-spread luma layouts) and
     * a chromaticity shift below {@link #SAME_CHROMA} mean the same picture in other light (a lamp switched on),
     * not a cut.
     */
    private static final double SAME_STRUCTURE = 0.03;
    private static final double SAME_CHROMA = 0.03;

    /** Analysis size: small frames are enough and fast to get from the decoder. */
    public static final FrameFormat FORMAT = FrameFormat.fit(160, 160);

    private final Settings settings;
    private final FrameQuality quality;
    private final CandidateWindows windows;

    /**
     * Detection settings.
     *
     * @param windowSeconds    length of the KTS windows (the most frames in one window is 1024)
     * @param beta             KTS penalty weight per change point (larger: fewer change points proposed)
     * @param bandwidth        Gaussian kernel width, in squared feature distance
     * @param cutThreshold     a hard cut changes the picture by at least this squared feature distance
     * @param gradualThreshold a gradual transition changes the picture by at least this much
     * @param noiseRatio       a boundary's change is at least this many times the picture's own variation
     * @param maxGradualSeconds the longest dissolve or wipe
     * @param anchorSeconds    how much of the pictures before and after a change are compared
     * @param flashSeconds     a picture that comes back within this time was a flash, not a cut
     * @param blackLuma        fades: frames darker than this mean luma (0..255), and flat, are black
     */
    public record Settings(double windowSeconds, double beta, double bandwidth, double cutThreshold,
                           double gradualThreshold, double noiseRatio, double maxGradualSeconds, double anchorSeconds,
                           double flashSeconds, double blackLuma) {
        public static final Settings DEFAULT = new Settings(10, 0.5, 0.5, 0.06, 0.16, 3.0, 2.0, 0.5, 0.35, 12);

        public Settings {
            if (!(windowSeconds >= 1 && windowSeconds <= 120)) {
                throw new IllegalArgumentException("windowSeconds must be in [1, 120], was " + windowSeconds);
            }
            if (!(beta > 0 && beta < 1e6) || !(bandwidth > 0 && bandwidth < 1e6)) {
                throw new IllegalArgumentException("beta and bandwidth must be positive, were " + beta + ", " + bandwidth);
            }
            if (!(cutThreshold > 0) || !(gradualThreshold > 0) || !(noiseRatio >= 0)) {
                throw new IllegalArgumentException("thresholds must be positive: " + cutThreshold + ", "
                        + gradualThreshold + ", " + noiseRatio);
            }
            if (!(maxGradualSeconds > 0 && maxGradualSeconds <= windowSeconds / 4)
                    || !(anchorSeconds > 0 && anchorSeconds <= windowSeconds / 4)) {
                throw new IllegalArgumentException("maxGradualSeconds and anchorSeconds must be in (0, windowSeconds/4], "
                        + "were " + maxGradualSeconds + ", " + anchorSeconds);
            }
            if (!(flashSeconds >= 0 && flashSeconds <= 5) || !(blackLuma >= 0 && blackLuma <= 255)) {
                throw new IllegalArgumentException("bad flashSeconds or blackLuma: " + flashSeconds + ", " + blackLuma);
            }
        }
    }

    public KernelChangePointSegmenter(Settings settings, FrameQuality quality, CandidateWindows windows) {
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
        this.quality = java.util.Objects.requireNonNull(quality, "quality");
        this.windows = java.util.Objects.requireNonNull(windows, "windows");
    }

    /** With the default settings and the given candidate windows. */
    public KernelChangePointSegmenter(CandidateWindows windows) {
        this(Settings.DEFAULT, FrameQuality.DEFAULT, windows);
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public FrameFormat frameFormat() {
        return FORMAT;
    }

    @Override
    public Session start(VideoInfo video) {
        return new KtsSession(video.fps());
    }

    /**
     * A boundary found in a window.
     *
     * @param misfit for a gradual transition, how far its fit is from a clean ramp between steady pictures
     */
    private record Found(long start, long end, Transition.Type type, double misfit) {
        Found(long start, long end, Transition.Type type) {
            this(start, end, type, 0);
        }
    }

    /**
     * How far a fit is from a clean ramp between steady pictures (0: clean): a ramp that stops short of the end
     * of a transition leaves the rest of it in an anchor, which then varies.
     */
    private static double misfit(TransitionFit.Result r) {
        return Math.abs(r.stepShare() - 1) + r.anchorSlope() + r.residual() + r.noise() / r.change();
    }

    private final class KtsSession implements Session, TransitionFit.Frames {
        private static final int DIM = FrameSignature.DIMENSION;
        private static final int LAYOUT = FrameSignature.LAYOUT * FrameSignature.LAYOUT;

        private final FrameSignature signature = new FrameSignature();
        private final int window;
        private final int quarter;
        private final int context;
        private final int maxRamp;
        private final int anchor;
        private final int flash;
        private final int minGradual;
        private final float[][] features;
        private final float[][] layouts;
        private final float[] gram;
        private final float[] windowGram;
        private final KernelChangePoints kts;
        private final TransitionFit fit;
        private final Timeline timeline = new Timeline();
        private final List<Found> found = new ArrayList<>();
        private float[] meanLuma = new float[1024];
        private float[] stdLuma = new float[1024];
        private float[] jumps = new float[1024];
        private byte[] poor = new byte[1024];
        private int n;
        private long windowStart;
        private long acceptedUntil;

        KtsSession(double fps) {
            int w = (int) Math.round(settings.windowSeconds() * fps);
            w = Math.max(32, Math.min(1024, w));
            this.window = w - (w % 4);
            this.quarter = window / 4;
            this.maxRamp = Math.max(2, (int) Math.round(settings.maxGradualSeconds() * fps));
            this.anchor = Math.max(2, (int) Math.round(settings.anchorSeconds() * fps));
            this.context = Math.min(quarter, (3 * maxRamp) / 4 + anchor);
            this.flash = Math.max(1, (int) Math.round(settings.flashSeconds() * fps));
            this.minGradual = Math.max(3, (int) Math.round(MIN_GRADUAL_SECONDS * fps));
            this.features = new float[window][DIM];
            this.layouts = new float[window][LAYOUT];
            this.gram = new float[window * window];
            this.windowGram = new float[window * window];
            this.kts = new KernelChangePoints(window, Math.max(1, window / 4), settings.beta(), 8);
            this.fit = new TransitionFit(DIM, 2 * context + 1);
        }

        @Override
        public void accept(VideoFrame frame) {
            signature.compute(frame);
            if (n == meanLuma.length) {
                int cap = n * 2;
                meanLuma = Arrays.copyOf(meanLuma, cap);
                stdLuma = Arrays.copyOf(stdLuma, cap);
                jumps = Arrays.copyOf(jumps, cap);
                poor = Arrays.copyOf(poor, cap);
            }
            int slot = n % window;
            float[] x = features[slot];
            System.arraycopy(signature.feature(), 0, x, 0, DIM);
            System.arraycopy(signature.layout(), 0, layouts[slot], 0, LAYOUT);
            double inv = 1.0 / settings.bandwidth();
            int row = slot * window;
            gram[row + slot] = 1f;
            for (long j = Math.max(0, (long) n - window + 1); j < n; j++) {
                int other = (int) (j % window);
                float d2 = FrameSignature.squaredDistance(x, features[other]);
                float k = (float) Math.exp(-d2 * inv);
                gram[row + other] = k;
                gram[other * window + slot] = k;
                if (j == n - 1) {
                    jumps[n] = d2;
                }
            }
            meanLuma[n] = (float) signature.meanLuma();
            stdLuma[n] = (float) signature.stdLuma();
            poor[n] = (byte) quality.assess(signature.meanLuma(), signature.stdLuma(), signature.sharpness());
            timeline.add(frame.timestampSec());
            n++;
            if (n == windowStart + window) {
                long accLo = windowStart == 0 ? 0 : windowStart + quarter;
                long accHi = windowStart + 3L * quarter;
                process(windowStart, n, accLo, accHi);
                acceptedUntil = accHi;
                windowStart += 2L * quarter;
            }
        }

        @Override
        public Segmentation finish() {
            if (n == 0) {
                return new Segmentation(List.of(), List.of(), List.of(), List.of());
            }
            if (acceptedUntil < n) {
                process(Math.max(0, (long) n - window), n, acceptedUntil, n);
                acceptedUntil = n;
            }
            List<Transition> fades = BlackFades.find(meanLuma, stdLuma, n, timeline.frameInterval(),
                    settings.blackLuma());
            List<Transition> gradual = new ArrayList<>(fades);
            List<Long> cuts = new ArrayList<>();
            found.sort(Comparator.comparingLong(Found::start));
            for (Found f : found) {
                if (f.type() == Transition.Type.CUT) {
                    if (!inside(fades, f.start())) {
                        cuts.add(f.start());
                    }
                    continue;
                }
                // a gradual transition mostly inside a fade is part of it; one that only touches a fade keeps
                // what lies outside it
                long[] rest = outside(fades, f.start(), f.end());
                if (rest != null && rest[1] - rest[0] >= Math.max(minGradual, (f.end() - f.start()) / 2)) {
                    gradual.add(new Transition(rest[0], rest[1], f.type()));
                }
            }
            gradual.sort(Comparator.comparingLong(Transition::startFrame));
            gradual = mergeOverlaps(gradual);
            List<Long> keptCuts = new ArrayList<>();
            for (long c : cuts) {
                boolean byTransition = gradual.stream().anyMatch(t -> t.startFrame() - 1 <= c && c <= t.endFrame());
                if (!byTransition && (keptCuts.isEmpty() || c > keptCuts.get(keptCuts.size() - 1))) {
                    keptCuts.add(c);
                }
            }
            List<Transition> transitions = new ArrayList<>(gradual);
            for (long c : keptCuts) {
                transitions.add(new Transition(c, c + 1, Transition.Type.CUT));
            }
            transitions.sort(Comparator.comparingLong(Transition::startFrame));
            List<long[]> ranges = Shots.ranges(n, keptCuts, gradual);
            List<Segment> shots = Shots.segments(ranges, timeline);
            List<long[]> usable = CandidateWindows.excluding(ranges,
                    quality.poorRuns(poor, n, timeline.frameInterval()));
            return new Segmentation(keptCuts, transitions, shots, windows.candidates(usable, timeline));
        }

        /** Whether frame f lies in one of the transitions (or on the frame right after one). */
        private boolean inside(List<Transition> ts, long f) {
            for (Transition t : ts) {
                if (f >= t.startFrame() && f <= t.endFrame()) {
                    return true;
                }
            }
            return false;
        }

        /** The part of [start, end) outside the transitions (null when none is left or it is split). */
        private long[] outside(List<Transition> ts, long start, long end) {
            long s = start;
            long e = end;
            for (Transition t : ts) {
                if (t.endFrame() <= s || t.startFrame() >= e) {
                    continue;
                }
                if (t.startFrame() <= s) {
                    s = t.endFrame();
                } else if (t.endFrame() >= e) {
                    e = t.startFrame();
                } else {
                    return null;
                }
            }
            return e > s ? new long[] {s, e} : null;
        }

        private List<Transition> mergeOverlaps(List<Transition> sorted) {
            List<Transition> out = new ArrayList<>();
            for (Transition t : sorted) {
                if (!out.isEmpty() && out.get(out.size() - 1).endFrame() >= t.startFrame()) {
                    Transition last = out.remove(out.size() - 1);
                    Transition.Type type = isFade(last.type()) ? last.type() : isFade(t.type()) ? t.type() : last.type();
                    out.add(new Transition(last.startFrame(), Math.max(last.endFrame(), t.endFrame()), type));
                } else {
                    out.add(t);
                }
            }
            return out;
        }

        private boolean isFade(Transition.Type t) {
            return t == Transition.Type.FADE_IN || t == Transition.Type.FADE_OUT;
        }

        /** Runs KTS on frames [start, end) and examines the change points in [accLo, accHi). */
        private void process(long start, long end, long accLo, long accHi) {
            int len = (int) (end - start);
            for (int i = 0; i < len; i++) {
                int si = (int) ((start + i) % window) * window;
                int row = i * len;
                for (int j = 0; j < len; j++) {
                    windowGram[row + j] = gram[si + (int) ((start + j) % window)];
                }
            }
            int[] cps = kts.detect(windowGram, len, len);
            for (int cp : cps) {
                long c = start + cp;
                if (c < accLo - 2 || c >= accHi + 2 || claimed(c)) {
                    continue;
                }
                examine(c, start, end);
            }
        }

        /**
         * Adds a gradual transition unless it overlaps a boundary already found; where it overlaps exactly one
         * gradual transition whose fit is worse, it replaces it. Returns why it was not added, or null.
         */
        private String addGradual(Found g) {
            int overlapping = -1;
            for (int i = found.size() - 1; i >= 0 && i >= found.size() - 8; i--) {
                Found f = found.get(i);
                if (g.start() <= f.end() && f.start() <= g.end()) {
                    if (overlapping >= 0 || f.type() == Transition.Type.CUT || f.misfit() <= g.misfit()) {
                        return "taken";
                    }
                    overlapping = i;
                }
            }
            if (overlapping >= 0) {
                found.set(overlapping, g);
            } else {
                found.add(g);
            }
            return null;
        }

        /** Whether [start, end] meets a boundary already found (the first finding of a transition stands). */
        private boolean overlapsFound(long start, long end) {
            for (int i = found.size() - 1; i >= 0 && i >= found.size() - 8; i--) {
                Found f = found.get(i);
                if (start <= f.end() && f.start() <= end) {
                    return true;
                }
            }
            return false;
        }

        private boolean claimed(long c) {
            for (int i = found.size() - 1; i >= 0 && i >= found.size() - 8; i--) {
                Found f = found.get(i);
                if (c >= f.start() - 2 && c <= f.end() + 2) {
                    return true;
                }
            }
            return false;
        }

        private void examine(long c, long start, long end) {
            long lo = Math.max(start, c - context);
            long hi = Math.min(end, c + context);
            for (long p = c - 3; p > lo; p--) {
                if (spike(p, start, end) || black(p - 1)) {
                    lo = p;
                    break;
                }
            }
            for (long p = c + 3; p < hi; p++) {
                if (spike(p, start, end) || black(p)) {
                    hi = p;
                    break;
                }
            }
            // fades (found from the brightness of the frames at hand) bound the context too
            for (Transition f : BlackFades.find(meanLuma, stdLuma, (int) Math.max(0, lo - context), (int) end,
                    timeline.frameInterval(), settings.blackLuma())) {
                if (f.endFrame() <= c) {
                    lo = Math.max(lo, f.endFrame());
                } else if (f.startFrame() > c) {
                    hi = Math.min(hi, f.startFrame());
                }
            }
            if (c - lo < 1 || hi - c < 1) {
                return;
            }
            // a hard cut shows as one large jump at (or next to) the change point: judge it on its own there
            long spikeAt = -1;
            for (long p = Math.max(lo + 1, c - 2); p <= Math.min(hi - 1, c + 2); p++) {
                if (spike(p, start, end) && (spikeAt < 0 || jumps[(int) p] > jumps[(int) spikeAt])) {
                    spikeAt = p;
                }
            }
            TransitionFit.Result r = spikeAt >= 0
                    ? fit.fit(this, lo, spikeAt, hi, 0, anchor, 0)
                    : fit.fit(this, lo, c, hi, maxRamp, anchor, 2);
            if (r == null) {
                return;
            }
            boolean cut = r.length() <= 1 || r.jumpShare() >= 0.6;
            long at = r.length() == 0 ? r.start() : r.jumpFrame();
            String verdict;
            if (cut) {
                verdict = overlapsFound(at, at) ? "taken" : acceptCut(r, at, start, end);
                if (verdict == null) {
                    found.add(new Found(at, at, Transition.Type.CUT));
                }
            } else {
                verdict = acceptGradual(r);
                if (verdict == null) {
                    Transition.Type type = r.wipeShare() >= 0.6 ? Transition.Type.WIPE : Transition.Type.DISSOLVE;
                    verdict = addGradual(new Found(r.start(), r.end(), type, misfit(r)));
                }
            }
            if (LOG.isTraceEnabled()) {
                LOG.trace(String.format(Locale.ROOT, "cp %d ctx [%d,%d) -> [%d,%d) %s change %.3f noise %.4f "
                                + "slope %.2f step %.2f resid %.2f jump %.2f@%d wipe %.2f anchor %d area %.2f "
                                + "novel %.2f pace %.1f struct %.3f chroma %.3f: %s",
                        c, lo, hi, r.start(), r.end(), cut ? "cut" : "ramp", r.change(), r.noise(), r.anchorSlope(),
                        r.stepShare(), r.residual(), r.jumpShare(), r.jumpFrame(), r.wipeShare(), r.anchorFrames(),
                        r.changedShare(), r.novelShare(), r.pace(), r.structureChange(), r.chromaShift(),
                        verdict == null ? "BOUNDARY" : verdict));
            }
        }

        /** Why a one-frame change is not a cut, or null when it is. */
        private String acceptCut(TransitionFit.Result r, long at, long start, long end) {
            if (r.change() < settings.cutThreshold()) {
                return "small";
            }
            if (r.change() < settings.noiseRatio() * r.noise()) {
                return "noisy";
            }
            if (r.stepShare() < 0.7 || r.jumpShare() < 0.5) {
                return "drift";
            }
            if (r.novelShare() < MIN_NOVEL_SHARE) {
                return "local";
            }
            double[] across = fit.acrossFrame(this, at, Math.max(start, at - anchor), Math.min(end, at + anchor));
            if (across[0] < SAME_STRUCTURE && across[1] < SAME_CHROMA) {
                return "same picture, other light";
            }
            if (isFlash(at, start, end)) {
                return "flash";
            }
            return null;
        }

        /** Why a ramp is not a gradual transition, or null when it is. */
        private String acceptGradual(TransitionFit.Result r) {
            if (r.length() < minGradual) {
                return "short";
            }
            if (r.change() < settings.gradualThreshold()) {
                return "small";
            }
            if (r.change() < settings.noiseRatio() * r.noise()) {
                return "noisy";
            }
            if (r.stepShare() < 0.6 || r.stepShare() > 1.4 || (r.anchorSlope() > 0.3 && r.pace() < 4)) {
                return "drift";
            }
            if (r.residual() > 0.5) {
                return "not straight";
            }
            if (r.pace() < 1.25) {
                return "steady pace";
            }
            if (r.changedShare() < MIN_CHANGED_AREA) {
                return "local";
            }
            return null;
        }

        /** Whether the picture before {@code at} comes back within the flash time (or left just before). */
        private boolean isFlash(long at, long start, long end) {
            int k = 2;
            if (at - k < start) {
                return false;
            }
            float[] before = mean(at - k, at);
            float[] after = mean(at, Math.min(end, at + k));
            float change = FrameSignature.squaredDistance(before, after);
            for (long t = at + 1; t <= at + flash && t + k <= end; t++) {
                if (FrameSignature.squaredDistance(before, mean(t, t + k)) < 0.2f * change) {
                    return true;
                }
            }
            for (long t = at - 1; t >= at - flash && t - k >= start; t--) {
                if (FrameSignature.squaredDistance(after, mean(t - k, t)) < 0.2f * change) {
                    return true;
                }
            }
            return false;
        }

        private float[] mean(long from, long to) {
            float[] m = new float[DIM];
            for (long t = from; t < to; t++) {
                float[] y = features[(int) (t % window)];
                for (int i = 0; i < DIM; i++) {
                    m[i] += y[i];
                }
            }
            float inv = 1f / Math.max(1, to - from);
            for (int i = 0; i < DIM; i++) {
                m[i] *= inv;
            }
            return m;
        }

        /** A black frame belongs to no shot: fit contexts stop there. */
        private boolean black(long p) {
            return meanLuma[(int) p] < settings.blackLuma() && stdLuma[(int) p] < BlackFades.FLAT_STD;
        }

        /**
         * A hard jump at frame p: large, several times its neighbours', and over much of the picture at once
         * (the first strip of a wipe or the first colours of a dissolve can be a large jump too).
         */
        private boolean spike(long p, long start, long end) {
            float j = jumps[(int) p];
            if (j < settings.cutThreshold()) {
                return false;
            }
            float before = p - 1 > start ? jumps[(int) p - 1] : 0;
            float after = p + 1 < end ? jumps[(int) p + 1] : 0;
            return j > 3 * Math.max(before, after) && TransitionFit.novelShare(this, p, start, end) >= MIN_NOVEL_SHARE;
        }

        @Override
        public float[] feature(long frame) {
            return features[(int) (frame % window)];
        }

        @Override
        public float[] layout(long frame) {
            return layouts[(int) (frame % window)];
        }

        @Override
        public float jump(long frame) {
            return jumps[(int) frame];
        }
    }
}
