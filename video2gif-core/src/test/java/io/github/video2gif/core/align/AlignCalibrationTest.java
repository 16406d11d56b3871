package io.github.video2gif.core.align;

import io.github.video2gif.api.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

/**
 * A calibration experiment, not a regression test: cuts many randomly degraded GIFs from synthetic footage and
 * prints, for each, the alignment error and both decision statistics for the true video and for another one.
 * Run with {@code -Dvideo2gif.align.calibrate=true [-Dtrials=60] [-Dseed=5]}.
 */
@EnabledIfSystemProperty(named = "video2gif.align.calibrate", matches = "true")
class AlignCalibrationTest {
    @TempDir
    Path tmp;

    @Test
    void calibrate() throws Exception {
        SyntheticFootage footage = new SyntheticFootage(11, 120, 25);
        SyntheticFootage[] others = {new SyntheticFootage(12, 120, 25), new SyntheticFootage(13, 120, 25)};
        Path video = tmp.resolve("v.mp4");
        SyntheticDecoder decoder = new SyntheticDecoder(640, 360).register(video, footage);
        GifAligner aligner = new GifAligner();
        HashTrack vt = aligner.hashVideo(video, decoder, ProgressListener.NONE);
        Random rnd = new Random(Long.getLong("seed", 5));
        int[] truesFound = new int[RULES.length];
        int[] falsesFound = new int[RULES.length];
        int trials = Integer.getInteger("trials", 40);
        for (int t = 0; t < trials; t++) {
            double dur = 2 + 4 * rnd.nextDouble();
            double start = 1 + (115 - dur) * rnd.nextDouble();
            double fps = new double[] {5, 6, 8, 10, 12, 15}[rnd.nextInt(6)];
            int width = 160 + rnd.nextInt(320);
            double crop = rnd.nextBoolean() ? 0 : 0.03 + 0.12 * rnd.nextDouble();
            boolean caption = rnd.nextInt(10) < 3;
            int levels = 3 + rnd.nextInt(4);
            boolean dither = rnd.nextBoolean();
            double drop = rnd.nextInt(10) < 3 ? 0.1 : 0;
            double repeat = rnd.nextInt(10) < 3 ? 0.1 : 0;
            double play = rnd.nextInt(10) < 8 ? 1 : 0.7 + 0.7 * rnd.nextDouble();
            TestGifs.Cut cut = new TestGifs.Cut(start, dur, fps, width, crop, caption, levels, dither, drop, repeat,
                    play, t);
            Path gif = TestGifs.write(tmp.resolve("g.gif"), footage, 480, 270, cut);
            HashTrack trueGif = aligner.hashGif(gif);
            GifAlignment a = aligner.align(trueGif, vt);
            Path gif2 = TestGifs.write(tmp.resolve("h.gif"), others[t % 2], 480, 270, cut);
            HashTrack falseGif = aligner.hashGif(gif2);
            GifAlignment b = aligner.align(falseGif, vt);
            for (int r = 0; r < RULES.length; r++) {
                LineFitMatcher m = new LineFitMatcher(new LineFitMatcher.Options(0.5, 2.0, 6, 12, 0.3, 32,
                        RULES[r][0], RULES[r][1]));
                GifAlignment ta = m.match(trueGif, vt);
                GifAlignment fa = m.match(falseGif, vt);
                truesFound[r] += ta.found() && Math.abs(ta.startSec() - start) < 0.5 ? 1 : 0;
                falsesFound[r] += fa.found() ? 1 : 0;
            }
            System.out.printf("CAL %2d %s | true found %-5s sep %6.2f fm %5.2f errS %+7.3f errE %+7.3f d %5.2f ru %5.2f z %s"
                            + " | false found %-5s sep %5.2f fm %5.2f d %5.2f ru %5.2f%n",
                    t, String.format("fps %2.0f w %3d crop %.2f cap %-5s lv %d dith %-5s drop %.1f rep %.1f play %.2f dur %.1f",
                            fps, width, crop, caption, levels, dither, drop, repeat, play, dur),
                    a.found(), a.separation(), a.frameMargin(), a.startSec() - start, a.endSec() - cut.endSec(), a.meanDistance(),
                    a.runnerUpDistance(), a.view().zoom() + (a.view().band() ? "b" : ""), b.found(), b.separation(), b.frameMargin(), b.meanDistance(),
                    b.runnerUpDistance());
        }
        for (int r = 0; r < RULES.length; r++) {
            System.out.printf("RULE separation >= %.1f, frame margin >= %.1f: %d of %d true found, %d false%n",
                    RULES[r][0], RULES[r][1], truesFound[r], trials, falsesFound[r]);
        }
    }

    private static final double[][] RULES = {{3, 2}, {3, 2.5}, {3, 3}, {3, 4}, {4, 2}, {4, 3}, {5, 2}, {2, 3},
        {2, 4}};
}
