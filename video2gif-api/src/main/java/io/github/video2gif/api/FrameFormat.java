package io.github.video2gif.api;

/**
 * The size at which a stage wants its frames.
 *
 * <ul>
 *   <li>{@link #original()}: the display size of the video;</li>
 *   <li>{@link #fit(int, int)}: scaled down (never up) to fit inside a box, aspect ratio kept, sizes even;</li>
 *   <li>{@link #width(int)}: scaled to a width (up or down), height from the aspect ratio, sizes even;</li>
 *   <li>{@link #exact(int, int)}: stretched to exactly this size (for networks with a fixed input).</li>
 * </ul>
 *
 * @param mode   how {@code width} and {@code height} are read
 * @param width  the box width, the target width, or the exact width (0 for {@code ORIGINAL})
 * @param height the box height or the exact height (0 for {@code ORIGINAL} and {@code WIDTH})
 */
public record FrameFormat(Mode mode, int width, int height) {
    /** How a frame format's numbers are read. */
    public enum Mode { ORIGINAL, FIT, WIDTH, EXACT }

    public FrameFormat {
        if (mode == null) {
            throw new NullPointerException("mode");
        }
        switch (mode) {
            case ORIGINAL -> {
                if (width != 0 || height != 0) {
                    throw new IllegalArgumentException("ORIGINAL takes no size");
                }
            }
            case WIDTH -> {
                if (width < 2 || height != 0) {
                    throw new IllegalArgumentException("WIDTH needs a width >= 2 and no height, was " + width);
                }
            }
            default -> {
                if (width < 2 || height < 2) {
                    throw new IllegalArgumentException(mode + " needs a size of at least 2x2, was "
                            + width + "x" + height);
                }
            }
        }
        if (width > 16384 || height > 16384) {
            throw new IllegalArgumentException("frame size above 16384 pixels: " + width + "x" + height);
        }
    }

    public static FrameFormat original() {
        return new FrameFormat(Mode.ORIGINAL, 0, 0);
    }

    public static FrameFormat fit(int maxWidth, int maxHeight) {
        return new FrameFormat(Mode.FIT, maxWidth, maxHeight);
    }

    public static FrameFormat width(int width) {
        return new FrameFormat(Mode.WIDTH, width, 0);
    }

    public static FrameFormat exact(int width, int height) {
        return new FrameFormat(Mode.EXACT, width, height);
    }

    /**
     * The output size for a video of the given display size, as {@code {width, height}}.
     */
    public int[] resolve(int displayWidth, int displayHeight) {
        if (displayWidth <= 0 || displayHeight <= 0) {
            throw new IllegalArgumentException("display size must be positive: " + displayWidth + "x" + displayHeight);
        }
        return switch (mode) {
            case ORIGINAL -> new int[] {even(displayWidth), even(displayHeight)};
            case EXACT -> new int[] {width, height};
            case WIDTH -> new int[] {even(width), even(Math.round((double) width * displayHeight / displayWidth))};
            case FIT -> {
                double s = Math.min(1.0, Math.min((double) width / displayWidth, (double) height / displayHeight));
                yield new int[] {even(Math.round(displayWidth * s)), even(Math.round(displayHeight * s))};
            }
        };
    }

    private static int even(long v) {
        long e = v - (v & 1);
        return (int) Math.max(2, e);
    }
}
