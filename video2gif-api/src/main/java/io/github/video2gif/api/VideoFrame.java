package io.github.video2gif.api;

import java.util.Objects;

/**
 * One decoded frame as packed 8-bit RGB (3 bytes a pixel, rows top to bottom, no padding).
 *
 * <p>A decoder hands out a new pixel array with every frame and never touches it again, so a consumer may
 * keep a frame. Consumers must not modify {@link #rgb()}; {@link #copyRgb()} gives a private copy.
 */
public final class VideoFrame {
    private final long index;
    private final double timestampSec;
    private final int width;
    private final int height;
    private final byte[] rgb;

    /**
     * @param index        0-based index of the frame in decode order
     * @param timestampSec presentation time in seconds from the start of the video stream
     * @param width        width in pixels
     * @param height       height in pixels
     * @param rgb          packed RGB pixels; taken over, not copied
     */
    public VideoFrame(long index, double timestampSec, int width, int height, byte[] rgb) {
        Objects.requireNonNull(rgb, "rgb");
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
        if (!Double.isFinite(timestampSec)) {
            throw new IllegalArgumentException("timestampSec must be finite, was " + timestampSec);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be positive, was " + width + "x" + height);
        }
        if ((long) width * height * 3 != rgb.length) {
            throw new IllegalArgumentException("rgb holds " + rgb.length + " bytes, expected " + width + "x"
                    + height + "x3 = " + ((long) width * height * 3));
        }
        this.index = index;
        this.timestampSec = timestampSec;
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    public long index() {
        return index;
    }

    public double timestampSec() {
        return timestampSec;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The packed RGB pixels (shared, read only by convention). */
    public byte[] rgb() {
        return rgb;
    }

    /** A private copy of the pixels. */
    public byte[] copyRgb() {
        return rgb.clone();
    }

    /** The same pixels under another index and timestamp. */
    public VideoFrame withTiming(long newIndex, double newTimestampSec) {
        return new VideoFrame(newIndex, newTimestampSec, width, height, rgb);
    }

    @Override
    public String toString() {
        return "VideoFrame[index=" + index + ", t=" + timestampSec + "s, " + width + "x" + height + "]";
    }
}
