package io.github.video2gif.core.gif;

/** Maps every pixel to the palette colour equal to it (for clips with no more colours than the palette holds). */
final class ExactDitherer implements Ditherer {
    private final PaletteLookup lookup;
    private final int pixels;

    ExactDitherer(PaletteLookup lookup, int width, int height) {
        this.lookup = lookup;
        this.pixels = width * height;
    }

    @Override
    public void dither(byte[] rgb, byte[] indices) {
        int last = -1;
        int lastIndex = 0;
        for (int p = 0; p < pixels; p++) {
            int i = p * 3;
            int c = (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | (rgb[i + 2] & 0xFF);
            if (c != last) {
                lastIndex = lookup.index(c);
                last = c;
            }
            indices[p] = (byte) lastIndex;
        }
    }

    @Override
    public boolean sequential() {
        return false;
    }
}
