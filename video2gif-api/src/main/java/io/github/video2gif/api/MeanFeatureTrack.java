package io.github.video2gif.api;

import java.util.Arrays;

/**
 * A feature track of time units {@code [startFrame, endFrame)} with one vector each; a segment's vector is the
 * mean of the units inside it, weighted by their overlap with the segment. A segment that overlaps no unit
 * takes the unit whose centre is nearest. Units are appended in ascending order of start frame.
 */
public final class MeanFeatureTrack implements FeatureTrack {
    private final int dimension;
    private long[] starts = new long[64];
    private long[] ends = new long[64];
    private float[] values;
    private int size;
    private long maxUnitLength = 1;

    public MeanFeatureTrack(int dimension) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be > 0, was " + dimension);
        }
        this.dimension = dimension;
        this.values = new float[64 * dimension];
    }

    /** Appends a unit; {@code vector} is copied. */
    public void add(long startFrame, long endFrame, float[] vector) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("vector has " + vector.length + " values, expected " + dimension);
        }
        if (endFrame <= startFrame || startFrame < 0) {
            throw new IllegalArgumentException("bad unit range " + startFrame + ".." + endFrame);
        }
        if (size > 0 && startFrame < starts[size - 1]) {
            throw new IllegalArgumentException("units must be added in ascending order of start frame");
        }
        if (size == starts.length) {
            int n = size * 2;
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            values = Arrays.copyOf(values, n * dimension);
        }
        maxUnitLength = Math.max(maxUnitLength, endFrame - startFrame);
        starts[size] = startFrame;
        ends[size] = endFrame;
        System.arraycopy(vector, 0, values, size * dimension, dimension);
        size++;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int units() {
        return size;
    }

    /** A copy of unit {@code i}'s vector. */
    public float[] unit(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return Arrays.copyOfRange(values, i * dimension, (i + 1) * dimension);
    }

    public long unitStart(int i) {
        return starts[i];
    }

    public long unitEnd(int i) {
        return ends[i];
    }

    @Override
    public float[] pool(Segment segment) {
        if (size == 0) {
            throw new IllegalStateException("the feature track is empty");
        }
        double[] sum = new double[dimension];
        double weight = 0;
        // a unit that overlaps the segment starts after segment.start - maxUnitLength
        for (int i = firstStartingAtOrAfter(segment.startFrame() - maxUnitLength + 1);
                i < size && starts[i] < segment.endFrame(); i++) {
            long ov = segment.overlapFrames(starts[i], ends[i]);
            if (ov > 0) {
                int off = i * dimension;
                for (int d = 0; d < dimension; d++) {
                    sum[d] += ov * (double) values[off + d];
                }
                weight += ov;
            }
        }
        if (weight == 0) {
            return unit(nearest(segment));
        }
        float[] out = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            out[d] = (float) (sum[d] / weight);
        }
        return out;
    }

    private int firstStartingAtOrAfter(long frame) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] < frame) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int nearest(Segment segment) {
        double centre = (segment.startFrame() + segment.endFrame()) / 2.0;
        int around = firstStartingAtOrAfter((long) centre);
        int best = 0;
        double bestDist = Double.MAX_VALUE;
        for (int i = Math.max(0, around - 2); i < Math.min(size, around + 2); i++) {
            double d = Math.abs((starts[i] + ends[i]) / 2.0 - centre);
            if (d < bestDist) {
                bestDist = d;
                best = i;
            }
        }
        return best;
    }
}
