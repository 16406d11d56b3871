package io.github.video2gif.core.synthetic;

/** Draws the pictures of {@link SyntheticVideo}'s shot kinds. Coordinates are relative, so any size works. */
final class Renderer {
    private Renderer() {
    }

    static void render(SyntheticVideo.Shot shot, double t, int w, int h, byte[] rgb) {
        long seed = shot.seed();
        switch (shot.kind()) {
            case ACTION -> {
                landscape(seed, 0, w, h, rgb, 1.0);
                balls(seed, t, 1.0, w, h, rgb, 1.0);
                figure(seed, t, w, h, rgb, 1.0);
            }
            case STATIC -> landscape(seed, 0, w, h, rgb, 1.0);
            case DARK -> {
                landscape(seed, 0, w, h, rgb, 0.2);
                balls(seed, t, 0.35, w, h, rgb, 0.2);
            }
            case FOG -> fog(seed, t, w, h, rgb);
            case PAN -> landscape(seed, t * 0.12, w, h, rgb, 1.0);
            default -> throw new IllegalStateException(shot.kind().toString());
        }
    }

    private static int hash(long seed, int x, int y) {
        long v = seed * 0x9E3779B97F4A7C15L + x * 0xC2B2AE3D27D4EB4FL + y * 0x165667B19E3779F9L;
        v ^= v >>> 29;
        v *= 0xBF58476D1CE4E5B9L;
        v ^= v >>> 32;
        return (int) v;
    }

    /** Sky, sun and rolling hills with a fine texture; {@code offset} pans the view (in widths). */
    private static void landscape(long seed, double offset, int w, int h, byte[] rgb, double gain) {
        int hue = Math.floorMod(hash(seed, 1, 1), 3);
        double sunX = 0.2 + 0.6 * ((hash(seed, 2, 2) & 0xff) / 255.0);
        for (int y = 0; y < h; y++) {
            double fy = (double) y / h;
            for (int x = 0; x < w; x++) {
                double fx = (double) x / w + offset;
                double hill = 0.55 + 0.08 * Math.sin(fx * 7.0 + seed) + 0.04 * Math.sin(fx * 19.0 + 2 * seed);
                int r;
                int g;
                int b;
                if (fy < hill) {
                    double sky = fy / hill;
                    r = (int) (90 + 100 * sky);
                    g = (int) (140 + 80 * sky);
                    b = (int) (235 - 20 * sky);
                    double dx = (fx - offset - sunX) * w / h;
                    double dy = fy - 0.2;
                    if (dx * dx + dy * dy < 0.006) {
                        r = 255;
                        g = 225;
                        b = 90;
                    }
                } else {
                    int tx = (int) Math.floor(fx * 96);
                    int ty = (int) Math.floor(fy * 54);
                    int tex = (hash(seed, tx, ty) & 0x3f) - 32;
                    double depth = (fy - hill) / (1 - hill);
                    switch (hue) {
                        case 0 -> {
                            r = 60 + tex;
                            g = (int) (150 - 50 * depth) + tex;
                            b = 50;
                        }
                        case 1 -> {
                            r = (int) (170 - 60 * depth) + tex;
                            g = 130 + tex;
                            b = 60;
                        }
                        default -> {
                            r = 90 + tex;
                            g = (int) (120 - 30 * depth) + tex;
                            b = 140 + tex / 2;
                        }
                    }
                }
                put(rgb, (y * w + x) * 3, r * gain, g * gain, b * gain);
            }
        }
    }

    /** Five bright balls bouncing; {@code speed} scales their motion. */
    private static void balls(long seed, double t, double speed, int w, int h, byte[] rgb, double gain) {
        int[][] colours = {{230, 40, 40}, {250, 200, 30}, {40, 90, 230}, {240, 90, 200}, {40, 220, 220}};
        for (int i = 0; i < colours.length; i++) {
            double x0 = (hash(seed, 10 + i, 1) & 0xffff) / 65535.0;
            double y0 = (hash(seed, 10 + i, 2) & 0xffff) / 65535.0;
            double vx = (0.25 + 0.35 * ((hash(seed, 10 + i, 3) & 0xff) / 255.0)) * speed;
            double vy = (0.30 + 0.40 * ((hash(seed, 10 + i, 4) & 0xff) / 255.0)) * speed;
            double cx = bounce(x0 + vx * t);
            double cy = bounce(y0 + vy * t);
            double radius = (0.06 + 0.02 * i) * h;
            disc(rgb, w, h, cx * w, cy * h, radius, colours[i], gain);
        }
    }

    /** A simple figure (body and head) walking across the frame. */
    private static void figure(long seed, double t, int w, int h, byte[] rgb, double gain) {
        double x = bounce(0.1 + 0.18 * t) * w;
        double step = Math.sin(t * 9) * 0.03 * h;
        int[] skin = {240, 200, 160};
        int[] shirt = {200, 30, 60};
        int bodyTop = (int) (0.45 * h + step);
        int bodyBottom = (int) (0.78 * h + step);
        int half = (int) (0.035 * h) + 1;
        for (int y = Math.max(0, bodyTop); y < Math.min(h, bodyBottom); y++) {
            for (int xx = (int) x - half; xx <= (int) x + half; xx++) {
                if (xx >= 0 && xx < w) {
                    put(rgb, (y * w + xx) * 3, shirt[0] * gain, shirt[1] * gain, shirt[2] * gain);
                }
            }
        }
        disc(rgb, w, h, x, 0.40 * h + step, 0.05 * h, skin, gain);
    }

    /** Low-contrast grey clouds drifting slowly. */
    private static void fog(long seed, double t, int w, int h, byte[] rgb) {
        double phase = (seed % 7) + t * 0.05;
        for (int y = 0; y < h; y++) {
            double fy = (double) y / h;
            for (int x = 0; x < w; x++) {
                double fx = (double) x / w;
                double v = 128 + 9 * Math.sin(fx * 5 + phase) * Math.cos(fy * 4 - phase * 0.7);
                put(rgb, (y * w + x) * 3, v, v, v + 3);
            }
        }
    }

    private static double bounce(double v) {
        double m = v % 2.0;
        if (m < 0) {
            m += 2;
        }
        return 0.08 + 0.84 * (m <= 1 ? m : 2 - m);
    }

    private static void disc(byte[] rgb, int w, int h, double cx, double cy, double r, int[] c, double gain) {
        int x0 = (int) Math.max(0, Math.floor(cx - r));
        int x1 = (int) Math.min(w - 1, Math.ceil(cx + r));
        int y0 = (int) Math.max(0, Math.floor(cy - r));
        int y1 = (int) Math.min(h - 1, Math.ceil(cy + r));
        double r2 = r * r;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double dx = x + 0.5 - cx;
                double dy = y + 0.5 - cy;
                double d2 = dx * dx + dy * dy;
                if (d2 <= r2) {
                    double shade = 1.0 - 0.35 * d2 / r2;
                    put(rgb, (y * w + x) * 3, c[0] * shade * gain, c[1] * shade * gain, c[2] * shade * gain);
                }
            }
        }
    }

    private static void put(byte[] rgb, int p, double r, double g, double b) {
        rgb[p] = clamp(r);
        rgb[p + 1] = clamp(g);
        rgb[p + 2] = clamp(b);
    }

    private static byte clamp(double v) {
        int i = (int) Math.round(v);
        return (byte) (i < 0 ? 0 : Math.min(255, i));
    }
}
