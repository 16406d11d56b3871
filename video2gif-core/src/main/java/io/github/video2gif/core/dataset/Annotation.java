package io.github.video2gif.core.dataset;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One GIF made from a user's video, the unit of the project's annotation format ({@link AnnotationFile}).
 *
 * @param video    the video's path as written in the file (relative to the videos folder, or absolute)
 * @param startSec where the GIF starts in the video, seconds
 * @param endSec   where it ends (exclusive), seconds, {@code > startSec}
 * @param views    how often the GIF was viewed, when known
 * @param ageDays  how many days it has been online, when known
 */
public record Annotation(String video, double startSec, double endSec, OptionalDouble views, OptionalDouble ageDays) {
    public Annotation {
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(views, "views");
        Objects.requireNonNull(ageDays, "ageDays");
        if (video.isBlank() || video.indexOf('\t') >= 0 || video.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("bad video path \"" + video + "\"");
        }
        if (!(startSec >= 0) || Double.isInfinite(startSec)) {
            throw new IllegalArgumentException("start must be finite and >= 0 seconds, was " + startSec);
        }
        if (!(endSec > startSec) || Double.isInfinite(endSec)) {
            throw new IllegalArgumentException("end must be finite and after the start (" + startSec + " s), was "
                    + endSec);
        }
        if (views.isPresent() && !(views.getAsDouble() >= 0 && Double.isFinite(views.getAsDouble()))) {
            throw new IllegalArgumentException("views must be finite and >= 0, was " + views.getAsDouble());
        }
        if (ageDays.isPresent() && !(ageDays.getAsDouble() >= 0 && Double.isFinite(ageDays.getAsDouble()))) {
            throw new IllegalArgumentException("age must be finite and >= 0 days, was " + ageDays.getAsDouble());
        }
    }

    /** A GIF without popularity information. */
    public Annotation(String video, double startSec, double endSec) {
        this(video, startSec, endSec, OptionalDouble.empty(), OptionalDouble.empty());
    }
}
