package io.github.video2gif;

import io.github.video2gif.api.ScoredSegment;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A GIF written by {@link Video2Gif#exportTop}.
 *
 * @param rank    1 for the best segment
 * @param segment the segment and its score
 * @param path    where the GIF was written
 * @param frames  number of GIF frames
 * @param width   GIF width
 * @param height  GIF height
 */
public record ExportedGif(int rank, ScoredSegment segment, Path path, int frames, int width, int height) {
    public ExportedGif {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(path, "path");
        if (rank < 1 || frames < 1 || width < 1 || height < 1) {
            throw new IllegalArgumentException("bad exported GIF: rank " + rank + ", " + frames + " frames, "
                    + width + "x" + height);
        }
    }
}
