package io.github.video2gif.core.feature;

import io.github.video2gif.api.FeatureExtractor;
import io.github.video2gif.api.FeatureTrack;
import io.github.video2gif.api.FrameFormat;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import io.github.video2gif.core.image.FrameMeasures;
import io.github.video2gif.core.image.FrameStats;
import java.util.List;

/**
 * Weights-free, named per-frame cues drawn from the Video2GIF paper's findings about what makes a GIF (moving
 * main content, good contrast, clear and colourful pictures; against dark, flat, static shots and cuts or fades
 * inside a GIF). Each frame is one unit of the track. A segment's vector is the mean over its frames, except for
 * the cues that compare a frame with the one before it (motion, subject-motion, fade, cut): those average over
 * the segment's own frame-to-frame changes, so that the cut just before a segment does not count against it.
 *
 * <p>All cues lie in [0, 1]:
 * <dl>
 *   <dt>motion</dt><dd>mean absolute luma change from the previous frame, /32 (cut frames carry the previous
 *   value: a cut is not motion)</dd>
 *   <dt>subject-motion</dt><dd>how much more the centre of the frame changes than its border (the main content
 *   moves, not only the camera), /32</dd>
 *   <dt>contrast</dt><dd>luma standard deviation /64</dd>
 *   <dt>sharpness</dt><dd>mean absolute Laplacian of luma /24</dd>
 *   <dt>colourfulness</dt><dd>Hasler and Suesstrunk's colourfulness /120 (on every second pixel of every second row)</dd>
 *   <dt>darkness</dt><dd>1 at mean luma 20 or below, 0 at 60 and above</dd>
 *   <dt>flatness</dt><dd>1 for a uniform frame (luma standard deviation 0), 0 at 24 and above</dd>
 *   <dt>fade</dt><dd>whether the frame's change is one global brightness shift (fades): 0 when at most 60 % of
 *   the mean absolute change is a shift of the mean, 1 from 90 %</dd>
 *   <dt>cut</dt><dd>1 on a frame that starts a new shot (HSV histogram distance from the previous frame of at
 *   least 0.45)</dd>
 * </dl>
 */
public final class CueFeatureExtractor implements FeatureExtractor {
    /** Cue names, in vector order. */
    public static final List<String> CUES = List.of("motion", "subject-motion", "contrast", "sharpness",
            "colourfulness", "darkness", "flatness", "fade", "cut");

    public static final int MOTION = 0;
    public static final int SUBJECT_MOTION = 1;
    public static final int CONTRAST = 2;
    public static final int SHARPNESS = 3;
    public static final int COLOURFULNESS = 4;
    public static final int DARKNESS = 5;
    public static final int FLATNESS = 6;
    public static final int FADE = 7;
    public static final int CUT = 8;

    /** HSV-histogram distance from the previous frame at which a frame counts as a cut. */
    static final float CUT_DISTANCE = 0.45f;

    /** Same analysis size as the default segmenter, so one decode serves both. */
    public static final FrameFormat FORMAT = FrameFormat.fit(160, 160);

    @Override
    public int dimension() {
        return CUES.size();
    }

    @Override
    public List<String> featureNames() {
        return CUES;
    }

    @Override
    public FrameFormat frameFormat() {
        return FORMAT;
    }

    @Override
    public Session start(VideoInfo video) {
        return new CueSession();
    }

    private static final class CueSession implements Session {
        private final CueTrack track = new CueTrack(CUES.size());
        private final float[] v = new float[CUES.size()];
        private int[] prevLuma;
        private float[] prevHist;
        private float lastMotion;
        private float lastSubjectMotion;

        @Override
        public void accept(VideoFrame frame) {
            int w = frame.width();
            int h = frame.height();
            int pixels = w * h;
            FrameStats stats = FrameStats.of(frame);
            int[] luma = stats.luma();
            float[] hist = stats.histogram();
            double mean = stats.meanLuma();
            double std = stats.stdLuma();
            if (prevLuma != null && prevLuma.length != pixels) {
                prevLuma = null;
            }
            float motion = 0;
            float subject = 0;
            float fade = 0;
            float cut = 0;
            if (prevLuma != null) {
                int x0 = w / 4;
                int x1 = w - w / 4;
                int y0 = h / 4;
                int y1 = h - h / 4;
                long absAll = 0;
                long signedAll = 0;
                long absCentre = 0;
                int centre = 0;
                for (int y = 0; y < h; y++) {
                    boolean rowIn = y >= y0 && y < y1;
                    int row = y * w;
                    for (int x = 0; x < w; x++) {
                        int d = luma[row + x] - prevLuma[row + x];
                        int a = Math.abs(d);
                        absAll += a;
                        signedAll += d;
                        if (rowIn && x >= x0 && x < x1) {
                            absCentre += a;
                            centre++;
                        }
                    }
                }
                int border = pixels - centre;
                double madAll = (double) absAll / pixels;
                double madCentre = centre == 0 ? madAll : (double) absCentre / centre;
                double madBorder = border == 0 ? madAll : (double) (absAll - absCentre) / border;
                boolean isCut = FrameMeasures.histogramDistance(prevHist, hist) >= CUT_DISTANCE;
                if (isCut) {
                    cut = 1;
                    motion = lastMotion;
                    subject = lastSubjectMotion;
                } else {
                    motion = (float) Math.min(1, madAll / 32);
                    subject = (float) Math.min(1, Math.max(0, madCentre - madBorder) / 32);
                    if (madAll > 0.75) {
                        // a fade moves (nearly) every pixel the same way; motion moves them both ways
                        double global = Math.abs((double) signedAll / pixels) / madAll;
                        fade = (float) Math.max(0, Math.min(1, (global - 0.6) / 0.3));
                    }
                }
            }
            v[MOTION] = motion;
            v[SUBJECT_MOTION] = subject;
            v[CONTRAST] = (float) Math.min(1, std / 64);
            v[SHARPNESS] = (float) Math.min(1, FrameMeasures.laplacian(luma, w, h) / 24);
            v[COLOURFULNESS] = (float) Math.min(1, FrameMeasures.colourfulness(frame.rgb(), w, h, 2) / 120);
            v[DARKNESS] = (float) Math.max(0, Math.min(1, (60 - mean) / 40));
            v[FLATNESS] = (float) Math.max(0, 1 - std / 24);
            v[FADE] = fade;
            v[CUT] = cut;
            track.add(v);
            lastMotion = motion;
            lastSubjectMotion = subject;
            prevLuma = luma;
            prevHist = hist;
        }

        @Override
        public FeatureTrack finish() {
            return track;
        }
    }
}
