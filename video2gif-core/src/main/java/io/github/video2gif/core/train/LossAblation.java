package io.github.video2gif.core.train;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.RankLoss;
import io.github.video2gif.api.Scorer;
import io.github.video2gif.api.spi.Providers;
import io.github.video2gif.api.spi.RankLossProvider;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.core.metrics.FrameScores;
import io.github.video2gif.core.metrics.Metrics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The controlled experiment behind {@code docs/experiments.md}: the paper's loss ablation (its Table 2, rows
 * "Classification" to "adaptive Huber loss") replayed on {@link SyntheticVideos} where the truth is known.
 * For each outlier rate and seed it generates a training set whose GIFs are outliers at that rate, trains the
 * six methods with the paper's settings, and evaluates every model on a clean test set (GIFs on the truly
 * most worthy segments) with nMSD and AP, next to a random ranking and the oracle (the true worthiness).
 *
 * <p>Run: {@code java -cp ... io.github.video2gif.core.train.LossAblation [--videos N] [--test-videos N]
 * [--rates 0,0.2,0.4] [--seeds 3] [--epochs 25] [--dimension 128] [--out FILE]}. Not part of the unit tests:
 * it takes minutes. Setting {@code OMP_NUM_THREADS=1} helps on a busy machine (small matrices gain nothing
 * from a second thread).
 */
public final class LossAblation {
    /** A compared method: a loss and a pair mode. */
    public record Method(String label, String loss, PairMode pairs) {
    }

    /** The paper's rows. */
    public static final List<Method> METHODS = List.of(
            new Method("Classification", "classification", PairMode.VIDEO_SPECIFIC),
            new Method("Rank, video agnostic (adaptive Huber)", "adaptive-huber", PairMode.VIDEO_AGNOSTIC),
            new Method("Rank, l1 loss", "l1", PairMode.VIDEO_SPECIFIC),
            new Method("Rank, l2 loss", "l2", PairMode.VIDEO_SPECIFIC),
            new Method("Rank, Huber loss", "huber", PairMode.VIDEO_SPECIFIC),
            new Method("Rank, adaptive Huber loss", "adaptive-huber", PairMode.VIDEO_SPECIFIC));

    /**
     * One cell of the table: a method at an outlier rate, over seeds.
     *
     * @param nmsd per seed
     * @param ap   per seed
     */
    public record Cell(List<Double> nmsd, List<Double> ap) {
    }

    private LossAblation() {
    }

    /**
     * Runs the experiment.
     *
     * @param base      the world: dimension, segments, ...; its video count is the training set size
     * @param testVideos size of the clean test set
     * @param rates     outlier rates
     * @param seeds     seeds per rate (seed s generates the training set and seeds the trainer)
     * @param config    trainer settings (the seed is replaced per run)
     * @param log       progress lines
     * @return per method label (plus "Random" and "Oracle"), per rate, the cell
     */
    public static Map<String, Map<Double, Cell>> run(SyntheticVideos.Spec base, int testVideos, List<Double> rates,
                                                     int seeds, TrainerConfig config, PrintStream log)
            throws Video2GifException {
        SyntheticVideos.Generated test = SyntheticVideos.generateWithTruth(
                base.withVideos(testVideos, 1_000_003L).withOutlierRate(0));
        Map<String, Map<Double, Cell>> table = new LinkedHashMap<>();
        double[] oracle = evaluate(test, test.worthiness());
        double[] random = evaluate(test, randomScores(test, 17));
        for (double rate : rates) {
            put(table, "Random", rate, random);
            put(table, "Oracle (true worthiness)", rate, oracle);
            for (int s = 0; s < seeds; s++) {
                long seed = 1000L * s + 1;
                TrainingData train = SyntheticVideos.generate(base.withOutlierRate(rate).withVideos(base.videos(), seed));
                for (Method m : METHODS) {
                    Config c = Config.of(Map.of(), k -> null, k -> null);
                    RankLoss loss = Providers.select(RankLossProvider.KIND, m.loss(), c).provider().create(c);
                    TrainerConfig tc = config.toBuilder().seed(seed).pairMode(m.pairs()).build();
                    long t0 = System.nanoTime();
                    TrainingResult r = new RankNetTrainer(tc, loss, m.loss()).train(train, List.of(), null);
                    Scorer scorer = r.model().scorer();
                    List<double[]> scores = new ArrayList<>();
                    for (TrainingVideo v : test.data().videos()) {
                        scores.add(scorer.score(v.features().toArray(float[][]::new)));
                    }
                    double[] e = evaluate(test, scores);
                    put(table, m.label(), rate, e);
                    log.printf(Locale.ROOT, "rate %.2f seed %d %-40s nMSD %.4f AP %.4f (final loss %.4f, %.0f s)%n",
                            rate, seed, m.label(), e[0], e[1],
                            r.history().get(r.history().size() - 1).trainLoss(), (System.nanoTime() - t0) / 1e9);
                }
            }
        }
        return table;
    }

