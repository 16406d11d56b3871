package io.github.video2gif.core.segment;

import java.util.Arrays;

/**
 * The presentation timestamps of a video's frames, in decode order, growing as frames arrive. Frame {@code n}
 * (one past the last) has the time at which the last frame stops being shown: its timestamp plus the median
 * frame interval.
 */
public final class Timeline {
    private double[] times = new double[1024];
    private int size;

    /** Appends the next frame's timestamp. */
    public void add(double timestampSec) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
        }
        times[size++] = timestampSec;
    }

    public int frames() {
        return size;
    }

    /** Seconds at which frame {@code frame} starts; {@code frame == frames()} gives the end of the video. */
    public double secondsAt(long frame) {
        if (frame < 0 || frame > size) {
            throw new IndexOutOfBoundsException("frame " + frame + " of " + size);
        }
        if (size == 0) {
            return 0;
        }
        if (frame == size) {
            return times[size - 1] + frameInterval();
        }
        return times[(int) frame];
    }

    /** The median interval between frames (1/25 s when there is at most one frame). */
    public double frameInterval() {
        if (size < 2) {
            return 0.04;
        }
        int n = Math.min(size - 1, 512);
        double[] d = new double[n];
        int from = size - 1 - n;
        for (int i = 0; i < n; i++) {
            d[i] = times[from + i + 1] - times[from + i];
        }
        Arrays.sort(d);
        double m = d[n / 2];
        return m > 0 ? m : 0.04;
    }

    /** The first frame whose timestamp is at or after {@code seconds} (frames() when none). */
    public int frameAtOrAfter(double seconds) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < seconds - 1e-9) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
