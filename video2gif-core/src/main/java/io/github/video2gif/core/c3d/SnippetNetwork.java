package io.github.video2gif.core.c3d;

/**
 * C3D from prepared input snippets to fc6 after ReLU, on some backend: {@link C3dNetwork} on the CPU, or a GPU
 * implementation in another module. {@link C3dFeatureExtractor} streams snippets into one of these.
 */
public interface SnippetNetwork {
    /** Values in one input snippet: 16 x 112 x 112 x 3. */
    int SNIPPET_VALUES = SnippetMean.FRAMES * SnippetMean.CROP * SnippetMean.CROP * 3;

    /** fc6's size (4096 for the released model). */
    int featureDimension();

    /**
     * Runs {@code count} snippets.
     *
     * @param snippets {@code count * SNIPPET_VALUES} values: per snippet (frame, row, column, BGR channel), mean
     *                 already subtracted
     * @return fc6 after ReLU, one row per snippet
     * @throws IllegalArgumentException when {@code snippets} holds fewer than {@code count} snippets
     */
    float[][] fc6(float[] snippets, int count);
}
