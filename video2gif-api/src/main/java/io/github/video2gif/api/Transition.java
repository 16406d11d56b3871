package io.github.video2gif.api;

import java.util.Objects;

/**
 * A shot transition over frames {@code [startFrame, endFrame)}. A hard cut spans the single frame that opens
 * the new shot ({@code endFrame == startFrame + 1}); a gradual transition spans its whole duration.
 */
public record Transition(long startFrame, long endFrame, Type type) {
    /**
     * The kind of transition: a hard cut; a fade out of a shot (through black, usually followed by a fade in);
     * a fade in (from black); a dissolve (the pictures blend); a gradual transition of no known kind; a wipe
     * (the new picture replaces the old one region by region).
     */
    public enum Type { CUT, FADE_OUT, FADE_IN, DISSOLVE, GRADUAL, WIPE }

    public Transition {
        Objects.requireNonNull(type, "type");
        if (startFrame < 0 || endFrame <= startFrame) {
            throw new IllegalArgumentException("bad transition range " + startFrame + ".." + endFrame);
        }
    }

    public boolean overlaps(long start, long end) {
        return startFrame < end && start < endFrame;
    }
}
