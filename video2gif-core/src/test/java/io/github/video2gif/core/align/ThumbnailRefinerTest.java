package io.github.video2gif.core.align;

import io.github.video2gif.api.ProgressListener;
import io.github.video2gif.core.gif.GifReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ThumbnailRefinerTest {
    @TempDir
    Path tmp;

    @Test
    void repairsAnOffsetStartAWrongSpeedAndTheCropZoom() throws Exception {
        SyntheticFootage footage = new SyntheticFootage(61, 30, 25);
        Path video = tmp.resolve("v.mp4");
        SyntheticDecoder decoder = new SyntheticDecoder(640, 360).register(video, footage);
        HashTrack track = new GifAligner().hashVideo(video, decoder, ProgressListener.NONE);
        double start = LineFitMatcherTest.moving(footage, 9, 4);
        // 10 % cut from every side: a zoom of 1.25, between the standard views' 1.2 and 1.45.
        Path gif = TestGifs.write(tmp.resolve("g.gif"), footage, 480, 270,
                new TestGifs.Cut(start, 4, 10, 240, 0.1, false, 6, true, 0, 0, 1, 3));
        // A deliberately poor hash match: 0.3 s late, 5 % too fast, at the 1.2 crop.
        double wrongStart = start + 0.3;
        double wrongSpeed = 1.05;
        int startFrame = (int) Math.round(wrongStart * 25);
        int endFrame = (int) Math.round((wrongStart + 4 * wrongSpeed) * 25);
        GifAlignment coarse = new GifAlignment(true, wrongStart, wrongStart + 4 * wrongSpeed, startFrame, endFrame,
                0.9, 10, 8, wrongSpeed, new CropView(0, 1.2, false), 40, 5, 25);

        GifAlignment fine = new ThumbnailRefiner(GifReader.Limits.DEFAULT).refine(coarse, gif, video, track, decoder);

        assertThat(fine.startSec()).as(fine.toJson()).isCloseTo(start, within(0.045));
        assertThat(fine.endSec()).isCloseTo(start + 4, within(0.06));
        assertThat(fine.speed()).isCloseTo(1.0, within(0.015));
        assertThat(fine.view().zoom()).isCloseTo(1.25, within(0.025));
        assertThat(fine.startFrame()).isEqualTo(Math.round(start * 25));
        assertThat(fine.found()).isTrue();
        assertThat(fine.confidence()).isEqualTo(0.9);
    }
}
