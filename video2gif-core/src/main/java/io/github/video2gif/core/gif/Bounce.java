package io.github.video2gif.core.gif;

import io.github.video2gif.api.VideoFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * The "bounce" (boomerang) ordering for a GIF (the command line's {@code --bounce}): the frames forward, then
 * backward, so the loop has no seam. The two turning frames are not repeated ({@code 0 1 2 3 2 1}, then the loop
 * starts again at 0), so the motion does not stall at either end. The frames are shared, not copied; their
 * indices and timestamps are renumbered from 0 at {@code 1 / fps}.
 */
public final class Bounce {
    private Bounce() {
    }

    /** {@code f0 .. fn-1, fn-2 .. f1} retimed at {@code fps}; one or two frames are returned as they are. */
    public static List<VideoFrame> of(List<VideoFrame> frames, double fps) {
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("fps must be positive, was " + fps);
        }
        int n = frames.size();
        List<VideoFrame> out = new ArrayList<>(Math.max(n, 2 * n - 2));
        for (int i = 0; i < n; i++) {
            out.add(frames.get(i));
        }
        for (int i = n - 2; i >= 1; i--) {
            out.add(frames.get(i));
        }
        List<VideoFrame> timed = new ArrayList<>(out.size());
        for (int k = 0; k < out.size(); k++) {
            timed.add(out.get(k).withTiming(k, k / fps));
        }
        return timed;
    }
}
