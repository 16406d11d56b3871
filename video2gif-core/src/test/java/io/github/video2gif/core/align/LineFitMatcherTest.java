package io.github.video2gif.core.align;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LineFitMatcherTest {
    private static final SyntheticFootage FOOTAGE = new SyntheticFootage(31, 60, 25);
    private static final SyntheticFootage OTHER = new SyntheticFootage(32, 60, 25);
    private static HashTrack video;
    private final LineFitMatcher matcher = new LineFitMatcher();

    @BeforeAll
    static void hashVideo() {
        video = videoTrack(FOOTAGE, 0, FOOTAGE.frameCount());
    }

    /** Frames [from, to) of footage, hashed at 160x90 under the standard views, timed from 0. */
    static HashTrack videoTrack(SyntheticFootage footage, int from, int to) {
        CropViewHasher hasher = new CropViewHasher(CropView.STANDARD);
        HashTrack track = new HashTrack(CropView.STANDARD, 160, 90, to - from);
        for (int i = from; i < to; i++) {
            track.add(i - from, (i - from) / footage.fps(), hasher.hashRgb(footage.render(i, 160, 90), 160, 90));
        }
        return track;
    }

    /**
     * A GIF's hashes: frame i shows the video picture at {@code start + i * step} (seconds), for {@code delay}
     * seconds, cropped to the centre by {@code zoom}, at 200 pixels wide.
     */
    static HashTrack gifTrack(SyntheticFootage footage, double start, int frames, double step, double delay,
                              double zoom) {
        CropViewHasher hasher = new CropViewHasher(CropView.GIF);
        int w = 200;
        int h = 112;
        HashTrack track = new HashTrack(CropView.GIF, w, h, frames);
        int sw = (int) Math.round(w * zoom);
        int sh = (int) Math.round(h * zoom);
        for (int i = 0; i < frames; i++) {
            int videoFrame = (int) Math.floor((start + i * step) * footage.fps() + 1e-6);
            byte[] full = footage.render(videoFrame, sw, sh);
            byte[] rgb = new byte[w * h * 3];
            int x0 = (sw - w) / 2;
            int y0 = (sh - h) / 2;
            for (int y = 0; y < h; y++) {
                System.arraycopy(full, ((y + y0) * sw + x0) * 3, rgb, y * w * 3, w * 3);
            }
            track.add(i, i * delay, hasher.hashRgb(rgb, w, h));
        }
        track.setEndSec(frames * delay);
        return track;
    }

    /** The first time at or after {@code from} starting {@code seconds} of footage in which something moves. */
    static double moving(SyntheticFootage footage, double from, double seconds) {
        for (double t = from; t + seconds < footage.durationSec(); t += 0.1) {
            if (footage.movesThroughout(t, t + seconds)) {
                return Math.round(t * 10) / 10.0;
            }
        }
        throw new AssertionError("no moving stretch after " + from);
    }

    @Test
    void findsAClipSampledAtALowerFrameRate() {
        double start = moving(FOOTAGE, 12.4, 3);
        GifAlignment a = matcher.match(gifTrack(FOOTAGE, start, 30, 0.1, 0.1, 1), video);

        assertThat(a.found()).as(a.toJson()).isTrue();
        assertThat(a.confidence()).isGreaterThan(0.9);
        assertThat(a.startSec()).isCloseTo(start, within(0.05));
        assertThat(a.endSec()).isCloseTo(start + 3, within(0.08));
        assertThat(a.speed()).isCloseTo(1.0, within(0.02));
        assertThat(a.startFrame()).isEqualTo(Math.round(start * 25));
        assertThat(a.endFrame()).isEqualTo(Math.round((start + 3) * 25));
        assertThat(a.view()).isEqualTo(CropView.FULL);
        assertThat(a.meanDistance()).isLessThan(a.runnerUpDistance() - 10);
    }

    @Test
    void absorbsDelaysRoundedToCentiseconds() {
        // 15 fps content shown with 7 cs delays: the GIF plays at 0.952 of the source's speed.
        double start = moving(FOOTAGE, 30, 3);
        GifAlignment a = matcher.match(gifTrack(FOOTAGE, start, 45, 1 / 15.0, 0.07, 1), video);

        assertThat(a.found()).as(a.toJson()).isTrue();
        assertThat(a.speed()).as(a.toJson()).isCloseTo(0.952, within(0.015));
        assertThat(a.startSec()).isCloseTo(start, within(0.06));
        assertThat(a.endSec()).isCloseTo(start + 3, within(0.1));
    }

    @Test
    void findsSpedUpGifsAndCentredCrops() {
        double start = moving(FOOTAGE, 40, 3);
        GifAlignment fast = matcher.match(gifTrack(FOOTAGE, start, 20, 0.15, 0.1, 1), video);
        assertThat(fast.found()).as(fast.toJson()).isTrue();
        assertThat(fast.speed()).isCloseTo(1.5, within(0.05));
        assertThat(fast.endSec()).isCloseTo(start + 3, within(0.1));

        start = moving(FOOTAGE, 22, 3);
        GifAlignment cropped = matcher.match(gifTrack(FOOTAGE, start, 25, 0.12, 0.12, 1.2), video);
        assertThat(cropped.found()).as(cropped.toJson()).isTrue();
        assertThat(cropped.view().zoom()).isEqualTo(1.2);
        assertThat(cropped.startSec()).isCloseTo(start, within(0.06));
    }

    @Test
    void findsClipsAtTheVeryStartAndEnd() {
        GifAlignment first = matcher.match(gifTrack(FOOTAGE, 0, 20, 0.1, 0.1, 1), video);
        assertThat(first.found()).isTrue();
        assertThat(first.startSec()).isCloseTo(0, within(0.05));
        assertThat(first.startFrame()).isZero();

        GifAlignment last = matcher.match(gifTrack(FOOTAGE, 57.0, 29, 0.1, 0.1, 1), video);
        assertThat(last.found()).isTrue();
        assertThat(last.endSec()).isCloseTo(59.9, within(0.1));
        assertThat(last.endFrame()).isLessThanOrEqualTo(1500);
    }

    @Test
    void saysNotFoundForAGifFromAnotherVideo() {
        for (double start : new double[] {5, 21.3, 44}) {
            GifAlignment a = matcher.match(gifTrack(OTHER, start, 30, 0.1, 0.1, 1), video);
            assertThat(a.found()).as("clip at %s s of another video", start).isFalse();
            assertThat(a.confidence()).isLessThan(0.5);
            assertThat(a.frameMargin()).isLessThan(2.0);
        }
    }

    @Test
    void saysNotFoundWhenTheContentAppearsTwice() {
        // The video shows seconds 10-20 twice: the GIF's place is ambiguous, and the matcher must not guess.
        HashTrack twice = new HashTrack(CropView.STANDARD, 160, 90, 600);
        CropViewHasher hasher = new CropViewHasher(CropView.STANDARD);
        for (int i = 0; i < 500; i++) {
            int source = 250 + i % 250;
            twice.add(i, i / 25.0, hasher.hashRgb(FOOTAGE.render(source, 160, 90), 160, 90));
        }
        GifAlignment a = matcher.match(gifTrack(FOOTAGE, 12.0, 20, 0.1, 0.1, 1), twice);

        assertThat(a.found()).isFalse();
        assertThat(a.meanDistance()).as("the placement itself is good").isLessThan(6);
    }

    @Test
    void rejectsEmptyTracksAndTracksWithoutACommonView() {
        HashTrack empty = new HashTrack(CropView.GIF, 10, 10, 1);
        assertThatThrownBy(() -> matcher.match(empty, video)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        HashTrack zoomOnly = new HashTrack(List.of(new CropView(0, 1.2, false)), 10, 10, 1);
        zoomOnly.add(0, 0, 1L);
        assertThatThrownBy(() -> matcher.match(zoomOnly, video)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no view");
        assertThatThrownBy(() -> new LineFitMatcher.Options(2, 1, 6, 12, 0.3, 32, 3, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