    private static void put(Map<String, Map<Double, Cell>> table, String label, double rate, double[] e) {
        Cell cell = table.computeIfAbsent(label, k -> new LinkedHashMap<>())
                .computeIfAbsent(rate, k -> new Cell(new ArrayList<>(), new ArrayList<>()));
        cell.nmsd().add(e[0]);
        cell.ap().add(e[1]);
    }

    private static List<double[]> randomScores(SyntheticVideos.Generated test, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<double[]> out = new ArrayList<>();
        for (TrainingVideo v : test.data().videos()) {
            double[] s = new double[v.segments().size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = r.nextDouble();
            }
            out.add(s);
        }
        return out;
    }

    /** {@code {mean nMSD, mean AP}} of segment scores on the test videos. */
    static double[] evaluate(SyntheticVideos.Generated test, List<double[]> scores) {
        double n = 0;
        double a = 0;
        List<TrainingVideo> videos = test.data().videos();
        for (int i = 0; i < videos.size(); i++) {
            TrainingVideo v = videos.get(i);
            double[] frames = FrameScores.ofSpans(v.frames(), v.segments(), scores.get(i));
            n += Metrics.nmsd(frames, v.gifSpans());
            a += Metrics.ap(frames, v.gifSpans());
        }
        return new double[] {n / videos.size(), a / videos.size()};
    }

    /** The table as Markdown: mean ± standard deviation over seeds, in percent as the paper reports. */
    public static String markdown(Map<String, Map<Double, Cell>> table, List<Double> rates) {
        StringBuilder sb = new StringBuilder();
        sb.append("| Method |");
        for (double r : rates) {
            sb.append(String.format(Locale.ROOT, " nMSD @ %.0f %% outliers | AP @ %.0f %% outliers |", r * 100, r * 100));
        }
        sb.append("\n|---|");
        sb.append("---|---|".repeat(rates.size()));
        sb.append('\n');
        for (Map.Entry<String, Map<Double, Cell>> row : table.entrySet()) {
            sb.append("| ").append(row.getKey()).append(" |");
            for (double r : rates) {
                Cell c = row.getValue().get(r);
                sb.append(' ').append(meanSd(c.nmsd())).append(" | ").append(meanSd(c.ap())).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String meanSd(List<Double> v) {
        double m = 0;
        for (double x : v) {
            m += x;
        }
        m /= v.size();
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        double sd = v.size() > 1 ? Math.sqrt(ss / (v.size() - 1)) : 0;
        return String.format(Locale.ROOT, "%.2f ± %.2f", 100 * m, 100 * sd);
    }

    /** Command line entry point (see the class description). */
    public static void main(String[] args) throws Video2GifException, IOException {
        int videos = 400;
        int testVideos = 300;
        List<Double> rates = List.of(0.0, 0.2, 0.4, 0.6);
        int seeds = 3;
        int epochs = 25;
        int dimension = 128;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--videos" -> videos = Integer.parseInt(v);
                case "--test-videos" -> testVideos = Integer.parseInt(v);
                case "--rates" -> {
                    List<Double> rs = new ArrayList<>();
                    for (String s : v.split(",")) {
                        rs.add(Double.parseDouble(s));
                    }
                    rates = rs;
                }
                case "--seeds" -> seeds = Integer.parseInt(v);
                case "--epochs" -> epochs = Integer.parseInt(v);
                case "--dimension" -> dimension = Integer.parseInt(v);
                case "--out" -> out = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + a + "; options: --videos N"
                        + " --test-videos N --rates R,R --seeds N --epochs N --dimension D --out FILE");
            }
            i++;
        }
        SyntheticVideos.Spec spec = SyntheticVideos.Spec.of(videos, 0, 20160627L, 1).withDimension(dimension);
        TrainerConfig config = TrainerConfig.paper(1).toBuilder().epochs(epochs).build();
        long t0 = System.nanoTime();
        System.out.println("Loss ablation on synthetic videos: " + spec + ", trainer " + config);
        Map<String, Map<Double, Cell>> table = run(spec, testVideos, rates, seeds, config, System.out);
        String md = markdown(table, rates);
        System.out.println();
        System.out.println(md);
        System.out.printf(Locale.ROOT, "%.0f s in all%n", (System.nanoTime() - t0) / 1e9);
        if (out != null) {
            Files.writeString(out, md, StandardCharsets.UTF_8);
        }
    }
}
