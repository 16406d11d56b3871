package io.github.video2gif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.video2gif.api.GifOptions;
import io.github.video2gif.api.Progress;
import io.github.video2gif.api.Ranking;
import io.github.video2gif.api.ScoredSegment;
import io.github.video2gif.api.Segment;
import io.github.video2gif.api.Transition;
import io.github.video2gif.api.VideoNotFoundException;
import io.github.video2gif.api.spi.NoSuchProviderException;
import io.github.video2gif.api.spi.ProviderUnavailableException;
import io.github.video2gif.core.feature.CueFeatureExtractor;
import io.github.video2gif.core.synthetic.SyntheticVideo;
import io.github.video2gif.core.testing.RecordingGifEncoder;
import io.github.video2gif.core.synthetic.SyntheticVideoDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Video2GifTest {
    private static final Path DEMO = Path.of("demo.synthetic");
    private static final SyntheticVideo VIDEO = SyntheticVideo.demo(320, 180, 25);
    private static SyntheticVideoDecoder decoder;
    private static Ranking ranking;

    @BeforeAll
    static void analyseTheDemoOnce() throws Exception {
        decoder = new SyntheticVideoDecoder().register(DEMO, VIDEO);
        ranking = Video2Gif.builder().decoder(decoder).gifEncoder(new RecordingGifEncoder()).build().analyze(DEMO);
    }

    @Test
    void findsEveryHardCutExactlyAndTheFadeAsOneTransition() {
        assertThat(ranking.segmentation().cuts()).isEqualTo(VIDEO.cutFrames());
        List<Transition> gradual = ranking.segmentation().transitions().stream()
                .filter(t -> t.type() != Transition.Type.CUT).toList();
        assertThat(gradual).hasSize(1);
        long[] fade = VIDEO.fades().get(0);
        Transition t = gradual.get(0);
        // the detected fade covers the dark part of the true one and stays within it (+/- 2 frames)
        assertThat(t.startFrame()).isBetween(fade[0] - 2, fade[0] + 13);
        assertThat(t.endFrame()).isBetween(fade[1] - 13, fade[1] + 2);
    }

    @Test
    void candidatesAreGifLengthAndNeverCrossACutOrAFade() {
        assertThat(ranking.segments()).isNotEmpty();
        for (ScoredSegment s : ranking.segments()) {
            Segment seg = s.segment();
            assertThat(seg.durationSec()).isBetween(2.0 - 1e-9, 6.0 + 1e-9);
            for (long cut : ranking.segmentation().cuts()) {
                assertThat(cut > seg.startFrame() && cut < seg.endFrame()).as("%s crosses cut %d", seg, cut).isFalse();
            }
            for (Transition t : ranking.segmentation().transitions()) {
                if (t.type() != Transition.Type.CUT) {
                    assertThat(t.overlaps(seg.startFrame(), seg.endFrame())).as("%s overlaps %s", seg, t).isFalse();
                }
            }
            assertThat(VIDEO.shotOf(seg.startFrame())).isEqualTo(VIDEO.shotOf(seg.endFrame() - 1));
        }
    }

    @Test
    void lively_shots_rank_above_static_dark_and_foggy_ones() {
        List<ScoredSegment> segs = ranking.segments();
        SyntheticVideo.Kind best = VIDEO.shots().get(VIDEO.shotOf(segs.get(0).segment().startFrame())).kind();
        assertThat(best).isEqualTo(SyntheticVideo.Kind.ACTION);
        double worstAction = Double.MAX_VALUE;
        double bestDull = -Double.MAX_VALUE;
        for (ScoredSegment s : segs) {
            SyntheticVideo.Kind k = VIDEO.shots().get(VIDEO.shotOf(s.segment().startFrame())).kind();
            if (k == SyntheticVideo.Kind.ACTION) {
                worstAction = Math.min(worstAction, s.score());
            } else if (k != SyntheticVideo.Kind.PAN) {
                bestDull = Math.max(bestDull, s.score());
            }
        }
        assertThat(worstAction).isGreaterThan(bestDull);
    }

    @Test
    void scoresAreSortedAndExplainedByNamedCues() {
        List<ScoredSegment> segs = ranking.segments();
        for (int i = 1; i < segs.size(); i++) {
            assertThat(segs.get(i).score()).isLessThanOrEqualTo(segs.get(i - 1).score());
        }
        ScoredSegment top = segs.get(0);
        assertThat(top.cues().keySet()).containsExactlyElementsOf(CueFeatureExtractor.CUES);
        assertThat(top.cues().values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(top.score(), within(1e-3));
        assertThat(top.cues().get("motion")).isPositive();
        assertThat(ranking.video().frameCount()).isEqualTo(VIDEO.frameCount());
        assertThat(ranking.video().durationSec()).isCloseTo(VIDEO.durationSec(), within(0.05));
    }

    @Test
    void reportsProgressUpToTheLastFrame() throws Exception {
        List<Progress> seen = new ArrayList<>();
        Video2Gif.builder().decoder(decoder).progress(seen::add).build().analyze(DEMO);
        assertThat(seen).anyMatch(p -> p.task().equals("analyze") && p.done() == VIDEO.frameCount()
                && p.fraction() == 1.0);
        assertThat(seen).anyMatch(p -> p.task().equals("score") && p.fraction() == 1.0);
    }

    @Test
    void aThrowingProgressListenerDoesNotStopTheWork() throws Exception {
        int[] calls = {0};
        Ranking r = Video2Gif.builder().decoder(decoder).progress(p -> {
            calls[0]++;
            throw new IllegalStateException("listener bug");
        }).build().analyze(DEMO);
        assertThat(r.segments()).hasSameSizeAs(ranking.segments());
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void exportsTheTopSegmentsResampledToTheRequestedFrameRate(@TempDir Path dir) throws Exception {
        RecordingGifEncoder enc = new RecordingGifEncoder();
        Video2Gif v = Video2Gif.builder().decoder(decoder).gifEncoder(enc).build();
        List<ExportedGif> gifs = v.exportTop(ranking, dir, 3);
        assertThat(gifs).hasSize(3);
        for (int i = 0; i < gifs.size(); i++) {
            ExportedGif g = gifs.get(i);
            assertThat(g.rank()).isEqualTo(i + 1);
            assertThat(Files.exists(g.path())).isTrue();
            assertThat(g.path().getFileName().toString()).startsWith("demo-" + (i + 1) + "-").endsWith(".gif");
            Segment seg = g.segment().segment();
            int expected = (int) Math.ceil(seg.durationSec() * 10 - 1e-9);
            assertThat(enc.frames.get(i)).hasSize(expected);
            assertThat(g.frames()).isEqualTo(expected);
            assertThat(enc.durations.get(i).stream().mapToDouble(Double::doubleValue).sum())
                    .isCloseTo(seg.durationSec(), within(1e-6));
            assertThat(enc.frames.get(i).get(0).width()).isEqualTo(360);
            // each GIF frame shows the video frame on screen at its time
            VideoFrameCheck.assertShowsFrameAt(enc.frames.get(i), seg.startSec(), 0.1, 25);
        }
    }

    @Test
    void loopWindowsOfTopExportsStayInsideTheSegmentsShot(@TempDir Path dir) throws Exception {
        RecordingGifEncoder enc = new RecordingGifEncoder();
        Video2Gif v = Video2Gif.builder().decoder(decoder).gifEncoder(enc).build();
        double window = 1.5;
        List<ExportedGif> gifs = v.exportTop(ranking, dir, 5, new GifOptions(160, 10, 0, 256),
                ExportOptions.DEFAULT.withLoopWindow(window));
        assertThat(gifs).hasSize(5);
        boolean moved = false;
        for (ExportedGif g : gifs) {
            Segment seg = g.segment().segment();
            Segment shot = ranking.segmentation().shots().stream()
                    .filter(s -> s.overlapFrames(seg.startFrame(), seg.endFrame()) > 0).findFirst().orElseThrow();
            GifExport e = g.export();
            var loop = e.loop().orElseThrow();
            assertThat(e.startSec()).as("%s in %s", e, shot).isGreaterThanOrEqualTo(shot.startSec() - 1e-9)
                    .isBetween(seg.startSec() - window - 1e-9, seg.startSec() + window + 1e-9);
            // the loop's end frame is the one after the GIF's last: it too lies in the shot
            assertThat(e.endSec()).as("%s in %s", e, shot).isLessThan(shot.endSec() - 1e-9)
                    .isBetween(seg.endSec() - window - 1e-9, seg.endSec() + window + 1e-9);
            assertThat(loop.loopScore()).isBetween(0.0, 1.0);
            assertThat(enc.frames.get(g.rank() - 1)).hasSize(e.frames());
            moved |= Math.abs(e.startSec() - seg.startSec()) > 0.02 || Math.abs(e.endSec() - seg.endSec()) > 0.02;
        }
        assertThat(moved).as("some loop moved from the ranked segment").isTrue();
    }

    @Test
    void unknownProviderNamesFailEarlyWithTheKnownNames() {
        assertThatThrownBy(() -> Video2Gif.builder().decoder(decoder).segmenter("bogus").build())
                .isInstanceOf(NoSuchProviderException.class)
                .hasMessageContaining("Unknown segmenter \"bogus\"")
                .hasMessageContaining("histogram");
    }

    @Test
    void withoutADecoderModuleTheErrorNamesTheModuleToAdd() {
        assertThatThrownBy(() -> Video2Gif.builder().build())
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("video2gif-ffmpeg");
    }

    @Test
    void aMissingVideoIsAVideoNotFoundException() throws Exception {
        Video2Gif v = Video2Gif.builder().decoder(decoder).build();
        assertThatThrownBy(() -> v.analyze(Path.of("nope.mp4"))).isInstanceOf(VideoNotFoundException.class);
    }

    @Test
    void impossibleOptionsAreRejectedWithTheirSource() {
        assertThatThrownBy(() -> Video2Gif.builder().decoder(decoder).option("segmenter.min-seconds", "-1").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("option segmenter.min-seconds");
        assertThatThrownBy(() -> Video2Gif.builder().option("Not A Key", "1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
