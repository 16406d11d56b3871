package io.github.video2gif.core.gif;

import io.github.video2gif.api.VideoFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generated test clips with known content, shared by tests and benchmarks (seeded, deterministic). Each stresses
 * a different part of a GIF encoder:
 * <ul>
 *   <li>{@link Scene#SPRITES}: a still colour gradient with moving coloured shapes (inter-frame optimisation,
 *       dithering of gradients);</li>
 *   <li>{@link Scene#PAN}: a smooth texture panning at a fractional speed, so every pixel changes (palette,
 *       dither stability under motion);</li>
 *   <li>{@link Scene#NOISY}: a lit scene with sensor noise in every frame and a slow fade (temporal
 *       thresholds);</li>
 *   <li>{@link Scene#FLAT}: a screen-recording-like scene of a dozen flat colours (exact palettes).</li>
 * </ul>
 */
public final class SyntheticClips {
    /** The generated scenes. */
    public enum Scene {
        SPRITES, PAN, NOISY, FLAT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private SyntheticClips() {
    }

    /** Frames of a scene at {@code fps}, timestamps {@code i / fps}. */
    public static List<VideoFrame> render(Scene scene, int width, int height, int frames, double fps, long seed) {
        if (width < 2 || height < 2 || frames < 1 || !(fps > 0)) {
            throw new IllegalArgumentException("need width, height >= 2, frames >= 1, fps > 0");
        }
        List<VideoFrame> out = new ArrayList<>(frames);
        SplittableRandom random = new SplittableRandom(seed);
        Sprite[] sprites = new Sprite[6];
        for (int s = 0; s < sprites.length; s++) {
            sprites[s] = new Sprite(random, width, height);
        }
        for (int f = 0; f < frames; f++) {
            byte[] rgb = new byte[width * height * 3];
            double t = f / fps;
            switch (scene) {
                case SPRITES -> sprites(rgb, width, height, t, sprites);
                case PAN -> pan(rgb, width, height, t);
                case NOISY -> noisy(rgb, width, height, t, random);
                case FLAT -> flat(rgb, width, height, f);
            }
            out.add(new VideoFrame(f, t, width, height, rgb));
        }
        return out;
    }

    private static final class Sprite {
        final double x0;
        final double y0;
        final double vx;
        final double vy;
        final double radius;
        final int color;
        final boolean square;

        Sprite(SplittableRandom r, int w, int h) {
            x0 = r.nextDouble() * w;
            y0 = r.nextDouble() * h;
            vx = (r.nextDouble() - 0.5) * w * 0.3;
            vy = (r.nextDouble() - 0.5) * h * 0.3;
            radius = (0.05 + 0.08 * r.nextDouble()) * Math.min(w, h);
            color = r.nextInt(0x1000000);
            square = r.nextBoolean();
        }
    }

    private static void sprites(byte[] rgb, int w, int h, double t, Sprite[] sprites) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                double u = (double) x / w;
                double v = (double) y / h;
                rgb[i] = (byte) (40 + 180 * u);
                rgb[i + 1] = (byte) (60 + 150 * v);
                rgb[i + 2] = (byte) (200 - 120 * u * v);
            }
        }
        for (Sprite s : sprites) {
            double cx = bounce(s.x0 + s.vx * t, w);
            double cy = bounce(s.y0 + s.vy * t, h);
            int r = (int) Math.ceil(s.radius);
            for (int y = Math.max(0, (int) cy - r); y < Math.min(h, (int) cy + r + 1); y++) {
                for (int x = Math.max(0, (int) cx - r); x < Math.min(w, (int) cx + r + 1); x++) {
                    double dx = x - cx;
                    double dy = y - cy;
                    boolean in = s.square ? Math.abs(dx) <= s.radius && Math.abs(dy) <= s.radius
                            : dx * dx + dy * dy <= s.radius * s.radius;
                    if (in) {
                        int i = (y * w + x) * 3;
                        double shade = 0.75 + 0.25 * (1 - (dx + dy) / (2 * s.radius));
                        rgb[i] = (byte) Math.min(255, (s.color >> 16 & 0xFF) * shade);
                        rgb[i + 1] = (byte) Math.min(255, (s.color >> 8 & 0xFF) * shade);
                        rgb[i + 2] = (byte) Math.min(255, (s.color & 0xFF) * shade);
                    }
                }
            }
        }
    }

    private static double bounce(double v, int size) {
        double period = 2.0 * size;
        double m = ((v % period) + period) % period;
        return m < size ? m : period - m;
    }

    private static void pan(byte[] rgb, int w, int h, double t) {
        double shift = 23.7 * t;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = (x + shift) / 37.0;
                double v = y / 29.0;
                double a = Math.sin(u) * Math.cos(v * 0.7) + 0.5 * Math.sin(u * 0.37 + v * 1.3);
                double b = Math.cos(u * 0.5 - v * 0.45) + 0.3 * Math.sin(u * 2.1 + v);
                int i = (y * w + x) * 3;
                rgb[i] = (byte) clamp(128 + 70 * a + 30 * b);
                rgb[i + 1] = (byte) clamp(110 + 50 * b - 20 * a);
                rgb[i + 2] = (byte) clamp(90 + 60 * Math.sin(a + b));
            }
        }
    }

    private static void noisy(byte[] rgb, int w, int h, double t, SplittableRandom random) {
        double light = 0.8 + 0.2 * Math.cos(t * 0.8);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = (x - w * 0.4) / w;
                double dy = (y - h * 0.45) / h;
                double glow = Math.exp(-(dx * dx + dy * dy) * 6);
                double base = (40 + 190 * glow) * light;
                int i = (y * w + x) * 3;
                double n = gaussian(random) * 3.0;
                rgb[i] = (byte) clamp(base * 1.05 + n);
                rgb[i + 1] = (byte) clamp(base * 0.85 + n + gaussian(random));
                rgb[i + 2] = (byte) clamp(base * 0.6 + 25 + n + gaussian(random));
            }
        }
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller
        double u = 1.0 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static final int[] FLAT_COLORS = {0xFFFFFF, 0xF0F0F0, 0x202124, 0x1A73E8, 0xD93025, 0x188038,
        0xF9AB00, 0x5F6368, 0xE8EAED, 0x8AB4F8, 0xFCE8E6, 0x000000};

    private static void flat(byte[] rgb, int w, int h, int f) {
        fill(rgb, w, 0, 0, w, h, FLAT_COLORS[0]);
        fill(rgb, w, 0, 0, w, Math.max(1, h / 10), FLAT_COLORS[3]);
        fill(rgb, w, 0, h / 10, Math.max(1, w / 5), h, FLAT_COLORS[8]);
        int lines = Math.min(12, f / 2 + 1);
        for (int l = 0; l < lines; l++) {
            int y = h / 10 + 6 + l * Math.max(3, h / 16);
            int len = (int) ((0.3 + 0.5 * ((l * 37) % 11) / 11.0) * (w * 0.7));
            fill(rgb, w, w / 5 + 8, y, Math.min(w, w / 5 + 8 + len), Math.min(h, y + Math.max(2, h / 40)),
                    FLAT_COLORS[2 + (l % 3) * 3]);
        }
        int cx = (int) (w * (0.3 + 0.6 * ((f * 7) % 20) / 20.0));
        int cy = (int) (h * (0.3 + 0.5 * ((f * 3) % 10) / 10.0));
        fill(rgb, w, cx, cy, Math.min(w, cx + 6), Math.min(h, cy + 9), FLAT_COLORS[11]);
        if ((f / 5) % 2 == 0) {
            fill(rgb, w, w - w / 6, h - h / 6, w - 4, h - 4, FLAT_COLORS[4]);
        }
    }

    private static void fill(byte[] rgb, int w, int x0, int y0, int x1, int y1, int color) {
        for (int y = Math.max(0, y0); y < y1; y++) {
            for (int x = Math.max(0, x0); x < x1; x++) {
                int i = (y * w + x) * 3;
                rgb[i] = (byte) (color >> 16);
                rgb[i + 1] = (byte) (color >> 8);
                rgb[i + 2] = (byte) color;
            }
        }
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(255, v));
    }
}
