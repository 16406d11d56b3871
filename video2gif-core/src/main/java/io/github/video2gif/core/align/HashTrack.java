package io.github.video2gif.core.align;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The perceptual hashes of a sequence of frames with their times: what the aligner keeps of a video or a GIF.
 * A video track holds one hash per {@link CropView} per frame (8 bytes each) plus 16 bytes of time and index, so a
 * video is hashed once, streaming, and its frames are never held: with the 14 standard views, an hour of 30 fps
 * video takes about 14 MB.
 *
 * <p>Times must not decrease; a decoder's rare out-of-order timestamp is raised to the previous one.
 * {@link #endSec()} is when the last frame stops being shown (the GIF's total duration; for a video the last
 * timestamp plus one frame interval unless set).
 */
public final class HashTrack {
    private final List<CropView> views;
    private final int width;
    private final int height;
    private long[][] hashes;
    private double[] times;
    private long[] indices;
    private int size;
    private double endSec = Double.NaN;

    /**
     * An empty track.
     *
     * @param views    the crops hashed for every frame, in the order {@link #add} receives them
     * @param width    width of the hashed frames (their aspect ratio matters to the matcher)
     * @param height   height of the hashed frames
     * @param capacity frames before the arrays grow
     */
    public HashTrack(List<CropView> views, int width, int height, int capacity) {
        this.views = List.copyOf(Objects.requireNonNull(views, "views"));
        if (this.views.isEmpty()) {
            throw new IllegalArgumentException("need at least one view");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be positive, was " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        int c = Math.max(1, capacity);
        hashes = new long[this.views.size()][c];
        times = new double[c];
        indices = new long[c];
    }

    /**
     * Appends a frame.
     *
     * @param frameIndex the frame's index in its source (kept to report frame numbers)
     * @param timeSec    when the frame appears
     * @param viewHashes its {@link DctPerceptualHash} for each view, in view order
     */
    public void add(long frameIndex, double timeSec, long... viewHashes) {
        if (!Double.isFinite(timeSec)) {
            throw new IllegalArgumentException("time must be finite, was " + timeSec);
        }
        if (viewHashes.length != views.size()) {
            throw new IllegalArgumentException("expected " + views.size() + " hashes, got " + viewHashes.length);
        }
        if (size == times.length) {
            int c = size + (size >> 1) + 16;
            for (int v = 0; v < hashes.length; v++) {
                hashes[v] = Arrays.copyOf(hashes[v], c);
            }
            times = Arrays.copyOf(times, c);
            indices = Arrays.copyOf(indices, c);
        }
        double t = size > 0 ? Math.max(timeSec, times[size - 1]) : timeSec;
        for (int v = 0; v < hashes.length; v++) {
            hashes[v][size] = viewHashes[v];
        }
        times[size] = t;
        indices[size] = frameIndex;
        size++;
    }

    /** Sets when the last frame stops being shown. */
    public void setEndSec(double endSec) {
        if (!Double.isFinite(endSec)) {
            throw new IllegalArgumentException("end must be finite, was " + endSec);
        }
        this.endSec = endSec;
    }

    public List<CropView> views() {
        return views;
    }

    /** Width of the hashed frames. */
    public int width() {
        return width;
    }

    /** Height of the hashed frames. */
    public int height() {
        return height;
    }

    public int size() {
        return size;
    }

    public long hash(int view, int i) {
        return hashes[view][check(i)];
    }

    public double time(int i) {
        return times[check(i)];
    }

    public long frameIndex(int i) {
        return indices[check(i)];
    }

    /** When the last frame stops being shown. */
    public double endSec() {
        if (!Double.isNaN(endSec)) {
            return endSec;
        }
        if (size == 0) {
            return 0;
        }
        return times[size - 1] + medianInterval();
    }

    /** The median time between consecutive frames (0.04 s when there are fewer than two frames). */
    public double medianInterval() {
        if (size < 2) {
            return 0.04;
        }
        int n = Math.min(size - 1, 2001);
        double[] d = new double[n];
        int step = Math.max(1, (size - 1) / n);
        int k = 0;
        for (int i = 1; i < size && k < n; i += step) {
            d[k++] = times[i] - times[i - 1];
        }
        Arrays.sort(d, 0, k);
        double m = d[k / 2];
        return m > 0 ? m : 0.04;
    }

    /** The first frame whose time is at or after {@code t} ({@link #size()} when there is none). */
    public int firstAtOrAfter(double t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The frame whose time is closest to {@code t} (-1 for an empty track). */
    public int nearest(double t) {
        if (size == 0) {
            return -1;
        }
        int i = firstAtOrAfter(t);
        if (i == size) {
            return size - 1;
        }
        if (i > 0 && t - times[i - 1] <= times[i] - t) {
            return i - 1;
        }
        return i;
    }

    /** The index of a view in this track, or -1. */
    public int viewIndex(CropView view) {
        return views.indexOf(view);
    }

    long[] hashArray(int view) {
        return hashes[view];
    }

    double[] timeArray() {
        return times;
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("frame " + i + " of " + size);
        }
        return i;
    }
}
