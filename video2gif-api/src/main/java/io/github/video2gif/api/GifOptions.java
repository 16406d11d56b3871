package io.github.video2gif.api;

/**
 * How to write a GIF.
 *
 * @param width     output width in pixels (height from the aspect ratio, rounded to even); 0 keeps the source
 *                  width
 * @param fps       output frame rate, in (0, 50]; GIF delays are whole centiseconds, rounding is carried so the
 *                  total never drifts
 * @param loopCount 0 loops forever, n > 0 plays n + 1 times, -1 plays once with no loop extension
 * @param maxColors palette size, 2 to 256
 */
public record GifOptions(int width, double fps, int loopCount, int maxColors) {
    /** The authors' demo exported at 10 fps; 360 px wide is a common GIF size. */
    public static final GifOptions DEFAULT = new GifOptions(360, 10, 0, 256);

    public GifOptions {
        if (width < 0 || width == 1 || width > 4096) {
            throw new IllegalArgumentException("width must be 0 (source) or in [2, 4096], was " + width);
        }
        if (!(fps > 0 && fps <= 50)) {
            throw new IllegalArgumentException("fps must be in (0, 50], was " + fps);
        }
        if (loopCount < -1 || loopCount > 65535) {
            throw new IllegalArgumentException("loopCount must be in [-1, 65535], was " + loopCount);
        }
        if (maxColors < 2 || maxColors > 256) {
            throw new IllegalArgumentException("maxColors must be in [2, 256], was " + maxColors);
        }
    }

    public GifOptions withWidth(int newWidth) {
        return new GifOptions(newWidth, fps, loopCount, maxColors);
    }

    public GifOptions withFps(double newFps) {
        return new GifOptions(width, newFps, loopCount, maxColors);
    }

    /** The frame format that gives frames of this width. */
    public FrameFormat frameFormat() {
        return width == 0 ? FrameFormat.original() : FrameFormat.width(width);
    }
}
