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
        int g256 = (int) Math.round(gain * 256);
        int[] hillRow = new int[w];
        int[] tx = new int[w];
        int txMin = Integer.MAX_VALUE;
        int txMax = Integer.MIN_VALUE;
        for (int x = 0; x < w; x++) {
            double fx = (double) x / w + offset;
            double hill = 0.55 + 0.08 * Math.sin(fx * 7.0 + seed) + 0.04 * Math.sin(fx * 19.0 + 2 * seed);
            hillRow[x] = (int) Math.round(hill * h);
            tx[x] = (int) Math.floor(fx * 96);
            txMin = Math.min(txMin, tx[x]);
            txMax = Math.max(txMax, tx[x]);
        }
        int[] tex = new int[txMax - txMin + 1];
        int sunCx = (int) Math.round(sunX * w);
        int sunCy = (int) Math.round(0.2 * h);
        long sunR2 = Math.round(0.006 * h * h);
        int lastTy = Integer.MIN_VALUE;
        for (int y = 0; y < h; y++) {
            int ty = (int) Math.floor((double) y / h * 54);
            if (ty != lastTy) {
                for (int i = 0; i < tex.length; i++) {
                    tex[i] = (hash(seed, txMin + i, ty) & 0x3f) - 32;
                }
                lastTy = ty;
            }
            int row = y * w * 3;
            long dy = y - sunCy;
            for (int x = 0; x < w; x++) {
                int hy = hillRow[x];
                int r;
                int g;
                int b;
                if (y < hy) {
                    int sky = y * 256 / Math.max(1, hy); // 0..255
                    r = 90 + (100 * sky >> 8);
                    g = 140 + (80 * sky >> 8);
                    b = 235 - (20 * sky >> 8);
                    long dx = x - sunCx;
                    if (dx * dx + dy * dy < sunR2) {
                        r = 255;
                        g = 225;
                        b = 90;
                    }
                } else {
                    int t = tex[tx[x] - txMin];
                    int depth = (y - hy) * 256 / Math.max(1, h - hy); // 0..255
                    switch (hue) {
                        case 0 -> {
                            r = 60 + t;
                            g = 150 - (50 * depth >> 8) + t;
                            b = 50;
                        }
                        case 1 -> {
                            r = 170 - (60 * depth >> 8) + t;
                            g = 130 + t;
                            b = 60;
                        }
                        default -> {
                            r = 90 + t;
                            g = 120 - (30 * depth >> 8) + t;
                            b = 140 + t / 2;
                        }
                    }
                }
                int p = row + x * 3;
                rgb[p] = clampInt(r * g256 >> 8);
                rgb[p + 1] = clampInt(g * g256 >> 8);
                rgb[p + 2] = clampInt(b * g256 >> 8);
            }
        }
    }

    private static byte clampInt(int v) {
        return (byte) (v < 0 ? 0 : Math.min(255, v));
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
        double[] cx = new double[w];
        for (int x = 0; x < w; x++) {
            cx[x] = Math.sin((double) x / w * 5 + phase);
        }
        for (int y = 0; y < h; y++) {
            double cy = 9 * Math.cos((double) y / h * 4 - phase * 0.7);
            for (int x = 0; x < w; x++) {
                double v = 128 + cy * cx[x];
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
