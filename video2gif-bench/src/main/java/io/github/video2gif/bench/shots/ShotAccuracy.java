package io.github.video2gif.bench.shots;

import io.github.video2gif.Video2Gif;
import io.github.video2gif.api.Config;
import io.github.video2gif.api.Segmentation;
import io.github.video2gif.api.Segmenter;
import io.github.video2gif.api.Transition;
import io.github.video2gif.api.VideoInfo;
import io.github.video2gif.api.spi.Providers;
import io.github.video2gif.api.spi.SegmenterProvider;
import io.github.video2gif.core.segment.ShotAnnotation;
import io.github.video2gif.core.segment.ShotBoundaryAccuracy;
import io.github.video2gif.core.synthetic.SyntheticVideo;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Shot-boundary accuracy of a segmenter (default {@code shots}) on generated videos with known cuts, fades,
 * dissolves and wipes ({@link SyntheticVideo#randomMixed}, rendered straight to the 160x90 analysis size) and
 * on annotated files (decoded with the FFmpeg decoder).
 *
 * <pre>
 * java -cp video2gif-bench/target/benchmarks.jar io.github.video2gif.bench.shots.ShotAccuracy \
 *      [--seconds 60] [--seeds 1-30] [--segmenter shots] [--verbose] [VIDEO ANNOTATION.txt]...
 * </pre>
 * Annotations are in the format of {@link ShotAnnotation}. A detected cut counts when it is within 2 frames of
 * a true one.
 */
public final class ShotAccuracy {
    private ShotAccuracy() {
    }

    public static void main(String[] argv) throws Exception {
        List<String> args = List.of(argv);
        double seconds = 60;
        String seeds = "1-30";
        String segmenter = "shots";
        boolean verbose = false;
        int i = 0;
        for (; i < args.size() && args.get(i).startsWith("--"); i++) {
            switch (args.get(i)) {
                case "--seconds" -> seconds = Double.parseDouble(args.get(++i));
                case "--seeds" -> seeds = args.get(++i);
                case "--segmenter" -> segmenter = args.get(++i);
                case "--verbose" -> verbose = true;
                default -> throw new IllegalArgumentException("unknown option " + args.get(i));
            }
        }
        if (!seeds.equals("0")) {
            int first = seeds.contains("-") ? Integer.parseInt(seeds.split("-")[0]) : 1;
            int last = Integer.parseInt(seeds.contains("-") ? seeds.split("-")[1] : seeds);
            ShotBoundaryAccuracy total = new ShotBoundaryAccuracy(0, 0, 0, 0, 0, 0);
            int exact = 0;
            java.util.Map<SyntheticVideo.Join, int[]> byKind = new java.util.EnumMap<>(SyntheticVideo.Join.class);
            for (int seed = first; seed <= last; seed++) {
                SyntheticVideo v = SyntheticVideo.randomMixed(seed, seconds, 160, 90, 25);
                Segmentation s = synthetic(v, segmenter);
                List<long[]> gradual = v.gradualTransitions().stream()
                        .map(g -> new long[] {g.startFrame(), g.endFrame()}).collect(Collectors.toList());
                ShotBoundaryAccuracy a = ShotBoundaryAccuracy.score(s, v.cutFrames(), gradual, 2);
                total = total.plus(a);
                exact += (int) v.cutFrames().stream().filter(s.cuts()::contains).count();
                for (SyntheticVideo.Gradual g : v.gradualTransitions()) {
                    List<Transition> hits = s.transitions().stream().filter(t -> t.type() != Transition.Type.CUT
                            && t.overlaps(g.startFrame(), g.endFrame())).toList();
                    boolean cutInside = s.cuts().stream().anyMatch(c -> c >= g.startFrame() && c < g.endFrame());
                    int[] k = byKind.computeIfAbsent(g.join(), j -> new int[2]);
                    k[0]++;
                    k[1] += hits.size() == 1 && !cutInside ? 1 : 0;
                }
                if (verbose) {
                    System.out.println("seed " + seed + ": " + a);
                    System.out.println("  true cuts " + v.cutFrames() + ", found " + s.cuts());
                    System.out.println("  true gradual " + v.gradualTransitions());
                    System.out.println("  found gradual " + s.transitions().stream()
                            .filter(t -> t.type() != Transition.Type.CUT).collect(Collectors.toList()));
                }
            }
            System.out.printf(Locale.ROOT, "generated (%s, %d videos of %.0f s): %s; cuts on the exact frame: %d%n",
                    seeds, last - first + 1, seconds, total, exact);
            byKind.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %s: %d of %d found as one transition%n",
                    k.name().toLowerCase(Locale.ROOT), v[1], v[0]));
        }
        for (; i + 1 < args.size(); i += 2) {
            Path video = Path.of(args.get(i));
            ShotAnnotation truth = ShotAnnotation.load(Path.of(args.get(i + 1)));
            Segmentation s = Video2Gif.builder().segmenter(segmenter).build().segment(video).segmentation();
            System.out.println(video.getFileName() + ": " + ShotBoundaryAccuracy.score(s, truth.cuts(),
                    truth.gradual(), 2));
            System.out.println("  found " + s.transitions());
        }
    }

    static Segmentation synthetic(SyntheticVideo v, String segmenter) throws Exception {
        Segmenter seg = Providers.select(SegmenterProvider.KIND, segmenter, Config.defaults()).provider()
                .create(Config.defaults());
        Segmenter.Session session = seg.start(new VideoInfo(Path.of("synthetic"), v.durationSec(), v.fps(),
                v.frameCount(), v.width(), v.height(), 0, "synthetic"));
        for (int i = 0; i < v.frameCount(); i++) {
            session.accept(v.frame(i));
        }
        return session.finish();
    }
}
