package io.github.video2gif.cuda;

import io.github.video2gif.api.WeightFileException;
import io.github.video2gif.core.c3d.C3dWeights;
import io.github.video2gif.core.io.NdArray;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random C3D weights of any channel widths (He-scaled, seeded), for parity tests and benchmarks where the
 * released model is not at hand; {@link #released(long)} has the released model's shapes, which cost the same to
 * run as the released weights. Random snippets of mean-subtracted pixel magnitude come with them.
 */
public final class RandomC3dWeights {
    /** The released channel widths. */
    public static final int[] RELEASED_CHANNELS = {64, 128, 256, 256, 512, 512, 512, 512};

    private RandomC3dWeights() {
    }

    /** Weights with the released shapes (fc6 8192 to 4096). */
    public static C3dWeights released(long seed) {
        return of(RELEASED_CHANNELS, 4096, seed);
    }

    /**
     * Weights with the given convolution widths and fc6 size.
     *
     * @param channels eight output channel counts
     */
    public static C3dWeights of(int[] channels, int features, long seed) {
        if (channels.length != C3dWeights.CONV_LAYERS) {
            throw new IllegalArgumentException("C3D has " + C3dWeights.CONV_LAYERS + " convolutions, got "
                    + channels.length + " widths");
        }
        SplittableRandom r = new SplittableRandom(seed);
        List<NdArray> arrays = new ArrayList<>();
        int in = 3;
        for (int c : channels) {
            arrays.add(random(r, new int[] {c, in, 3, 3, 3}, Math.sqrt(2.0 / (27 * in))));
            arrays.add(random(r, new int[] {c}, 0.1));
            in = c;
        }
        int flat = in * C3dWeights.POOL5_VOLUME;
        arrays.add(random(r, new int[] {flat, features}, Math.sqrt(2.0 / flat)));
        arrays.add(random(r, new int[] {features}, 0.1));
        try {
            return C3dWeights.of(arrays, null);
        } catch (WeightFileException e) {
            throw new IllegalStateException("random weights of valid shapes were refused", e);
        }
    }

    /** {@code count} snippets of uniform values in [-128, 128) (pixels minus a mean), channels last. */
    public static float[] snippets(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] out = new float[count * io.github.video2gif.core.c3d.SnippetNetwork.SNIPPET_VALUES];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (r.nextDouble() * 256 - 128);
        }
        return out;
    }

    private static NdArray random(SplittableRandom r, int[] shape, double scale) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((r.nextDouble() * 2 - 1) * Math.sqrt(3) * scale);
        }
        return new NdArray(shape, v);
    }
}
