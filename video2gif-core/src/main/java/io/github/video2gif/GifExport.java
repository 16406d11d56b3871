package io.github.video2gif;

import io.github.video2gif.core.gif.GifSizeBudget;
import io.github.video2gif.core.gif.LoopSeamFinder;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One file written by {@link Video2Gif#export}: where, in what format, from which part of the video, and what the
 * loop search and the size budget chose.
 *
 * @param path     the file written
 * @param format   its format ({@code gif}, {@code webp}, {@code mp4}, ...)
 * @param frames   frames in the file (for a bounce, the backward ones included)
 * @param width    frame width in the file
 * @param height   frame height in the file
 * @param startSec where in the video the exported part starts (after the loop search, if any)
 * @param endSec   where it ends (exclusive)
 * @param fps      the file's frame rate (a loop search may adjust it slightly, at most half a frame over the
 *                 clip, so that whole frames span the chosen loop exactly)
 * @param bytes    the file's size
 * @param bounce   whether the frames play forward then backward
 * @param loop     the loop search's choice (start, end, loop score), when a loop window was given
 * @param budget   what the size budget chose (width, frame rate, colours, lossiness), when a budget was given
 */
public record GifExport(Path path, String format, int frames, int width, int height, double startSec, double endSec,
                        double fps, long bytes, boolean bounce, Optional<LoopSeamFinder.LoopChoice> loop,
                        Optional<GifSizeBudget.Choice> budget) {
    public GifExport {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(budget, "budget");
        if (frames < 1 || width < 1 || height < 1 || !(endSec > startSec) || !(fps > 0) || bytes < 0) {
            throw new IllegalArgumentException("bad export: " + frames + " frames, " + width + "x" + height + ", "
                    + startSec + ".." + endSec + " s, " + fps + " fps, " + bytes + " bytes");
        }
    }

    /** Seconds of video the file shows once through (a bounce plays them twice, forward and back). */
    public double durationSec() {
        return endSec - startSec;
    }
}
