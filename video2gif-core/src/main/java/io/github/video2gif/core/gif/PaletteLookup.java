package io.github.video2gif.core.gif;

import java.util.Arrays;

/**
 * Exact nearest-palette answers for 24-bit colours, cached: a direct-mapped cache of 2<sup>18</sup> entries, each
 * one {@code int} holding a colour and its answer ({@code 0xRRGGBB << 8 | index}), so a repeated colour costs a
 * hash and one array read. A miss runs the palette's Oklab search and overwrites the slot.
 *
 * <p>Thread-safe without locks: an entry is written in one {@code int} store and is always self-consistent, so
 * racing threads at worst repeat a search; answers never depend on the number of threads.
 */
public final class PaletteLookup {
    private static final int BITS = 18;

    private final Palette palette;
    private final int[] cache = new int[1 << BITS];

    public PaletteLookup(Palette palette) {
        this.palette = palette;
        // every slot starts as a true entry (black and its answer), so no "empty" marker is needed
        Arrays.fill(cache, palette.nearest(0, 0, 0));
    }

    public Palette palette() {
        return palette;
    }

    /** Index of the palette colour nearest (in Oklab) to an sRGB colour (components 0..255). */
    public int index(int r, int g, int b) {
        int rgb = (r << 16) | (g << 8) | b;
        int slot = (rgb * 0x9E3779B1) >>> (32 - BITS);
        int e = cache[slot];
        if ((e >>> 8) == rgb) {
            return e & 0xFF;
        }
        int v = palette.nearest(r, g, b);
        cache[slot] = (rgb << 8) | v;
        return v;
    }

    /** Index of the palette colour nearest to {@code 0xRRGGBB}. */
    public int index(int rgb) {
        return index(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF);
    }
}
