package io.github.video2gif.core.io;

import io.github.video2gif.api.UnsafeWeightFileException;
import io.github.video2gif.api.WeightFileException;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/** Turns raw numpy element bytes into a C-order {@link NdArray}. */
final class ArrayDecoding {
    private ArrayDecoding() {
    }

    /**
     * The number of elements of a shape, refusing negative dimensions and sizes above the limits.
     */
    static int elementCount(long[] shape, WeightFileLimits limits, Path source, String what)
            throws WeightFileException {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new WeightFileException(source, what + ": negative dimension in shape " + shapeString(shape));
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                n = Long.MAX_VALUE;
            }
            if (n > limits.maxArrayElements() && n != 0) {
                // keep multiplying would only grow; a zero dimension later would make it empty, so check it
                boolean hasZero = false;
                for (long e : shape) {
                    hasZero |= e == 0;
                }
                if (!hasZero) {
                    throw new UnsafeWeightFileException(source, what + ": shape " + shapeString(shape)
                            + " announces more than " + limits.maxArrayElements()
                            + " values; refused before allocating anything");
                }
                return 0;
            }
        }
        for (long d : shape) {
            if (d > Integer.MAX_VALUE) {
                throw new UnsafeWeightFileException(source, what + ": dimension " + d + " is too large");
            }
        }
        return (int) n;
    }

    static int[] toIntShape(long[] shape) {
        int[] s = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            s[i] = (int) shape[i];
        }
        return s;
    }

    static String shapeString(long[] shape) {
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

    /**
     * Decodes {@code count} elements of a numeric dtype from {@code bytes[offset..]} into a C-order array.
     *
     * @param fortran whether the bytes are in Fortran order (first index fastest)
     */
    static NdArray decode(byte[] bytes, int offset, int length, NumpyDtype dtype, int[] shape, boolean fortran,
                          Path source, String what) throws WeightFileException {
        if (dtype.isObject()) {
            throw new WeightFileException(source, what + ": an object array holds no raw numbers");
        }
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        long expected = n * dtype.itemSize();
        if (length != expected) {
            throw new WeightFileException(source, what + ": array of shape " + NdArray.shapeString(shape) + " and dtype "
                    + dtype.descr() + " needs " + expected + " bytes of data, found " + length);
        }
        float[] out = new float[(int) n];
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, length).slice().order(dtype.order());
        int size = dtype.itemSize();
        char kind = dtype.kind();
        if (kind == 'f' && size == 4) {
            b.asFloatBuffer().get(out);
        } else if (kind == 'f' && size == 8) {
            var db = b.asDoubleBuffer();
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) db.get(i);
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                int p = i * size;
                out[i] = switch (kind) {
                    case 'f' -> halfToFloat(b.getShort(p));
                    case 'b' -> b.get(p) != 0 ? 1f : 0f;
                    case 'i' -> switch (size) {
                        case 1 -> b.get(p);
                        case 2 -> b.getShort(p);
                        case 4 -> b.getInt(p);
                        default -> b.getLong(p);
                    };
                    default -> switch (size) { // 'u'
                        case 1 -> b.get(p) & 0xff;
                        case 2 -> b.getShort(p) & 0xffff;
                        case 4 -> b.getInt(p) & 0xffffffffL;
                        default -> unsigned64(b.getLong(p));
                    };
                };
            }
        }
        if (fortran && shape.length > 1) {
            out = fortranToC(out, shape);
        }
        return new NdArray(shape, out);
    }

    /** IEEE 754 binary16 to float (Java 17 has no built-in conversion). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    private static float unsigned64(long v) {
        return v >= 0 ? v : (float) ((v >>> 1) * 2.0 + (v & 1));
    }

    /** Reorders values stored with the first index fastest into C order. */
    static float[] fortranToC(float[] f, int[] shape) {
        int rank = shape.length;
        float[] c = new float[f.length];
        long[] fStride = new long[rank];
        long s = 1;
        for (int i = 0; i < rank; i++) {
            fStride[i] = s;
            s *= shape[i];
        }
        int[] idx = new int[rank];
        long fOff = 0;
        for (int ci = 0; ci < c.length; ci++) {
            c[ci] = f[(int) fOff];
            // increment the C-order index (last axis fastest), keeping the Fortran offset in step
            for (int ax = rank - 1; ax >= 0; ax--) {
                idx[ax]++;
                fOff += fStride[ax];
                if (idx[ax] < shape[ax]) {
                    break;
                }
                fOff -= fStride[ax] * shape[ax];
                idx[ax] = 0;
            }
        }
        return c;
    }
}
