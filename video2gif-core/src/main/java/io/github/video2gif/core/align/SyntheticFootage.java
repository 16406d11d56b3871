package io.github.video2gif.core.align;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Procedural video for tests, benchmarks and demonstrations of the aligner: a deterministic sequence of shots
 * (1.5 to 6 s each), each a tinted gradient with a few coloured ellipses drifting across it, about one shot in
 * seven held still. The same seed always gives the same footage, and any frame can be rendered at any size, so
 * a test can cut a "GIF" at a known time and feed the "video" through a decoder without a file.
 */
public final class SyntheticFootage {
    private final double durationSec;
    private final double fps;
    private final int frameCount;
    private final List<Shot> shots = new ArrayList<>();

    private record Blob(double x, double y, double vx, double vy, double rx, double ry, int rgb) {
    }

    private record Shot(double startSec, double endSec, int topRgb, int bottomRgb, double tilt, boolean still,
                        Blob[] blobs) {
    }

    /**
     * @param seed        footage identity
     * @param durationSec length in seconds
     * @param fps         frame rate
     */
    public SyntheticFootage(long seed, double durationSec, double fps) {
        if (!(durationSec > 0) || !(fps > 0) || Double.isInfinite(durationSec) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("duration and fps must be positive: " + durationSec + ", " + fps);
        }
        this.durationSec = durationSec;
        this.fps = fps;
        this.frameCount = (int) Math.max(1, Math.floor(durationSec * fps + 1e-9));
        Random rnd = new Random(seed);
        double t = 0;
        while (t < durationSec) {
            double len = 1.5 + 4.5 * rnd.nextDouble();
            boolean still = rnd.nextInt(7) == 0;
            Blob[] blobs = new Blob[3 + rnd.nextInt(5)];
            for (int b = 0; b < blobs.length; b++) {
                double speed = still ? 0 : 0.03 + 0.15 * rnd.nextDouble();
                double dir = rnd.nextDouble() * 2 * Math.PI;
                blobs[b] = new Blob(rnd.nextDouble(), rnd.nextDouble(), speed * Math.cos(dir),
                        speed * Math.sin(dir), 0.05 + 0.25 * rnd.nextDouble(), 0.05 + 0.25 * rnd.nextDouble(),
                        rnd.nextInt(0x1000000));
            }
            shots.add(new Shot(t, t + len, rnd.nextInt(0x1000000), rnd.nextInt(0x1000000),
                    rnd.nextDouble() - 0.5, still, blobs));
            t += len;
        }
    }

    public double durationSec() {
        return durationSec;
    }

    public double fps() {
        return fps;
    }

    public int frameCount() {
        return frameCount;
    }

    /** Presentation time of a frame. */
    public double timeOf(int frame) {
        return frame / fps;
    }

    /** Start times of the shots (the cuts), in seconds. */
    public double[] shotStarts() {
        return shots.stream().mapToDouble(Shot::startSec).toArray();
    }

    /** Whether the picture at time {@code t} belongs to a still shot (nothing moves). */
    public boolean isStill(double t) {
        return shotAt(t).still();
    }

    /**
     * Whether nothing in {@code [from, to]} is still: every shot it touches moves, so every moment of it can be
     * told from its neighbours.
     */
    public boolean movesThroughout(double from, double to) {
        for (Shot s : shots) {
            if (s.endSec() > from && s.startSec() <= to && s.still()) {
                return false;
            }
        }
        return true;
    }

    private Shot shotAt(double t) {
        for (Shot s : shots) {
            if (t < s.endSec()) {
                return s;
            }
        }
        return shots.get(shots.size() - 1);
    }

    /** Renders frame {@code frame} as packed RGB at {@code width x height}. */
    public byte[] render(int frame, int width, int height) {
        return renderAt(timeOf(frame), width, height);
    }

    /** Renders the picture at time {@code t} as packed RGB at {@code width x height}. */
    public byte[] renderAt(double t, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be positive: " + width + "x" + height);
        }
        Shot shot = shotAt(t);
        double local = t - shot.startSec();
        byte[] rgb = new byte[width * height * 3];
        int n = shot.blobs().length;
        double[] cx = new double[n];
        double[] cy = new double[n];
        for (int b = 0; b < n; b++) {
            Blob blob = shot.blobs()[b];
            cx[b] = wrap(blob.x() + blob.vx() * local);
            cy[b] = wrap(blob.y() + blob.vy() * local);
        }
        double aspect = (double) width / height;
        for (int y = 0; y < height; y++) {
            double v = (y + 0.5) / height;
            for (int x = 0; x < width; x++) {
                double u = (x + 0.5) / width;
                double mix = Math.min(1, Math.max(0, v + shot.tilt() * (u - 0.5)));
                int r = lerp(shot.topRgb() >> 16, shot.bottomRgb() >> 16, mix);
                int gg = lerp(shot.topRgb() >> 8, shot.bottomRgb() >> 8, mix);
                int bb = lerp(shot.topRgb(), shot.bottomRgb(), mix);
                for (int b = 0; b < n; b++) {
                    Blob blob = shot.blobs()[b];
                    double dx = (u - cx[b]) * aspect / (blob.rx() * 16.0 / 9.0);
                    double dy = (v - cy[b]) / blob.ry();
                    if (dx * dx + dy * dy <= 1) {
                        r = blob.rgb() >> 16 & 0xFF;
                        gg = blob.rgb() >> 8 & 0xFF;
                        bb = blob.rgb() & 0xFF;
                    }
                }
                int o = (y * width + x) * 3;
                rgb[o] = (byte) r;
                rgb[o + 1] = (byte) gg;
                rgb[o + 2] = (byte) bb;
            }
        }
        return rgb;
    }

    private static double wrap(double p) {
        // Bounce between -0.2 and 1.2 so blobs drift in and out of view.
        double span = 1.4;
        double q = ((p + 0.2) % (2 * span) + 2 * span) % (2 * span);
        return (q <= span ? q : 2 * span - q) - 0.2;
    }

    private static int lerp(int a, int b, double t) {
        a &= 0xFF;
        b &= 0xFF;
        return (int) Math.round(a + (b - a) * t);
    }
}
