package io.github.video2gif.api;

import java.util.Objects;

/**
 * What a decoder should deliver.
 *
 * @param format   the frame size
 * @param startSec first timestamp wanted; the decoder seeks there (frames before it are not delivered)
 * @param endSec   frames at or after this timestamp are not delivered ({@code Double.POSITIVE_INFINITY}: to
 *                 the end)
 */
public record DecodeOptions(FrameFormat format, double startSec, double endSec) {
    public DecodeOptions {
        Objects.requireNonNull(format, "format");
        if (!(startSec >= 0) || Double.isInfinite(startSec)) {
            throw new IllegalArgumentException("startSec must be finite and >= 0, was " + startSec);
        }
        if (!(endSec > startSec)) {
            throw new IllegalArgumentException("endSec must be > startSec, was " + startSec + ".." + endSec);
        }
    }

    /** The whole video at the given size. */
    public static DecodeOptions whole(FrameFormat format) {
        return new DecodeOptions(format, 0, Double.POSITIVE_INFINITY);
    }

    /** A time range at the given size. */
    public static DecodeOptions range(FrameFormat format, double startSec, double endSec) {
        return new DecodeOptions(format, startSec, endSec);
    }
}
