package io.github.video2gif.core.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.Segment;
import io.github.video2gif.api.Segmentation;
import io.github.video2gif.api.Segmenter;
import io.github.video2gif.api.Transition;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import io.github.video2gif.api.spi.Providers;
import io.github.video2gif.api.spi.SegmenterProvider;
import io.github.video2gif.core.synthetic.SyntheticVideo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KernelChangePointSegmenterTest {
    static final int W = 160;
    static final int H = 90;
    static final List<SyntheticVideo> MIXED = new ArrayList<>();
    static final List<Segmentation> MIXED_RESULTS = new ArrayList<>();

    static Segmentation segment(Segmenter segmenter, int frames, double fps, IntFunction<VideoFrame> frame)
            throws Exception {
        Segmenter.Session s = segmenter.start(new VideoInfo(Path.of("test"), frames / fps, fps, frames, W, H, 0,
                "test"));
        for (int i = 0; i < frames; i++) {
            s.accept(frame.apply(i));
        }
        return s.finish();
    }

    static Segmentation segment(SyntheticVideo v) throws Exception {
        return segment(new KernelChangePointSegmenter(CandidateWindows.DEFAULT), v.frameCount(), v.fps(),
                i -> v.frame(i, W, H));
    }

    static List<long[]> gradualRanges(SyntheticVideo v) {
        return v.gradualTransitions().stream().map(g -> new long[] {g.startFrame(), g.endFrame()}).toList();
    }

    @BeforeAll
    static void segmentMixedVideos() throws Exception {
        for (long seed = 21; seed <= 25; seed++) {
            SyntheticVideo v = SyntheticVideo.randomMixed(seed, 60, W, H, 25);
            MIXED.add(v);
            MIXED_RESULTS.add(segment(v));
        }
    }

    @Test
    void isTheDefaultSegmenter() throws Exception {
        Config none = Config.of(Map.of(), k -> null, k -> null);
        SegmenterProvider p = Providers.select(SegmenterProvider.KIND, null, none).provider();
        assertThat(p.name()).isEqualTo("shots");
        assertThat(p.create(none)).isInstanceOf(KernelChangePointSegmenter.class);
        Segmenter tuned = p.create(Config.of(Map.of("segmenter.cut-threshold", "0.3", "segmenter.window-seconds",
                "12"), k -> null, k -> null));
        assertThat(((KernelChangePointSegmenter) tuned).settings().cutThreshold()).isEqualTo(0.3);
        assertThat(((KernelChangePointSegmenter) tuned).settings().windowSeconds()).isEqualTo(12);
        // a short window shortens the longest gradual transition with it
        Segmenter shortWindow = p.create(Config.of(Map.of("segmenter.window-seconds", "4"), k -> null, k -> null));
        assertThat(((KernelChangePointSegmenter) shortWindow).settings().maxGradualSeconds()).isEqualTo(1.0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.create(Config.of(Map.of(
                "segmenter.cut-threshold", "-1"), k -> null, k -> null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segmenter.cut-threshold");
    }

    @Test
    void anEmptyOrOneFrameVideoGivesAnEmptyOrSingleSegmentation() throws Exception {
        KernelChangePointSegmenter seg = new KernelChangePointSegmenter(CandidateWindows.DEFAULT);
        SyntheticVideo v = SyntheticVideo.demo(W, H, 25);
        Segmentation none = segment(seg, 0, 25, v::frame);
        assertThat(none.shots()).isEmpty();
        assertThat(none.candidates()).isEmpty();
        Segmentation one = segment(seg, 1, 25, v::frame);
        assertThat(one.cuts()).isEmpty();
        assertThat(one.shots()).hasSize(1);
        assertThat(one.candidates()).hasSize(1);
        assertThat(one.candidates().get(0).frames()).isEqualTo(1);
    }

    @Test
    void findsTheDemoCutsFrameAccuratelyAndItsFadeAsOneTransition() throws Exception {
        SyntheticVideo demo = SyntheticVideo.demo(W, H, 25);
        Segmentation s = segment(demo);
        assertThat(s.cuts()).isEqualTo(demo.cutFrames());
        List<Transition> gradual = s.transitions().stream().filter(t -> t.type() != Transition.Type.CUT).toList();
        assertThat(gradual).hasSize(1);
        long[] fade = demo.fades().get(0);
        assertThat(gradual.get(0).type()).isEqualTo(Transition.Type.FADE_OUT);
        assertThat(gradual.get(0).startFrame()).isBetween(fade[0] - 2, fade[0] + 13);
        assertThat(gradual.get(0).endFrame()).isBetween(fade[1] - 13, fade[1] + 2);
    }

    @Test
    void hardCutsOnMixedVideosScoreAnF1OfAtLeast095AndAreMostlyExact() {
        ShotBoundaryAccuracy total = new ShotBoundaryAccuracy(0, 0, 0, 0, 0, 0);
        int exact = 0;
        int trueCuts = 0;
        for (int i = 0; i < MIXED.size(); i++) {
            SyntheticVideo v = MIXED.get(i);
            Segmentation s = MIXED_RESULTS.get(i);
            total = total.plus(ShotBoundaryAccuracy.score(s, v.cutFrames(), gradualRanges(v), 2));
            for (long c : v.cutFrames()) {
                exact += s.cuts().contains(c) ? 1 : 0;
                trueCuts++;
            }
        }
        assertThat(total.truePositives() + total.falseNegatives()).isGreaterThanOrEqualTo(15);
        assertThat(total.f1()).as(total.toString()).isGreaterThanOrEqualTo(0.95);
        assertThat((double) exact / trueCuts).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void everyFadeIsOneTransitionAndMostDissolvesAndWipesAreFoundWithTheirKind() {
        int fades = 0;
        int blends = 0;
        int blendsFound = 0;
        int typed = 0;
        for (int i = 0; i < MIXED.size(); i++) {
            SyntheticVideo v = MIXED.get(i);
            Segmentation s = MIXED_RESULTS.get(i);
            List<Transition> gradual = s.transitions().stream().filter(t -> t.type() != Transition.Type.CUT)
                    .toList();
            for (SyntheticVideo.Gradual g : v.gradualTransitions()) {
                List<Transition> hits = gradual.stream().filter(t -> t.overlaps(g.startFrame(), g.endFrame()))
                        .toList();
                boolean cutInside = s.cuts().stream().anyMatch(c -> c >= g.startFrame() && c < g.endFrame());
                if (g.join() == SyntheticVideo.Join.FADE) {
                    fades++;
                    assertThat(hits).as("fade %s in seed video %d", g, i).hasSize(1);
                    assertThat(cutInside).isFalse();
                    assertThat(hits.get(0).type()).isIn(Transition.Type.FADE_OUT, Transition.Type.FADE_IN);
                } else {
                    blends++;
                    if (hits.size() == 1 && !cutInside) {
                        blendsFound++;
                        Transition.Type expected = g.join() == SyntheticVideo.Join.WIPE ? Transition.Type.WIPE
                                : Transition.Type.DISSOLVE;
                        typed += hits.get(0).type() == expected ? 1 : 0;
                        // the range is close to the true one
                        assertThat(hits.get(0).startFrame()).isBetween(g.startFrame() - 8, g.startFrame() + 8);
                        assertThat(hits.get(0).endFrame()).isBetween(g.endFrame() - 8, g.endFrame() + 8);
                    }
                }
            }
            // nothing gradual where there is no transition
            for (Transition t : gradual) {
                assertThat(v.gradualTransitions().stream().anyMatch(g -> t.overlaps(g.startFrame(), g.endFrame())))
                        .as("false %s", t).isTrue();
            }
        }
        assertThat(fades).isGreaterThanOrEqualTo(2);
        assertThat(blends).isGreaterThanOrEqualTo(6);
        assertThat((double) blendsFound / blends).isGreaterThanOrEqualTo(0.8);
        assertThat(typed).isGreaterThanOrEqualTo(blendsFound - 1);
    }

    @Test
    void candidatesAreGifLengthAndNeverCrossACutOrATransition() {
        int inOneShot = 0;
        int candidates = 0;
        for (int i = 0; i < MIXED.size(); i++) {
            SyntheticVideo v = MIXED.get(i);
            Segmentation s = MIXED_RESULTS.get(i);
            assertThat(s.candidates()).isNotEmpty();
            for (Segment c : s.candidates()) {
                assertThat(c.durationSec()).isBetween(2.0 - 1e-9, 6.0 + 1e-9);
                for (Transition t : s.transitions()) {
                    boolean crosses = t.type() == Transition.Type.CUT
                            ? t.startFrame() > c.startFrame() && t.startFrame() < c.endFrame()
                            : t.overlaps(c.startFrame(), c.endFrame());
                    assertThat(crosses).as("%s crosses %s", c, t).isFalse();
                }
                // boundaries that were missed (near-identical shots) are the only way to span two true shots
                inOneShot += v.shotOf(c.startFrame()) == v.shotOf(c.endFrame() - 1) ? 1 : 0;
                candidates++;
            }
            // shots are ordered, disjoint, and every cut starts one
            long end = 0;
            for (Segment shot : s.shots()) {
                assertThat(shot.startFrame()).isGreaterThanOrEqualTo(end);
                end = shot.endFrame();
            }
            for (long cut : s.cuts()) {
                assertThat(s.shots()).anyMatch(shot -> shot.startFrame() == cut);
            }
        }
        // (here the misses are dissolves between two landscapes under the same synthetic sky)
        assertThat((double) inOneShot / candidates).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void aFlashAndALightSwitchedOnAreNotCuts() throws Exception {
        SyntheticVideo v = new SyntheticVideo(List.of(new SyntheticVideo.Shot(SyntheticVideo.Kind.ACTION, 12, 5,
                false)), W, H, 25);
        Segmentation s = segment(new KernelChangePointSegmenter(CandidateWindows.DEFAULT), v.frameCount(), 25, i -> {
            VideoFrame f = v.frame(i, W, H);
            if (i == 100 || i == 101) {
                return FrameQualityTest.solid(W, H, 250, 250, 250).withTiming(i, i / 25.0); // a flash
            }
            if (i >= 200) {
                return gain(f, 1.35); // the light goes up and stays up
            }
            return f;
        });
        assertThat(s.cuts()).isEmpty();
        assertThat(s.shots()).hasSize(1);
    }

    static VideoFrame gain(VideoFrame f, double g) {
        byte[] rgb = f.copyRgb();
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) Math.min(255, Math.round((rgb[i] & 0xff) * g));
        }
        return new VideoFrame(f.index(), f.timestampSec(), f.width(), f.height(), rgb);
    }

    @Test
    void candidatesAvoidRunsOfUniformAndDarkFrames() throws Exception {
        SyntheticVideo v = new SyntheticVideo(List.of(new SyntheticVideo.Shot(SyntheticVideo.Kind.ACTION, 30, 9,
                false)), W, H, 25);
        // frames 250-349 (4 s) are a uniform dark grey: a lens cap, a blank title card
        Segmentation s = segment(new KernelChangePointSegmenter(CandidateWindows.DEFAULT), v.frameCount(), 25,
                i -> i >= 250 && i < 350 ? FrameQualityTest.solid(W, H, 14, 14, 14).withTiming(i, i / 25.0)
                        : v.frame(i, W, H));
        assertThat(s.candidates()).isNotEmpty();
        for (Segment c : s.candidates()) {
            assertThat(c.overlapFrames(250, 350)).as(c.toString()).isZero();
        }
        assertThat(s.candidates()).anyMatch(c -> c.endFrame() == 250);
        assertThat(s.candidates()).anyMatch(c -> c.startFrame() == 350);
    }

    @Test
    void aSixtyMinuteVideoSegmentsWithoutTrouble() throws Exception {
        // small frames and 6 fps keep the test fast; the windows are in seconds, the work per frame the same
        SyntheticVideo v = SyntheticVideo.randomMixed(7, 3600, 32, 18, 6);
        Segmentation s = segment(new KernelChangePointSegmenter(CandidateWindows.DEFAULT), v.frameCount(), v.fps(),
                v::frame);
        ShotBoundaryAccuracy a = ShotBoundaryAccuracy.score(s, v.cutFrames(), gradualRanges(v), 2);
        assertThat(a.truePositives() + a.falseNegatives()).isGreaterThan(300);
        assertThat(a.f1()).as(a.toString()).isGreaterThanOrEqualTo(0.95);
        assertThat(a.precision()).as(a.toString()).isGreaterThanOrEqualTo(0.98);
        // every fade is one fade transition with no cut inside
        int fades = 0;
        for (SyntheticVideo.Gradual g : v.gradualTransitions()) {
            if (g.join() == SyntheticVideo.Join.FADE) {
                fades++;
                assertThat(s.transitions().stream().filter(t -> t.overlaps(g.startFrame(), g.endFrame())))
                        .as("fade %s", g).singleElement()
                        .extracting(Transition::type).isIn(Transition.Type.FADE_OUT, Transition.Type.FADE_IN);
            }
        }
        assertThat(fades).isGreaterThan(30);
        assertThat(s.candidates()).isNotEmpty();
    }
}
