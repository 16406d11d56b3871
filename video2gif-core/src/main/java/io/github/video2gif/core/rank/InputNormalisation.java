package io.github.video2gif.core.rank;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Per-dimension standardisation of a network's input: {@code x'[j] = (x[j] - mean[j]) / scale[j]}, fitted on
 * the training segments' features (mean and population standard deviation; a dimension whose deviation is
 * below {@link #MIN_SCALE} gets scale 1, so constant features pass through centred).
 */
public final class InputNormalisation {
    /** Smallest standard deviation used as a scale. */
    public static final float MIN_SCALE = 1e-6f;

    private final float[] mean;
    private final float[] scale;

    /**
     * @param mean  one finite value per dimension
     * @param scale one finite value {@code > 0} per dimension
     */
    public InputNormalisation(float[] mean, float[] scale) {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(scale, "scale");
        if (mean.length == 0 || mean.length != scale.length) {
            throw new IllegalArgumentException("mean and scale need the same non-zero length, had " + mean.length
                    + " and " + scale.length);
        }
        for (int j = 0; j < mean.length; j++) {
            if (!Float.isFinite(mean[j]) || !(scale[j] > 0) || !Float.isFinite(scale[j])) {
                throw new IllegalArgumentException("bad normalisation at dimension " + j + ": mean " + mean[j]
                        + ", scale " + scale[j]);
            }
        }
        this.mean = mean.clone();
        this.scale = scale.clone();
    }

    /** Fits mean and standard deviation to the rows (at least one, all of the same length). */
    public static InputNormalisation fit(List<float[]> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("cannot fit a normalisation to no rows");
        }
        int d = rows.get(0).length;
        double[] sum = new double[d];
        for (float[] r : rows) {
            if (r.length != d) {
                throw new IllegalArgumentException("rows differ in length: " + r.length + " vs " + d);
            }
            for (int j = 0; j < d; j++) {
                sum[j] += r[j];
            }
        }
        double n = rows.size();
        float[] mean = new float[d];
        for (int j = 0; j < d; j++) {
            mean[j] = (float) (sum[j] / n);
        }
        double[] sq = new double[d];
        for (float[] r : rows) {
            for (int j = 0; j < d; j++) {
                double c = r[j] - (double) mean[j];
                sq[j] += c * c;
            }
        }
        float[] scale = new float[d];
        for (int j = 0; j < d; j++) {
            float s = (float) Math.sqrt(sq[j] / n);
            scale[j] = s >= MIN_SCALE ? s : 1f;
        }
        return new InputNormalisation(mean, scale);
    }

    public int dimension() {
        return mean.length;
    }

    /** A copy of the means. */
    public float[] mean() {
        return mean.clone();
    }

    /** A copy of the scales. */
    public float[] scale() {
        return scale.clone();
    }

    float[] meanView() {
        return mean;
    }

    float[] scaleView() {
        return scale;
    }

    /** The normalised copy of {@code x}. */
    public float[] apply(float[] x) {
        if (x.length != mean.length) {
            throw new IllegalArgumentException("vector has " + x.length + " values, expected " + mean.length);
        }
        float[] out = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            out[j] = (x[j] - mean[j]) / scale[j];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputNormalisation n && Arrays.equals(mean, n.mean) && Arrays.equals(scale, n.scale);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(scale);
    }
}
