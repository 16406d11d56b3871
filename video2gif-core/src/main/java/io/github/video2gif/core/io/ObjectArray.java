package io.github.video2gif.core.io;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A numpy array of dtype {@code object}: a shape and its elements in C order. The elements are what the restricted
 * pickle reader rebuilds: {@link NdArray}s, numbers, strings, byte strings, lists, tuples ({@code Object[]}),
 * dicts and {@code null}.
 *
 * @param shape    the dimensions
 * @param elements the elements in C order, unmodifiable
 */
public record ObjectArray(int[] shape, List<Object> elements) {
    public ObjectArray {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(elements, "elements");
        shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != elements.size()) {
            throw new IllegalArgumentException("shape " + NdArray.shapeString(shape) + " holds " + n
                    + " elements, found " + elements.size());
        }
        elements = Collections.unmodifiableList(elements);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public String toString() {
        return "ObjectArray" + NdArray.shapeString(shape);
    }
}
