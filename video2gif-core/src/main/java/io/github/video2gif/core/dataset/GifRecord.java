package io.github.video2gif.core.dataset;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One row of the Video2GIF dataset's {@code metadata.txt}: a GIF and the video it was made from.
 *
 * @param youtubeId       the source video's YouTube id
 * @param gifId           the GIF's id
 * @param startFrame      {@code gif_start_frame} as written (it may hold a fraction)
 * @param endFrame        {@code gif_end_frame} as written
 * @param startSec        {@code gif_start_sec}
 * @param endSec          {@code gif_end_sec}
 * @param views           {@code gif_views}, when given
 * @param age             {@code gif_age}, when given (the release does not state its unit; it is read as days,
 *                        which does not matter for the popularity: a constant unit factor cancels in its
 *                        min-max scaling of logarithms, up to the {@code 1 +})
 * @param videoFrameCount {@code video_frame_count}
 * @param fields          every field of the row by its header name, as text
 */
public record GifRecord(String youtubeId, String gifId, double startFrame, double endFrame, double startSec,
                        double endSec, OptionalDouble views, OptionalDouble age, int videoFrameCount,
                        Map<String, String> fields) {
    public GifRecord {
        Objects.requireNonNull(youtubeId, "youtubeId");
        Objects.requireNonNull(gifId, "gifId");
        fields = Map.copyOf(fields);
    }

    /** The GIF's first frame as the authors' packaged evaluation code takes it: {@code int(gif_start_frame)}. */
    public int firstFrame() {
        return (int) startFrame;
    }

    /** One past the GIF's last frame: {@code int(gif_end_frame)}. */
    public int endFrameExclusive() {
        return (int) endFrame;
    }

    /** A field by its header name. */
    public Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }
}
