package io.github.video2gif.cuda;

import java.util.Locale;

/**
 * How C3D's five-dimensional activations lie in GPU memory ({@code cuda.layout}): channels first (N, C, D, H, W),
 * cuDNN's classic layout, or channels last (N, D, H, W, C), which the tensor-core kernels read natively. Input
 * snippets arrive channels last; fc6's weights are reordered once so that both give the released flattening.
 */
public enum Layout {
    /** (N, C, D, H, W). */
    NCDHW,
    /** (N, D, H, W, C). */
    NDHWC;

    /** The default for a precision: channels first for fp32, channels last for the tensor-core formats. */
    public static Layout defaultFor(Precision precision) {
        return precision == Precision.FP32 ? NCDHW : NDHWC;
    }

    /**
     * Strides, in values, of a packed tensor of logical shape (N, C, D, H, W) in this layout, in that order.
     */
    int[] strides(int n, int c, int d, int h, int w) {
        long[] s = switch (this) {
            case NCDHW -> new long[] {(long) c * d * h * w, (long) d * h * w, (long) h * w, w, 1};
            case NDHWC -> new long[] {(long) d * h * w * c, 1, (long) h * w * c, (long) w * c, c};
        };
        int[] out = new int[5];
        for (int i = 0; i < 5; i++) {
            if (s[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tensor too large for cuDNN: stride " + s[i]);
            }
            out[i] = (int) s[i];
        }
        return out;
    }

    /** The lower-case name used in settings. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a setting value (ncdhw or ndhwc). */
    public static Layout parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        for (Layout l : values()) {
            if (l.key().equals(v)) {
                return l;
            }
        }
        throw new IllegalArgumentException("cuda.layout must be ncdhw or ndhwc, was \"" + value + "\"");
    }
}
