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
 * moves). Shots are joined by hard cuts, fades through black, dissolves or wipes ({@link Join}).
 * Frames are rendered on demand, so a long video costs no memory.
 */
public final class SyntheticVideo {
    /** What a shot shows. */
    public enum Kind { ACTION, STATIC, DARK, FOG, PAN }

    /** How a shot passes into the next one. */
    public enum Join {
        /** A hard cut. */
        CUT,
        /** A fade through black: fade out {@link #FADE_OUT} s, black {@link #BLACK} s, fade in {@link #FADE_IN} s. */
        FADE,
        /** A cross-dissolve of {@link #DISSOLVE} s centred on the shot boundary. */
        DISSOLVE,
        /** A left-to-right wipe of {@link #WIPE} s centred on the shot boundary. */
        WIPE
    }

    /**
     * One shot.
     *
     * @param kind    what it shows
     * @param seconds its length (transitions are counted inside the two shots' lengths)
     * @param seed    varies the colours and positions
     * @param join    how it passes into the next shot (ignored for the last shot)
     */
    public record Shot(Kind kind, double seconds, long seed, Join join) {
        public Shot {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(join, "join");
            if (!(seconds >= 0.5 && seconds <= 3600)) {
                throw new IllegalArgumentException("shot length must be in [0.5, 3600] s, was " + seconds);
            }
        }

        /** A shot joined to the next by a hard cut, or by a fade through black when {@code fadeOut} is set. */
        public Shot(Kind kind, double seconds, long seed, boolean fadeOut) {
            this(kind, seconds, seed, fadeOut ? Join.FADE : Join.CUT);
        }

        /** Whether it ends with a fade through black into the next shot. */
        public boolean fadeOut() {
            return join == Join.FADE;
        }
    }

    /**
     * A gradual transition of the script, for checking a segmenter.
     *
     * @param startFrame first frame that is not wholly the old shot
     * @param endFrame   first frame that is wholly the new shot
     * @param join       its kind
     */
    public record Gradual(long startFrame, long endFrame, Join join) {
    }

    /** Fade-out, black and fade-in lengths in seconds. */
    public static final double FADE_OUT = 1.0;
    public static final double BLACK = 0.5;
    public static final double FADE_IN = 1.0;
    /** Dissolve and wipe lengths in seconds. */
    public static final double DISSOLVE = 1.0;
    public static final double WIPE = 0.8;

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

    /**
     * A random script of about {@code seconds} seconds whose shots (2 to 8 s) are joined by hard cuts (55 %),
     * fades through black (15 %), dissolves (15 %) and wipes (15 %): for measuring a segmenter.
     */
    public static SyntheticVideo randomMixed(long seed, double seconds, int width, int height, double fps) {
        Random r = new Random(seed);
        List<Shot> list = new ArrayList<>();
        double t = 0;
        Kind[] kinds = Kind.values();
        while (t < seconds - 2) {
            double len = Math.min(seconds - t, 2 + r.nextDouble() * 6);
            int pick = r.nextInt(20);
            Join join = pick < 11 ? Join.CUT : pick < 14 ? Join.FADE : pick < 17 ? Join.DISSOLVE : Join.WIPE;
            boolean fadesIn = !list.isEmpty() && list.get(list.size() - 1).join() == Join.FADE;
            if (join == Join.FADE && fadesIn) {
                len = Math.max(len, 3.5); // room for the fade in, a moment of the shot, and the fade out
            }
            if (seconds - t - len < 2) {
                len = seconds - t;
                join = Join.CUT;
            }
            list.add(new Shot(kinds[r.nextInt(kinds.length)], len, r.nextLong(), join));
            t += len;
        }
        if (list.isEmpty()) {
            list.add(new Shot(Kind.ACTION, Math.max(0.5, seconds), seed, Join.CUT));
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

    /** The hard cuts: first frames of shots joined to the previous one by a cut. */
    public List<Long> cutFrames() {
        List<Long> cuts = new ArrayList<>();
        for (int i = 1; i < shots.size(); i++) {
            if (shots.get(i - 1).join() == Join.CUT) {
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

    /** Every gradual transition (fades, dissolves, wipes), in order. */
    public List<Gradual> gradualTransitions() {
        List<Gradual> out = new ArrayList<>();
        int f = 0;
        for (int i = 0; i + 1 < shots.size(); i++) {
            Join join = shots.get(i).join();
            if (join == Join.FADE) {
                long[] fade = fades().get(f++);
                out.add(new Gradual(fade[0], fade[1], join));
            } else if (join != Join.CUT) {
                long[] r = blendRange(i);
                out.add(new Gradual(r[0], r[1], join));
            }
        }
        return out;
    }

    /** Frames {@code [start, end)} of the dissolve or wipe between shot {@code i} and the next. */
    private long[] blendRange(int i) {
        double seconds = shots.get(i).join() == Join.WIPE ? WIPE : DISSOLVE;
        int length = (int) Math.round(seconds * fps);
        int boundary = shotStart[i + 1];
        long a = Math.max(shotStart[i] + 1, boundary - length / 2);
        long b = Math.min(shotStart[i + 2] - 1, a + length);
        return new long[] {a, b};
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
        byte[] rgb = render(s, index, w, h);
        // a dissolve or wipe into this shot (it began in the previous one) or out of it
        int from = -1;
        if (s > 0 && isBlend(s - 1) && index < blendRange(s - 1)[1]) {
            from = s - 1;
        } else if (s + 1 < shots.size() && isBlend(s) && index >= blendRange(s)[0]) {
            from = s;
        }
        if (from >= 0) {
            long[] r = blendRange(from);
            double alpha = (double) (index - r[0] + 1) / (r[1] - r[0] + 1);
            byte[] older = from == s ? rgb : render(from, index, w, h);
            byte[] newer = from == s ? render(s + 1, index, w, h) : rgb;
            byte[] out = new byte[rgb.length];
            if (shots.get(from).join() == Join.WIPE) {
                int edge = (int) Math.round(alpha * w);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int p = (y * w + x) * 3;
                        byte[] src = x < edge ? newer : older;
                        out[p] = src[p];
                        out[p + 1] = src[p + 1];
                        out[p + 2] = src[p + 2];
                    }
                }
            } else {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (byte) Math.round((1 - alpha) * (older[i] & 0xff) + alpha * (newer[i] & 0xff));
                }
            }
            rgb = out;
        }
        double gain = fadeGain(index, s);
        if (gain < 1) {
            int g256 = (int) Math.round(gain * 256);
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = (byte) (((rgb[i] & 0xff) * g256 + 128) >> 8);
            }
        }
        return new VideoFrame(index, index / fps, w, h, rgb);
    }

    private boolean isBlend(int shot) {
        Join j = shots.get(shot).join();
        return j == Join.DISSOLVE || j == Join.WIPE;
    }

    /** Shot {@code s}'s picture at the time of frame {@code index} (which may lie outside the shot). */
    private byte[] render(int s, long index, int w, int h) {
        byte[] rgb = new byte[w * h * 3];
        Renderer.render(shots.get(s), (index - shotStart[s]) / fps, w, h, rgb);
        return rgb;
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
