package io.github.video2gif.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.video2gif.Video2Gif;
import io.github.video2gif.api.DecodeOptions;
import io.github.video2gif.api.FrameFormat;
import io.github.video2gif.api.FrameStream;
import io.github.video2gif.api.Segment;
import io.github.video2gif.api.Segmentation;
import io.github.video2gif.api.Transition;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.core.segment.ShotAnnotation;
import io.github.video2gif.core.segment.ShotBoundaryAccuracy;
import io.github.video2gif.core.synthetic.SyntheticVideo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default segmenter ({@code shots}) through the real FFmpeg decoder: on Big Buck Bunny against the hand
 * annotation, on generated clips with known cuts, fades, dissolves and wipes that went through the H.264 encoder,
 * and on Big Buck Bunny footage cut up and spliced again with known cuts, dissolves and fades.
 */
class ShotSegmentationTest {
    static Path sharedClip() {
        String shared = System.getProperty("video2gif.sharedData");
        Assumptions.assumeTrue(shared != null, "system property video2gif.sharedData is not set: no real footage");
        Path clip = Path.of(shared, "bbb", "big_buck_bunny_0_30.webm");
        Assumptions.assumeTrue(Files.isRegularFile(clip), "shared clip not found: " + clip);
        return clip;
    }

    static Segmentation segment(Path video) throws IOException {
        return Video2Gif.builder().segmenter("shots").build().segment(video).segmentation();
    }

    @Test
    void bigBuckBunnyMatchesTheHandAnnotation() throws IOException {
        Path clip = sharedClip();
        ShotAnnotation truth;
        try (var in = new java.io.InputStreamReader(ShotSegmentationTest.class.getResourceAsStream(
                "big_buck_bunny_0_30.shots.txt"), java.nio.charset.StandardCharsets.UTF_8)) {
            truth = ShotAnnotation.parse(in, "big_buck_bunny_0_30.shots.txt");
        }
        Segmentation s = segment(clip);
        ShotBoundaryAccuracy a = ShotBoundaryAccuracy.score(s, truth.cuts(), truth.gradual(), 2);
        System.out.println("Big Buck Bunny 0-30 s: " + a + "; found " + s.transitions());
        assertThat(a.f1()).as(a.toString()).isGreaterThanOrEqualTo(0.95);
        assertThat(a.gradualFound()).as(a.toString()).isEqualTo(truth.gradual().size());
        assertThat(a.gradualFalse()).as(a.toString()).isZero();
        // frame-accurate: every annotated cut is found exactly
        assertThat(s.cuts()).containsAll(truth.cuts());
        // the black opening is no candidate
        assertThat(s.candidates()).allMatch(c -> c.startFrame() >= 5);
    }

    @Test
    void generatedClipsKeepTheirCutsFadesAndDissolvesThroughTheCodec(@TempDir Path dir) throws IOException {
        ShotBoundaryAccuracy total = new ShotBoundaryAccuracy(0, 0, 0, 0, 0, 0);
        int fades = 0;
        int fadesFound = 0;
        for (long seed = 41; seed <= 43; seed++) {
            SyntheticVideo v = SyntheticVideo.randomMixed(seed, 40, 320, 180, 25);
            Path file = dir.resolve("mixed-" + seed + ".mp4");
            try (FfmpegVideoWriter w = FfmpegVideoWriter.builder(file, 320, 180).fps(25)
                    .codec(FfmpegVideoWriter.Codec.H264).bitRate(800_000).open()) {
                for (int i = 0; i < v.frameCount(); i++) {
                    w.write(v.frame(i));
                }
                w.finish();
            }
            Segmentation s = segment(file);
            List<long[]> gradual = new ArrayList<>();
            for (SyntheticVideo.Gradual g : v.gradualTransitions()) {
                gradual.add(new long[] {g.startFrame(), g.endFrame()});
                if (g.join() == SyntheticVideo.Join.FADE) {
                    fades++;
                    List<Transition> hits = s.transitions().stream()
                            .filter(t -> t.overlaps(g.startFrame(), g.endFrame())).toList();
                    fadesFound += hits.size() == 1 && hits.get(0).type() != Transition.Type.CUT ? 1 : 0;
                }
            }
            total = total.plus(ShotBoundaryAccuracy.score(s, v.cutFrames(), gradual, 2));
        }
        System.out.println("generated clips (H.264): " + total);
        assertThat(total.truePositives() + total.falseNegatives()).isGreaterThanOrEqualTo(10);
        assertThat(total.f1()).as(total.toString()).isGreaterThanOrEqualTo(0.95);
        assertThat(fadesFound).isEqualTo(fades);
        assertThat(total.gradualFalse()).isZero();
    }

