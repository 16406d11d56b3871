package io.github.video2gif.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What is known about a video stream.
 *
 * @param path            the file
 * @param durationSec     duration of the video stream in seconds (0 when the container does not say)
 * @param fps             average frame rate in frames per second (for variable frame rate video the average)
 * @param frameCount      number of frames: exact after a full decode pass, otherwise the container's count or
 *                        an estimate from duration and frame rate
 * @param width           display width in pixels (after rotation and sample aspect ratio)
 * @param height          display height in pixels (after rotation and sample aspect ratio)
 * @param rotationDegrees clockwise display rotation that was applied to the coded frames (0, 90, 180, 270)
 * @param codec           codec name as the decoder reports it
 */
public record VideoInfo(Path path, double durationSec, double fps, long frameCount, int width, int height,
                        int rotationDegrees, String codec) {
    public VideoInfo {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(codec, "codec");
        if (!(durationSec >= 0) || Double.isInfinite(durationSec)) {
            throw new IllegalArgumentException("durationSec must be finite and >= 0, was " + durationSec);
        }
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("fps must be finite and > 0, was " + fps);
        }
        if (frameCount < 0) {
            throw new IllegalArgumentException("frameCount must be >= 0, was " + frameCount);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be positive, was " + width + "x" + height);
        }
        if (rotationDegrees % 90 != 0 || rotationDegrees < 0 || rotationDegrees >= 360) {
            throw new IllegalArgumentException("rotationDegrees must be 0, 90, 180 or 270, was " + rotationDegrees);
        }
    }

    /** A copy with the exact frame count and duration found by a full decode pass. */
    public VideoInfo withMeasured(long frames, double duration) {
        return new VideoInfo(path, duration, fps, frames, width, height, rotationDegrees, codec);
    }
}
