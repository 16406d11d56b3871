package io.github.video2gif.core.align;

import java.util.ArrayList;
import java.util.List;

/**
 * A part of a frame that is hashed alongside the whole frame, so that GIFs cropped or captioned by their makers
 * still match their source.
 *
 * <p>The crop is the largest centred rectangle of the given aspect ratio, shrunk by {@code zoom} in both
 * directions ({@code aspect <= 0} means the frame's own aspect ratio, so {@code (0, 1, false)} is the whole
 * frame). With {@code band}, only the middle of the crop is hashed: its top and bottom {@link #BAND_TRIM} are
 * left out, where captions and meme text sit. A GIF is hashed whole and as a band; the matcher compares the
 * GIF's whole frames with the video's plain crops and the GIF's bands with the video's banded crops.
 *
 * @param aspect width / height of the crop, or 0 for the frame's own
 * @param zoom   1 or more: how much the crop is magnified
 * @param band   whether only the middle band of the crop is hashed
 */
public record CropView(double aspect, double zoom, boolean band) {
    /** Share of the crop's height left out at the top and at the bottom of a band. */
    public static final double BAND_TRIM = 0.2;

    /** The whole frame. */
    public static final CropView FULL = new CropView(0, 1, false);

    /** The middle band of the whole frame. */
    public static final CropView BAND = new CropView(0, 1, true);

    /** The views of a GIF: its whole frame and its middle band. */
    public static final List<CropView> GIF = List.of(FULL, BAND);

    /**
     * The views the aligner hashes in video frames by default: the whole frame, zooms of 1.2 and 1.45 at the
     * frame's aspect, 4:3 and 1:1 crops at zooms 1 and 1.25; each whole and as a band (14 in all).
     */
    public static final List<CropView> STANDARD;

    static {
        double[][] crops = {{0, 1}, {0, 1.2}, {0, 1.45}, {4.0 / 3.0, 1}, {4.0 / 3.0, 1.25}, {1, 1}, {1, 1.25}};
        List<CropView> views = new ArrayList<>();
        for (boolean band : new boolean[] {false, true}) {
            for (double[] c : crops) {
                views.add(new CropView(c[0], c[1], band));
            }
        }
        STANDARD = List.copyOf(views);
    }

    public CropView {
        if (!(zoom >= 1) || Double.isInfinite(zoom) || Double.isNaN(aspect) || Double.isInfinite(aspect)) {
            throw new IllegalArgumentException("need zoom >= 1 and a finite aspect, was " + aspect + ", " + zoom);
        }
    }

    /** The aspect ratio of the crop (before banding) on a frame of the given size. */
    public double aspectOn(int width, int height) {
        return aspect > 0 ? aspect : (double) width / height;
    }

    /** The hashed rectangle {@code {x0, y0, x1, y1}} in pixels on a frame of the given size. */
    public double[] region(int width, int height) {
        double frame = (double) width / height;
        double a = aspect > 0 ? aspect : frame;
        double cw;
        double ch;
        if (a >= frame) {
            cw = width;
            ch = width / a;
        } else {
            ch = height;
            cw = height * a;
        }
        cw /= zoom;
        ch /= zoom;
        double x0 = (width - cw) / 2;
        double y0 = (height - ch) / 2;
        double y1 = y0 + ch;
        if (band) {
            y0 += BAND_TRIM * ch;
            y1 -= BAND_TRIM * ch;
        }
        return new double[] {Math.max(0, x0), Math.max(0, y0), Math.min(width, x0 + cw), Math.min(height, y1)};
    }

    /** Whether this is the whole frame, or the whole frame's band: the views a GIF is hashed under. */
    public boolean isWholeFrame() {
        return aspect <= 0 && zoom == 1;
    }
}
