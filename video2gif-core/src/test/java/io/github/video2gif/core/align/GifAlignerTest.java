package io.github.video2gif.core.align;

import io.github.video2gif.api.Progress;
import io.github.video2gif.api.ProgressListener;
import io.github.video2gif.api.UnreadableGifException;
import io.github.video2gif.api.UnreadableVideoException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** End to end: GIF files written by javax.imageio, a video served by a synthetic decoder. */
class GifAlignerTest {
    private static final SyntheticFootage FOOTAGE = new SyntheticFootage(41, 40, 25);
    private static final SyntheticFootage OTHER = new SyntheticFootage(42, 40, 25);
    private static final Path VIDEO = Path.of("synthetic-41.mp4");

    @TempDir
    static Path tmp;
    private static SyntheticDecoder decoder;
    private static HashTrack videoTrack;
    private final GifAligner aligner = new GifAligner();

    @BeforeAll
    static void hashVideoOnce() throws Exception {
        decoder = new SyntheticDecoder(640, 360).register(VIDEO, FOOTAGE);
        videoTrack = new GifAligner().hashVideo(VIDEO, decoder, ProgressListener.NONE);
    }

    private static Path gif(String name, SyntheticFootage footage, TestGifs.Cut cut) throws Exception {
        return TestGifs.write(tmp.resolve(name), footage, 480, 270, cut);
    }

    @Test
    void alignsAGifFileAndReportsProgress() throws Exception {
        double start = LineFitMatcherTest.moving(FOOTAGE, 8.3, 3);
        Path gif = gif("plain.gif", FOOTAGE, TestGifs.Cut.plain(start, 3, 10, 320));
        List<Progress> events = new ArrayList<>();

        GifAlignment a = aligner.align(gif, VIDEO, decoder, events::add);

        assertThat(a.found()).as(a.toJson()).isTrue();
        assertThat(a.startSec()).isCloseTo(start, within(0.1));
        assertThat(a.endSec()).isCloseTo(start + 3, within(0.1));
        assertThat(a.gifFrames()).isEqualTo(30);
        assertThat(events).isNotEmpty().allSatisfy(p -> assertThat(p.task()).isEqualTo(GifAligner.TASK));
        assertThat(events.get(0).done()).isZero();
        Progress last = events.get(events.size() - 1);
        assertThat(last.done()).isEqualTo(FOOTAGE.frameCount());
        assertThat(last.fraction()).isEqualTo(1.0);
    }

    @Test
    void alignsCroppedCaptionedDitheredGifs() throws Exception {
        double start = LineFitMatcherTest.moving(FOOTAGE, 20.5, 4);
        TestGifs.Cut cut = new TestGifs.Cut(start, 4, 8, 260, 0.08, true, 4, true, 0, 0, 1, 7);
        GifAlignment a = aligner.align(aligner.hashGif(gif("hard.gif", FOOTAGE, cut)), videoTrack);

        assertThat(a.found()).as(a.toJson()).isTrue();
        assertThat(a.startSec()).isCloseTo(start, within(0.15));
        assertThat(a.endSec()).isCloseTo(start + 4, within(0.15));
        assertThat(a.view().zoom()).as("an 8 %% crop is closest to the 1.2 zoom").isEqualTo(1.2);
    }

    @Test
    void saysNotFoundForAGifOfAnotherVideo() throws Exception {
        for (double start : new double[] {4, 17.5, 30}) {
            Path gif = gif("other.gif", OTHER, TestGifs.Cut.plain(start, 3, 10, 320));
            GifAlignment a = aligner.align(aligner.hashGif(gif), videoTrack);
            assertThat(a.found()).as("%s: %s", start, a.toJson()).isFalse();
        }
    }

    @Test
    void hashesGifFramesAtTheirDisplayTimes() throws Exception {
        Path gif = gif("timing.gif", FOOTAGE, TestGifs.Cut.plain(2, 1, 15, 100));
        HashTrack track = aligner.hashGif(gif);

        assertThat(track.size()).isEqualTo(15);
        assertThat(track.views()).isEqualTo(CropView.GIF);
        assertThat(track.time(1)).isCloseTo(0.07, within(1e-9));
        assertThat(track.endSec()).isCloseTo(15 * 0.07, within(1e-9));
        assertThat(track.width()).isEqualTo(100);
    }

    @Test
    void aThrowingListenerDoesNotStopTheWork() throws Exception {
        Path gif = gif("listener.gif", FOOTAGE, TestGifs.Cut.plain(LineFitMatcherTest.moving(FOOTAGE, 30, 2), 2, 10,
                200));
        int[] calls = {0};
        GifAlignment a = aligner.align(gif, VIDEO, decoder, p -> {
            calls[0]++;
            throw new IllegalStateException("listener bug");
        });
        assertThat(a.found()).isTrue();
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void reportsUnreadableGifsAndVideosWithTheirOwnErrors() throws Exception {
        Path notGif = tmp.resolve("notes.gif");
        Files.writeString(notGif, "just text");
        assertThatThrownBy(() -> aligner.align(notGif, VIDEO, decoder, ProgressListener.NONE))
                .isInstanceOf(UnreadableGifException.class).hasMessageContaining("notes.gif");
        Path gif = gif("ok.gif", FOOTAGE, TestGifs.Cut.plain(1, 1, 10, 100));
        assertThatThrownBy(() -> aligner.align(gif, Path.of("missing.mp4"), decoder, ProgressListener.NONE))
                .isInstanceOf(UnreadableVideoException.class).hasMessageContaining("missing.mp4");
    }
}
