package io.github.video2gif.core.align;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a GIF sits in a video, or the best guess when it does not.
 *
 * <p>Check {@link #found()} first. When it is {@code false} the GIF was not shown to come from this video (a GIF
 * from another video, one too altered to place, or one whose content appears more than once): the times are then
 * only the best rejected candidate, for diagnostics, and must not be used as a label.
 *
 * @param found            whether the GIF comes from this video: its best placement stands clear of every other
 *                         by both tests ({@code confidence >= 0.5})
 * @param startSec         video time at which the GIF's first frame was taken
 * @param endSec           video time at which the GIF's last frame stops ({@code startSec + speed * GIF
 *                         duration})
 * @param startFrame       index of the video frame shown at {@code startSec}
 * @param endFrame         index of the first video frame after the GIF (exclusive end, as in the paper's
 *                         evaluation: the GIF covers frames {@code [startFrame, endFrame)})
 * @param confidence       0 to 1, a logistic function of the weaker test's margin over its threshold, 0.5 at the
 *                         threshold
 * @param separation       line test: how many standard errors the best placement's per-frame distances beat
 *                         those of the best placement elsewhere (see {@link LineFitMatcher}); near 0 for a GIF
 *                         from another video
 * @param frameMargin      frame test: how many bits closer, on average over distinct GIF frames, the frames are
 *                         to their matches in the placement than to any video frame elsewhere; negative for a GIF
 *                         from another video
 * @param speed            video seconds per GIF second (1 when the GIF plays at the source's speed)
 * @param view             the crop of the video frames the GIF matched best (the whole frame, or a centred crop)
 * @param gifFrames        number of GIF frames matched
 * @param meanDistance     mean Hamming distance (0-64, capped per frame) from the GIF's frames to the video frames
 *                         they matched
 * @param runnerUpDistance the same for the best placement elsewhere in the video
 */
public record GifAlignment(boolean found, double startSec, double endSec, long startFrame, long endFrame,
                           double confidence, double separation, double frameMargin, double speed, CropView view,
                           int gifFrames,
                           double meanDistance, double runnerUpDistance) {
    public GifAlignment {
        Objects.requireNonNull(view, "view");
        if (!Double.isFinite(startSec) || !Double.isFinite(endSec) || startSec < 0 || endSec < startSec) {
            throw new IllegalArgumentException("bad time range " + startSec + ".." + endSec);
        }
        if (startFrame < 0 || endFrame < startFrame) {
            throw new IllegalArgumentException("bad frame range " + startFrame + ".." + endFrame);
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
        }
        if (!Double.isFinite(separation) || !Double.isFinite(frameMargin) || !(speed > 0) || !Double.isFinite(speed) || gifFrames < 1
                || !(meanDistance >= 0) || !(runnerUpDistance >= 0)) {
            throw new IllegalArgumentException("bad alignment statistics: separation " + separation + ", speed "
                    + speed + ", frames " + gifFrames + ", distances " + meanDistance + ", " + runnerUpDistance);
        }
    }

    /** Duration of the aligned stretch of video in seconds. */
    public double durationSec() {
        return endSec - startSec;
    }

    /**
     * One JSON object: {@code found, startSec, endSec, startFrame, endFrame, confidence}, then the diagnostics
     * {@code separation, frameMargin, speed, view: {aspect, zoom, band}, gifFrames, meanDistance,
     * runnerUpDistance}.
     */
    public String toJson() {
        return String.format(Locale.ROOT,
                "{\"found\": %s, \"startSec\": %.3f, \"endSec\": %.3f, \"startFrame\": %d, \"endFrame\": %d, "
                        + "\"confidence\": %.4f, \"separation\": %.2f, \"frameMargin\": %.2f, \"speed\": %.4f, "
                        + "\"view\": {\"aspect\": %.4f, \"zoom\": %.3f, \"band\": %s}, \"gifFrames\": %d, "
                        + "\"meanDistance\": %.2f, \"runnerUpDistance\": %.2f}",
                found, startSec, endSec, startFrame, endFrame, confidence, separation, frameMargin, speed,
                view.aspect(), view.zoom(), view.band(), gifFrames, meanDistance, runnerUpDistance);
    }
}