    /** A piece of the source and how it passes into the next one. */
    record Piece(long from, int frames, String join) {
    }

    @Test
    void bigBuckBunnySplicedAgainWithKnownCutsDissolvesWipesAndFades(@TempDir Path dir) throws IOException {
        Path clip = sharedClip();
        // source shots: meadow [60, 283), stream [283, 376), bird [376, 551), burrow [551, 720); 30 pieces of
        // 1.2 to 2.9 s, never two pieces of one shot in a row, joined by cuts, dissolves, wipes and fades
        long[][] shots = {{60, 283}, {283, 376}, {376, 551}, {551, 720}};
        java.util.Random r = new java.util.Random(2016);
        List<Piece> plan = new ArrayList<>();
        int previous = -1;
        for (int k = 0; k < 30; k++) {
            int shot;
            do {
                shot = r.nextInt(shots.length);
            } while (shot == previous);
            previous = shot;
            int frames = (int) Math.min(30 + r.nextInt(40), shots[shot][1] - shots[shot][0]);
            long from = shots[shot][0] + r.nextInt((int) (shots[shot][1] - shots[shot][0] - frames) + 1);
            int pick = r.nextInt(20);
            String join = k == 29 ? "end" : pick < 12 ? "cut" : pick < 15 ? "dissolve" : pick < 17 ? "wipe" : "fade";
            plan.add(new Piece(from, frames, join));
        }
        Path out = dir.resolve("spliced.mp4");
        List<Long> cuts = new ArrayList<>();
        List<long[]> dissolves = new ArrayList<>();
        List<long[]> fades = new ArrayList<>();
        splice(clip, plan, out, cuts, dissolves, fades);
        assertThat(cuts).hasSizeGreaterThanOrEqualTo(15);

        Segmentation s = segment(out);
        List<long[]> gradual = new ArrayList<>(dissolves);
        gradual.addAll(fades);
        ShotBoundaryAccuracy a = ShotBoundaryAccuracy.score(s, cuts, gradual, 2);
        System.out.println("Big Buck Bunny spliced: " + a + "; true cuts " + cuts + ", true gradual " + ShotBoundaryAccuracyText.ranges(gradual) + ", found " + s.transitions());
        assertThat(a.f1()).as(a.toString()).isGreaterThanOrEqualTo(0.95);
        for (long[] f : fades) {
            assertThat(s.transitions().stream().filter(t -> t.overlaps(f[0], f[1])))
                    .as("fade [%d, %d)", f[0], f[1]).singleElement()
                    .extracting(Transition::type).isIn(Transition.Type.FADE_OUT, Transition.Type.FADE_IN);
        }
        assertThat(a.gradualFalse()).as(a.toString()).isZero();
        for (Segment c : s.candidates()) {
            for (long cut : cuts) {
                assertThat(cut > c.startFrame() && cut < c.endFrame()).as("%s crosses the cut %d", c, cut).isFalse();
            }
        }
    }

    static final int SW = 320;
    static final int SH = 180;
    static final int DISSOLVE = 24;
    static final int FADE_OUT = 12;
    static final int BLACK = 6;
    static final int FADE_IN = 12;

