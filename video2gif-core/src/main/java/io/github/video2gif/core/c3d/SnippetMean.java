package io.github.video2gif.core.c3d;

import io.github.video2gif.api.WeightFileException;
import io.github.video2gif.core.io.NdArray;
import io.github.video2gif.core.io.NpyReader;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The released mean snippet ({@code snipplet_mean.npy}): float32, shape (3, 16, 128, 171) = (BGR channel, frame,
 * row, column). Kept as its 112 x 112 centre crop (rows 8..119, columns 29..140), laid out as (frame, row,
 * column, channel) to match the network's input; subtracting before or after the crop is the same.
 */
public final class SnippetMean {
    /** Frames in a snippet. */
    public static final int FRAMES = 16;
    /** Height frames are resized to. */
    public static final int HEIGHT = 128;
    /** Width frames are resized to. */
    public static final int WIDTH = 171;
    /** Side of the centre crop. */
    public static final int CROP = 112;
    /** First row of the crop. */
    public static final int CROP_TOP = 8;
    /** First column of the crop. */
    public static final int CROP_LEFT = 29;

    private final float[] cropped; // (16, 112, 112, 3), BGR

    private SnippetMean(float[] cropped) {
        this.cropped = cropped;
    }

    /** Reads and checks {@code snipplet_mean.npy}. */
    public static SnippetMean read(Path file) throws WeightFileException {
        Objects.requireNonNull(file, "file");
        return of(NpyReader.readArray(file), file);
    }

    /** Checks and wraps a mean of shape (3, 16, 128, 171). */
    public static SnippetMean of(NdArray mean, Path source) throws WeightFileException {
        if (!mean.hasShape(3, FRAMES, HEIGHT, WIDTH)) {
            throw new WeightFileException(source, "mean snippet" + (source == null ? "" : " \"" + source + "\"")
                    + " has shape " + mean.shapeString() + ", expected (3, 16, 128, 171) as the released"
                    + " snipplet_mean.npy (BGR channel, frame, row, column)");
        }
        float[] m = mean.data();
        float[] c = new float[FRAMES * CROP * CROP * 3];
        int i = 0;
        for (int t = 0; t < FRAMES; t++) {
            for (int y = 0; y < CROP; y++) {
                for (int x = 0; x < CROP; x++) {
                    for (int ch = 0; ch < 3; ch++) {
                        c[i++] = m[((ch * FRAMES + t) * HEIGHT + y + CROP_TOP) * WIDTH + x + CROP_LEFT];
                    }
                }
            }
        }
        return new SnippetMean(c);
    }

    /** The cropped mean, (16, 112, 112, 3) BGR, live array. */
    float[] cropped() {
        return cropped;
    }
}
