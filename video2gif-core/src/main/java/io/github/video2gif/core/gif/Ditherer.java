package io.github.video2gif.core.gif;

/**
 * Maps the frames of one clip to palette indices, adding dither where the palette is too coarse.
 *
 * <p>A ditherer is made for one palette and one frame size by {@link DitherMethod#create}. Those that say
 * {@link #sequential()} keep state from frame to frame (to stay stable over time) and must be given the frames in
 * display order, one at a time; the others may map any frames on any threads at once.
 */
public interface Ditherer {
    /**
     * Maps one frame.
     *
     * @param rgb     packed RGB pixels of the frame, {@code width * height * 3} bytes
     * @param indices receives one palette index a pixel, {@code width * height} bytes (unsigned)
     */
    void dither(byte[] rgb, byte[] indices);

    /** Whether frames must be mapped in order, one at a time. */
    boolean sequential();
}