    /** Writes the pieces of the source with their joins; fills in the true cuts, dissolves and fades. */
    static void splice(Path source, List<Piece> plan, Path out, List<Long> cuts, List<long[]> dissolves,
                       List<long[]> fades) throws IOException {
        FfmpegVideoDecoder decoder = new FfmpegVideoDecoder();
        try (FfmpegVideoWriter w = FfmpegVideoWriter.builder(out, SW, SH).fps(24)
                .codec(FfmpegVideoWriter.Codec.H264).bitRate(1_000_000).open()) {
            long n = 0;
            List<VideoFrame> current = frames(decoder, source, plan.get(0));
            int skip = 0; // frames of the current piece already written (blended into the previous one)
            for (int p = 0; p < plan.size(); p++) {
                Piece piece = plan.get(p);
                List<VideoFrame> next = p + 1 < plan.size() ? frames(decoder, source, plan.get(p + 1)) : null;
                int len = current.size();
                switch (piece.join()) {
                    case "cut", "end" -> {
                        for (int i = skip; i < len; i++) {
                            w.write(current.get(i).withTiming(n, n / 24.0));
                            n++;
                        }
                        if (next != null) {
                            cuts.add(n);
                        }
                        skip = 0;
                    }
                    case "dissolve", "wipe" -> {
                        for (int i = skip; i < len - DISSOLVE; i++) {
                            w.write(current.get(i).withTiming(n, n / 24.0));
                            n++;
                        }
                        long start = n;
                        for (int k = 0; k < DISSOLVE; k++) {
                            double alpha = (k + 1.0) / (DISSOLVE + 1);
                            VideoFrame a = current.get(len - DISSOLVE + k);
                            w.write(piece.join().equals("wipe") ? wipe(a, next.get(k), alpha, n)
                                    : blend(a, next.get(k), alpha, n));
                            n++;
                        }
                        dissolves.add(new long[] {start, n});
                        skip = DISSOLVE;
                    }
                    case "fade" -> {
                        long start = n;
                        for (int i = skip; i < len; i++) {
                            double gain = i < len - FADE_OUT ? 1 : (double) (len - 1 - i) / FADE_OUT;
                            w.write(scaled(current.get(i), gain, n));
                            n++;
                        }
                        for (int k = 0; k < BLACK; k++) {
                            w.write(scaled(current.get(len - 1), 0, n));
                            n++;
                        }
                        for (int k = 0; k < FADE_IN; k++) {
                            w.write(scaled(next.get(k), (double) k / FADE_IN, n));
                            n++;
                        }
                        fades.add(new long[] {start + len - skip - FADE_OUT, n});
                        skip = FADE_IN;
                    }
                    default -> throw new IllegalArgumentException(piece.join());
                }
                current = next;
            }
            w.finish();
        }
    }

    static List<VideoFrame> frames(FfmpegVideoDecoder decoder, Path source, Piece piece) throws IOException {
        List<VideoFrame> out = new ArrayList<>();
        try (FrameStream s = decoder.open(source, DecodeOptions.range(FrameFormat.exact(SW, SH),
                (piece.from() + 0.5) / 24.0, (piece.from() + piece.frames() + 0.5) / 24.0))) {
            VideoFrame f;
            while ((f = s.next()) != null && out.size() < piece.frames()) {
                out.add(f);
            }
        }
        assertThat(out).hasSize(piece.frames());
        return out;
    }

    static VideoFrame blend(VideoFrame a, VideoFrame b, double alpha, long n) {
        byte[] x = a.rgb();
        byte[] y = b.rgb();
        byte[] o = new byte[x.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = (byte) Math.round((1 - alpha) * (x[i] & 0xff) + alpha * (y[i] & 0xff));
        }
        return new VideoFrame(n, n / 24.0, a.width(), a.height(), o);
    }

    /** The new picture left of {@code alpha} of the width, the old one right of it. */
    static VideoFrame wipe(VideoFrame a, VideoFrame b, double alpha, long n) {
        byte[] o = a.copyRgb();
        int edge = (int) Math.round(alpha * a.width());
        for (int y = 0; y < a.height(); y++) {
            System.arraycopy(b.rgb(), y * a.width() * 3, o, y * a.width() * 3, edge * 3);
        }
        return new VideoFrame(n, n / 24.0, a.width(), a.height(), o);
    }

    static VideoFrame scaled(VideoFrame a, double gain, long n) {
        byte[] x = a.rgb();
        byte[] o = new byte[x.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = (byte) Math.round(gain * (x[i] & 0xff));
        }
        return new VideoFrame(n, n / 24.0, a.width(), a.height(), o);
    }
}

/** Ranges as text for messages. */
final class ShotBoundaryAccuracyText {
    private ShotBoundaryAccuracyText() {
    }

    static String ranges(List<long[]> ranges) {
        StringBuilder b = new StringBuilder("[");
        for (long[] r : ranges) {
            b.append(b.length() > 1 ? ", " : "").append(r[0]).append('-').append(r[1]);
        }
        return b.append(']').toString();
    }
}
