package io.github.video2gif.bench.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A small median-cut colour quantiser with optional Floyd-Steinberg dithering, to make GIFs for the alignment
 * evaluation the way GIF tools do (reduce to a palette of up to 256 colours, optionally dithered).
 */
public final class MedianCutPalette {
    private final int[] colours;
    private final byte[] nearest = new byte[1 << 15];

    private MedianCutPalette(int[] colours) {
        this.colours = colours;
        for (int key = 0; key < nearest.length; key++) {
            int r = ((key >> 10) & 31) * 255 / 31;
            int g = ((key >> 5) & 31) * 255 / 31;
            int b = (key & 31) * 255 / 31;
            nearest[key] = (byte) closest(r, g, b);
        }
    }

    /** A palette of at most {@code size} colours by median cut of the given packed RGB images' pixels. */
    public static MedianCutPalette of(List<byte[]> images, int size) {
        List<int[]> pixels = new ArrayList<>();
        int total = images.stream().mapToInt(i -> i.length / 3).sum();
        int step = Math.max(1, total / 60_000);
        int seen = 0;
        for (byte[] img : images) {
            for (int p = 0; p < img.length; p += 3, seen++) {
                if (seen % step == 0) {
                    pixels.add(new int[] {img[p] & 0xFF, img[p + 1] & 0xFF, img[p + 2] & 0xFF});
                }
            }
        }
        List<List<int[]>> boxes = new ArrayList<>();
        boxes.add(pixels);
        while (boxes.size() < size) {
            List<int[]> widest = null;
            int widestChannel = 0;
            int widestRange = 0;
            for (List<int[]> box : boxes) {
                if (box.size() < 2) {
                    continue;
                }
                for (int c = 0; c < 3; c++) {
                    int lo = 255;
                    int hi = 0;
                    for (int[] px : box) {
                        lo = Math.min(lo, px[c]);
                        hi = Math.max(hi, px[c]);
                    }
                    if (hi - lo > widestRange) {
                        widestRange = hi - lo;
                        widest = box;
                        widestChannel = c;
                    }
                }
            }
            if (widest == null || widestRange == 0) {
                break;
            }
            int ch = widestChannel;
            widest.sort(Comparator.comparingInt(px -> px[ch]));
            int mid = widest.size() / 2;
            boxes.remove(widest);
            boxes.add(new ArrayList<>(widest.subList(0, mid)));
            boxes.add(new ArrayList<>(widest.subList(mid, widest.size())));
        }
        int[] colours = new int[boxes.size()];
        for (int i = 0; i < colours.length; i++) {
            long r = 0;
            long g = 0;
            long b = 0;
            for (int[] px : boxes.get(i)) {
                r += px[0];
                g += px[1];
                b += px[2];
            }
            int n = Math.max(1, boxes.get(i).size());
            colours[i] = (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
        }
        return new MedianCutPalette(colours);
    }

    /** A uniform palette of {@code levels^3} colours (the "web palette" kind of quantiser). */
    public static MedianCutPalette uniform(int levels) {
        int[] colours = new int[levels * levels * levels];
        for (int i = 0; i < colours.length; i++) {
            int r = i / (levels * levels) * 255 / (levels - 1);
            int g = i / levels % levels * 255 / (levels - 1);
            int b = i % levels * 255 / (levels - 1);
            colours[i] = r << 16 | g << 8 | b;
        }
        return new MedianCutPalette(colours);
    }

    public int[] colours() {
        return colours.clone();
    }

    /** Palette indices for a packed RGB image, with or without Floyd-Steinberg error diffusion. */
    public byte[] map(byte[] rgb, int w, int h, boolean dither) {
        byte[] out = new byte[w * h];
        float[] err = dither ? new float[(w + 2) * 2 * 3] : null;
        for (int y = 0; y < h; y++) {
            if (dither) {
                // Rows alternate in a two-row ring buffer: this row's errors and the next row's.
                int next = ((y + 1) & 1) * (w + 2) * 3;
                Arrays.fill(err, next, next + (w + 2) * 3, 0);
            }
            for (int x = 0; x < w; x++) {
                int p = (y * w + x) * 3;
                int r = rgb[p] & 0xFF;
                int g = rgb[p + 1] & 0xFF;
                int b = rgb[p + 2] & 0xFF;
                int cur = (y & 1) * (w + 2) * 3 + (x + 1) * 3;
                if (dither) {
                    r = clamp(r + err[cur]);
                    g = clamp(g + err[cur + 1]);
                    b = clamp(b + err[cur + 2]);
                }
                int index = nearest[(r >> 3) << 10 | (g >> 3) << 5 | (b >> 3)] & 0xFF;
                out[y * w + x] = (byte) index;
                if (dither) {
                    int c = colours[index];
                    int[] e = {r - (c >> 16 & 0xFF), g - (c >> 8 & 0xFF), b - (c & 0xFF)};
                    int nxt = ((y + 1) & 1) * (w + 2) * 3 + (x + 1) * 3;
                    for (int k = 0; k < 3; k++) {
                        err[cur + 3 + k] += e[k] * 7 / 16f;
                        err[nxt - 3 + k] += e[k] * 3 / 16f;
                        err[nxt + k] += e[k] * 5 / 16f;
                        err[nxt + 3 + k] += e[k] / 16f;
                    }
                }
            }
        }
        return out;
    }

    private int closest(int r, int g, int b) {
        int best = 0;
        int bestD = Integer.MAX_VALUE;
        for (int i = 0; i < colours.length; i++) {
            int c = colours[i];
            int dr = r - (c >> 16 & 0xFF);
            int dg = g - (c >> 8 & 0xFF);
            int db = b - (c & 0xFF);
            int d = 2 * dr * dr + 4 * dg * dg + 3 * db * db;
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    private static int clamp(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }
}
