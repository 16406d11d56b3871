package io.github.video2gif.core.synthetic;

import io.github.video2gif.api.VideoFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * A video rendered frame by frame in pure Java from a script of shots, with known ground truth (cut frames,
 * fades, which shots are lively). The README demo, the tests and the benchmarks share it.
 *
 * <p>Shot kinds: {@code ACTION} (colourful balls bouncing over a textured background, a figure walking across),
 * {@code STATIC} (a still, textured landscape), {@code DARK} (a dim scene with slow motion), {@code FOG} (a
 * low-contrast grey picture drifting slowly), {@code PAN} (the camera pans over a landscape, nothing else
 * moves). Shots are joined by hard cuts, or by a fade through black where {@link Shot#fadeOut()} is set.
 * Frames are rendered on demand, so a long video costs no memory.
 */
public final class SyntheticVideo {
    /** What a shot shows. */
    public enum Kind { ACTION, STATIC, DARK, FOG, PAN }

    /**
     * One shot.
     *
     * @param kind    what it shows
     * @param seconds its length
     * @param seed    varies the colours and positions
     * @param fadeOut whether it ends with a fade through black into the next shot (fade out 1 s, black 0.5 s,
     *                fade in 1 s, counted inside the two shots' lengths)
     */
    public record Shot(Kind kind, double seconds, long seed, boolean fadeOut) {
        public Shot {
            Objects.requireNonNull(kind, "kind");
            if (!(seconds >= 0.5 && seconds <= 3600)) {
                throw new IllegalArgumentException("shot length must be in [0.5, 3600] s, was " + seconds);
            }
        }
    }

    /** Fade-out, black and fade-in lengths in seconds. */
    public static final double FADE_OUT = 1.0;
    public static final double BLACK = 0.5;
    public static final double FADE_IN = 1.0;

    private final List<Shot> shots;
    private final int width;
    private final int height;
    private final double fps;
    private final int[] shotStart; // first frame of each shot; last entry = total frames

    public SyntheticVideo(List<Shot> shots, int width, int height, double fps) {
        this.shots = List.copyOf(shots);
        if (this.shots.isEmpty()) {
            throw new IllegalArgumentException("a synthetic video needs at least one shot");
        }
        if (width < 16 || height < 16 || width > 7680 || height > 4320) {
            throw new IllegalArgumentException("size must be within 16x16 .. 7680x4320, was " + width + "x" + height);
        }
        if (!(fps >= 1 && fps <= 120)) {
            throw new IllegalArgumentException("fps must be in [1, 120], was " + fps);
        }
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.shotStart = new int[this.shots.size() + 1];
        double t = 0;
        for (int i = 0; i < this.shots.size(); i++) {
            shotStart[i] = (int) Math.round(t * fps);
            t += this.shots.get(i).seconds();
        }
        shotStart[this.shots.size()] = (int) Math.round(t * fps);
    }

    /**
     * The README demo: an action shot, a static shot, a dark shot, a shot that fades through black into a
     * second action shot, and a foggy shot; about 27 s.
     */
    public static SyntheticVideo demo(int width, int height, double fps) {
        return new SyntheticVideo(List.of(
                new Shot(Kind.ACTION, 6, 1, false),
                new Shot(Kind.STATIC, 4, 2, false),
                new Shot(Kind.DARK, 4, 3, false),
                new Shot(Kind.PAN, 5, 4, true),
                new Shot(Kind.ACTION, 5, 5, false),
                new Shot(Kind.FOG, 3, 6, false)), width, height, fps);
    }

    /** A random script of about {@code seconds} seconds (for long-video benchmarks). */
    public static SyntheticVideo random(long seed, double seconds, int width, int height, double fps) {
        Random r = new Random(seed);
        List<Shot> list = new ArrayList<>();
        double t = 0;
        Kind[] kinds = Kind.values();
        while (t < seconds - 0.5) {
            double len = Math.min(seconds - t, 2 + r.nextDouble() * 10);
            if (len < 0.5) {
                break;
            }
            boolean fade = len >= 3 && r.nextInt(6) == 0 && seconds - t - len >= 3;
            list.add(new Shot(kinds[r.nextInt(kinds.length)], len, r.nextLong(), fade));
            t += len;
        }
        if (list.isEmpty()) {
            list.add(new Shot(Kind.ACTION, Math.max(0.5, seconds), seed, false));
        }
        return new SyntheticVideo(list, width, height, fps);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public double fps() {
        return fps;
    }

    public List<Shot> shots() {
        return shots;
    }

    public int frameCount() {
        return shotStart[shots.size()];
    }

    public double durationSec() {
        return frameCount() / fps;
    }

    /** First frame of shot {@code i} (i == shots().size() gives the frame count). */
    public int shotStartFrame(int i) {
        return shotStart[i];
    }

    /** The hard cuts: first frames of shots that do not follow a fade. */
    public List<Long> cutFrames() {
        List<Long> cuts = new ArrayList<>();
        for (int i = 1; i < shots.size(); i++) {
            if (!shots.get(i - 1).fadeOut()) {
                cuts.add((long) shotStart[i]);
            }
        }
        return cuts;
    }

    /** Fades through black as {@code {firstFrame, endFrameExclusive}}: fade-out, black and fade-in. */
    public List<long[]> fades() {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i + 1 < shots.size(); i++) {
            if (shots.get(i).fadeOut()) {
                int boundary = shotStart[i + 1];
                long a = Math.max(shotStart[i], boundary - Math.round((FADE_OUT + BLACK) * fps));
                long b = Math.min(shotStart[i + 2], boundary + Math.round(FADE_IN * fps));
                out.add(new long[] {a, b});
            }
        }
        return out;
    }

    /** The shot index of a frame. */
    public int shotOf(long frame) {
        if (frame < 0 || frame >= frameCount()) {
            throw new IndexOutOfBoundsException("frame " + frame + " of " + frameCount());
        }
        int lo = 0;
        int hi = shots.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (shotStart[mid] <= frame) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Renders frame {@code index} at the video's own size. */
    public VideoFrame frame(long index) {
        return frame(index, width, height);
    }

    /** Renders frame {@code index} at another size (the same picture, scaled). */
    public VideoFrame frame(long index, int w, int h) {
        int s = shotOf(index);
        Shot shot = shots.get(s);
        double t = (index - shotStart[s]) / fps; // time within the shot
        byte[] rgb = new byte[w * h * 3];
        Renderer.render(shot, t, w, h, rgb);
        double gain = fadeGain(index, s);
        if (gain < 1) {
            int g256 = (int) Math.round(gain * 256);
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = (byte) (((rgb[i] & 0xff) * g256 + 128) >> 8);
            }
        }
        return new VideoFrame(index, index / fps, w, h, rgb);
    }

    private double fadeGain(long index, int s) {
        double gain = 1;
        if (shots.get(s).fadeOut()) {
            double toEnd = (shotStart[s + 1] - index) / fps; // seconds until the next shot
            if (toEnd <= BLACK) {
                gain = 0;
            } else if (toEnd <= BLACK + FADE_OUT) {
                gain = (toEnd - BLACK) / FADE_OUT;
            }
        }
        if (s > 0 && shots.get(s - 1).fadeOut()) {
            double fromStart = (index - shotStart[s]) / fps;
            if (fromStart < FADE_IN) {
                gain = Math.min(gain, fromStart / FADE_IN);
            }
        }
        return gain;
    }
}
