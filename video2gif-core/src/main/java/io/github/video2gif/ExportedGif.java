package io.github.video2gif;

import io.github.video2gif.api.ScoredSegment;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file written by {@link Video2Gif#exportTop}: a ranked segment and what was written for it.
 *
 * @param rank    1 for the best segment
 * @param segment the segment as ranked, and its score
 * @param export  the file written: format, frames, size, and the choices of the loop search and the size budget
 */
public record ExportedGif(int rank, ScoredSegment segment, GifExport export) {
    public ExportedGif {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(export, "export");
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be at least 1, was " + rank);
        }
    }

    /** Where the file was written. */
    public Path path() {
        return export.path();
    }

    /** Number of frames in the file. */
    public int frames() {
        return export.frames();
    }

    /** Frame width in the file. */
    public int width() {
        return export.width();
    }

    /** Frame height in the file. */
    public int height() {
        return export.height();
    }
}
