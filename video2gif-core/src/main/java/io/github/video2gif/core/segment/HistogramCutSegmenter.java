package io.github.video2gif.core.segment;

import io.github.video2gif.api.FrameFormat;
import io.github.video2gif.api.Segment;
import io.github.video2gif.api.Segmentation;
import io.github.video2gif.api.Segmenter;
import io.github.video2gif.api.Transition;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import io.github.video2gif.core.image.FrameMeasures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hard cuts from colour-histogram differences between consecutive frames, fades through black from runs of dark
 * frames, and GIF-length candidate windows inside the shots.
 *
 * <p>A frame {@code t} opens a new shot when the HSV-histogram distance {@code d(t-1, t)} is at least
 * {@code hardThreshold}, or at least {@code softThreshold} and {@code ratio} times the mean distance of its
 * neighbours within {@code window} frames (an adaptive test that keeps fast motion from looking like cuts).
 * A one- or two-frame flash (the frames after it look like the frames before it) is not a cut. Cuts closer
 * than {@code minShotSeconds} keep the stronger one. Streaming: it keeps a few numbers per frame, never the
 * frames.
 */
public final class HistogramCutSegmenter implements Segmenter {
    /** Analysis size: small frames are enough for histograms and fast to get from the decoder. */
    public static final FrameFormat FORMAT = FrameFormat.fit(160, 160);

    private final Settings settings;
    private final CandidateWindows windows;

    /**
     * Detection settings.
     *
     * @param hardThreshold  a histogram distance at or above this is a cut (0..1)
     * @param softThreshold  below this nothing is a cut (0..1)
     * @param ratio          between the thresholds, the distance must be this many times its neighbours' mean
     * @param window         neighbours on each side for that mean
     * @param minShotSeconds cuts closer than this keep only the stronger one
     * @param blackLuma      frames darker than this mean luma (0..255), and flat, count as black
     */
    public record Settings(double hardThreshold, double softThreshold, double ratio, int window,
                           double minShotSeconds, double blackLuma) {
        public static final Settings DEFAULT = new Settings(0.55, 0.22, 3.0, 6, 0.4, 12);

        public Settings {
            if (!(softThreshold > 0 && softThreshold <= hardThreshold && hardThreshold <= 1)) {
                throw new IllegalArgumentException("need 0 < softThreshold <= hardThreshold <= 1");
            }
            if (!(ratio >= 1) || window < 1 || window > 100 || !(minShotSeconds >= 0) || !(blackLuma >= 0)) {
                throw new IllegalArgumentException("bad cut detection settings: " + this);
            }
        }
    }

    public HistogramCutSegmenter(Settings settings, CandidateWindows windows) {
        this.settings = settings;
        this.windows = windows;
    }

    @Override
    public FrameFormat frameFormat() {
        return FORMAT;
    }

    @Override
    public Session start(VideoInfo video) {
        return new CutSession();
    }

    private final class CutSession implements Session {
        private final Timeline timeline = new Timeline();
        private float[] distance = new float[1024];
        private float[] skipDistance = new float[1024]; // d(t-1, t+1): for flash suppression, stored at t
        private float[] meanLuma = new float[1024];
        private float[] stdLuma = new float[1024];
        private float[] prev;
        private float[] prev2;
        private float[] hist = new float[FrameMeasures.HISTOGRAM_BINS];
        private int[] luma = new int[0];
        private int n;

        @Override
        public void accept(VideoFrame frame) {
            int pixels = frame.width() * frame.height();
            if (luma.length != pixels) {
                luma = new int[pixels];
            }
            if (n == distance.length) {
                int cap = n * 2;
                distance = Arrays.copyOf(distance, cap);
                skipDistance = Arrays.copyOf(skipDistance, cap);
                meanLuma = Arrays.copyOf(meanLuma, cap);
                stdLuma = Arrays.copyOf(stdLuma, cap);
            }
            FrameMeasures.hsvHistogram(frame.rgb(), pixels, hist);
            FrameMeasures.luma(frame.rgb(), luma);
            double m = FrameMeasures.mean(luma);
            meanLuma[n] = (float) m;
            stdLuma[n] = (float) FrameMeasures.std(luma, m);
            distance[n] = prev == null ? 0f : FrameMeasures.histogramDistance(prev, hist);
            skipDistance[n] = 1f;
            if (prev2 != null) {
                skipDistance[n - 1] = FrameMeasures.histogramDistance(prev2, hist);
            }
            timeline.add(frame.timestampSec());
            n++;
            float[] recycled = prev2;
            prev2 = prev;
            prev = hist;
            hist = recycled != null ? recycled : new float[FrameMeasures.HISTOGRAM_BINS];
        }

        @Override
        public Segmentation finish() {
            if (n == 0) {
                return new Segmentation(List.of(), List.of(), List.of(), List.of());
            }
            List<Transition> fades = BlackFades.find(meanLuma, stdLuma, n, timeline.frameInterval(),
                    settings.blackLuma());
            boolean[] inFade = new boolean[n + 1];
            for (Transition t : fades) {
                for (long f = t.startFrame(); f < t.endFrame(); f++) {
                    inFade[(int) f] = true;
                }
            }
            List<Long> cuts = cuts(inFade);
            List<Transition> transitions = new ArrayList<>(fades);
            for (long c : cuts) {
                transitions.add(new Transition(c, c + 1, Transition.Type.CUT));
            }
            transitions.sort((a, b) -> Long.compare(a.startFrame(), b.startFrame()));

            List<long[]> ranges = Shots.ranges(n, cuts, fades);
            List<Segment> shots = Shots.segments(ranges, timeline);
            return new Segmentation(cuts, transitions, shots, windows.candidates(ranges, timeline));
        }

        private List<Long> cuts(boolean[] inFade) {
            int w = settings.window();
            List<Integer> found = new ArrayList<>();
            for (int t = 1; t < n; t++) {
                double d = distance[t];
                if (d < settings.softThreshold() || inFade[t] || inFade[t - 1]) {
                    continue;
                }
                if (d < settings.hardThreshold()) {
                    double sum = 0;
                    int cnt = 0;
                    for (int k = Math.max(1, t - w); k <= Math.min(n - 1, t + w); k++) {
                        if (k != t) {
                            sum += distance[k];
                            cnt++;
                        }
                    }
                    double local = cnt == 0 ? 0 : sum / cnt;
                    if (d < settings.ratio() * local + 0.02) {
                        continue;
                    }
                }
                // a flash: the frame after looks like the frame before
                if (t + 1 < n && skipDistance[t] < 0.35 * d && distance[t + 1] >= settings.softThreshold()) {
                    t++;
                    continue;
                }
                found.add(t);
            }
            // keep the stronger of cuts closer than the minimum shot length
            int minGap = Math.max(1, (int) Math.round(settings.minShotSeconds() / timeline.frameInterval()));
            List<Long> cuts = new ArrayList<>();
            for (int t : found) {
                if (!cuts.isEmpty() && t - cuts.get(cuts.size() - 1) < minGap) {
                    int prevCut = (int) (long) cuts.get(cuts.size() - 1);
                    if (distance[t] > distance[prevCut]) {
                        cuts.set(cuts.size() - 1, (long) t);
                    }
                    continue;
                }
                cuts.add((long) t);
            }
            return cuts;
        }
    }
}
