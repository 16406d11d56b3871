package io.github.video2gif.core.segment;

import java.util.ArrayList;
import java.util.List;

/**
 * Which frames are too poor to show in a GIF: very dark, flat (a uniform picture: black, white, one colour, fog),
 * or blurred (edges weak for the picture's contrast). Candidates avoid runs of such frames; a lone poor frame
 * (a flash, a blurred frame in fast motion) does not split a shot.
 *
 * @param darkLuma        frames with a mean luma (0..255) below this are very dark
 * @param flatStd         frames with a luma standard deviation below this are uniform
 * @param blurRatio       frames whose mean absolute Laplacian (at the 160-pixel analysis size) is below this
 *                        share of their luma standard deviation are blurred (sharp pictures: 0.15 to 0.5; the
 *                        same pictures under a 9x9 box blur: about 0.05)
 * @param minRunSeconds   runs of poor frames at least this long are avoided
 */
public record FrameQuality(double darkLuma, double flatStd, double blurRatio, double minRunSeconds) {
    public static final FrameQuality DEFAULT = new FrameQuality(18, 5, 0.07, 0.25);

    /** Reason bits of {@link #assess}. */
    public static final int DARK = 1;
    public static final int FLAT = 2;
    public static final int BLURRED = 4;

    public FrameQuality {
        if (!(darkLuma >= 0 && darkLuma <= 255) || !(flatStd >= 0 && flatStd <= 128)
                || !(blurRatio >= 0 && blurRatio <= 10) || !(minRunSeconds >= 0 && minRunSeconds <= 60)) {
            throw new IllegalArgumentException("bad frame quality thresholds: " + this);
        }
    }

    /** The reasons a frame is poor (0: fine), from its mean and standard deviation of luma and its sharpness. */
    public int assess(double meanLuma, double stdLuma, double sharpness) {
        int r = 0;
        if (meanLuma < darkLuma) {
            r |= DARK;
        }
        if (stdLuma < flatStd) {
            r |= FLAT;
        }
        if (sharpness < blurRatio * stdLuma || stdLuma < 1e-9) {
            r |= BLURRED;
        }
        return r;
    }

    /**
     * The runs of poor frames at least {@link #minRunSeconds} long, as {@code {start, endExclusive}}.
     *
     * @param poor          the reasons per frame ({@code poor[f] != 0}: poor)
     * @param n             frames
     * @param frameInterval seconds per frame
     */
    public List<long[]> poorRuns(byte[] poor, int n, double frameInterval) {
        int minRun = Math.max(1, (int) Math.ceil(minRunSeconds / frameInterval - 1e-9));
        List<long[]> runs = new ArrayList<>();
        int f = 0;
        while (f < n) {
            if (poor[f] == 0) {
                f++;
                continue;
            }
            int a = f;
            while (f < n && poor[f] != 0) {
                f++;
            }
            if (f - a >= minRun) {
                runs.add(new long[] {a, f});
            }
        }
        return runs;
    }
}
