package io.github.video2gif.core.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * A byte string from a pickle: Python 3 {@code bytes}/{@code bytearray} or a Python 2 {@code str}.
 *
 * @param value the bytes (live array; do not modify)
 */
public record PickleBytes(byte[] value) {
    public PickleBytes {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PickleBytes p && Arrays.equals(value, p.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "PickleBytes[" + value.length + " bytes]";
    }
}
