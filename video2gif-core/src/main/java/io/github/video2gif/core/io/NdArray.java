package io.github.video2gif.core.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense n-dimensional array of {@code float} values in C order (last index fastest), as read from a numpy file
 * or pickle. Whatever the stored element type (float32, float64, integers, booleans), byte order or memory order
 * (C or Fortran), values arrive here converted to {@code float} and laid out in C order.
 *
 * <p>Weight arrays are large (C3D's fc6 alone holds 33.6 M values), so {@link #data()} hands out the live array
 * rather than a copy, like {@link io.github.video2gif.api.VideoFrame#rgb()}: callers must not modify it;
 * {@link #copyData()} gives a private copy.
 */
public final class NdArray {
    private final int[] shape;
    private final float[] data;

    /**
     * @param shape the dimensions (copied); an empty shape is a scalar holding one value
     * @param data  the values in C order, taken over (not copied)
     */
    public NdArray(int[] shape, float[] data) {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds too many values");
            }
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, data has "
                    + data.length);
        }
        this.shape = shape.clone();
        this.data = data;
    }

    /** The dimensions (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code axis}. */
    public int dim(int axis) {
        return shape[axis];
    }

    /** Number of values. */
    public int size() {
        return data.length;
    }

    /** The live values in C order; do not modify. */
    public float[] data() {
        return data;
    }

    /** A private copy of the values in C order. */
    public float[] copyData() {
        return data.clone();
    }

    /** Whether the shape equals {@code expected}. */
    public boolean hasShape(int... expected) {
        return Arrays.equals(shape, expected);
    }

    /** The value at a full index. */
    public float get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index of rank " + index.length + " for an array of rank " + shape.length);
        }
        int off = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " outside shape "
                        + Arrays.toString(shape));
            }
            off = off * shape[i] + index[i];
        }
        return data[off];
    }

    /** The shape as numpy prints it, e.g. {@code (3, 16, 128, 171)}. */
    public String shapeString() {
        return shapeString(shape);
    }

    static String shapeString(int[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(shape[i]);
        }
        if (shape.length == 1) {
            b.append(',');
        }
        return b.append(')').toString();
    }

    @Override
    public String toString() {
        return "NdArray" + shapeString();
    }
}
