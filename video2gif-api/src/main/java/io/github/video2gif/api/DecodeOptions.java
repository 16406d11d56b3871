package io.github.video2gif.api;

import java.util.Objects;

/**
 * What a decoder should deliver.
 *
 * @param format   the frame size
 * @param startSec first timestamp wanted; the decoder seeks there (frames before it are not delivered)
 * @param endSec   frames at or after this timestamp are not delivered ({@code Double.POSITIVE_INFINITY}: to
 *                 the end)
 * @param companion a second size each frame is also wanted at ({@link FrameStream#companion()}), or null. A
 *                 decoder that can scale twice from its decoded pixels delivers it; others ignore it (the caller
 *                 then resizes the frame itself)
 */
public record DecodeOptions(FrameFormat format, double startSec, double endSec, FrameFormat companion) {
    public DecodeOptions {
        Objects.requireNonNull(format, "format");
        if (!(startSec >= 0) || Double.isInfinite(startSec)) {
            throw new IllegalArgumentException("startSec must be finite and >= 0, was " + startSec);
        }
        if (!(endSec > startSec)) {
            throw new IllegalArgumentException("endSec must be > startSec, was " + startSec + ".." + endSec);
        }
    }

    /** Options without a companion size. */
    public DecodeOptions(FrameFormat format, double startSec, double endSec) {
        this(format, startSec, endSec, null);
    }

    /** These options, also asking for each frame at {@code companionFormat} (null: no companion). */
    public DecodeOptions withCompanion(FrameFormat companionFormat) {
        return new DecodeOptions(format, startSec, endSec, companionFormat);
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
