package io.github.video2gif.bench;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.core.io.NdArray;
import io.github.video2gif.core.io.NpyReader;
import io.github.video2gif.core.io.NpyWriter;
import io.github.video2gif.core.rank.AdaptiveHuberRankLoss;
import io.github.video2gif.core.rank.RankNet;
import io.github.video2gif.core.train.EpochStats;
import io.github.video2gif.core.train.Nd4jTrainingBackendProvider;
import io.github.video2gif.core.train.RankNetStep;
import io.github.video2gif.core.train.RankNetTrainer;
import io.github.video2gif.core.train.SplitMixStream;
import io.github.video2gif.core.train.SyntheticVideos;
import io.github.video2gif.core.train.TrainerConfig;
import io.github.video2gif.core.train.TrainingBackend;
import io.github.video2gif.core.train.TrainingBackends;
import io.github.video2gif.core.train.TrainingData;
import io.github.video2gif.core.train.TrainingResult;
import io.github.video2gif.core.train.TrainingVideo;
import io.github.video2gif.cuda.CudaSettings;
import io.github.video2gif.cuda.GpuDevice;
import io.github.video2gif.cuda.GpuRankNetSgd;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * RankNet training on the GPU against the CPU's, and its speed ({@code CudaBenchmark train [DIR]}). The cases are
 * made from seeds the same way on both machines (pure Java, {@code StrictMath}); the CPU's results come from
 * ND4J, either in the same process or, on a GPU machine without ND4J, from files {@link #writeReference} wrote
 * where ND4J runs ({@code CudaParityReference}).
 * <ul>
 *   <li>the dropout stream computed on the GPU against Java's, bit for bit;</li>
 *   <li>a whole training run (64-d synthetic world, 64-32-1 hidden, 6 epochs, input dropout 0.5, hidden 0.25,
 *       validation each epoch) on the GPU with the feature table on the card and on the host, against the CPU's:
 *       per-epoch losses within 1e-4 relative, weights and validation scores within 1e-3 of their largest;</li>
 *   <li>5 steps at the paper's sizes (4096-512-128-1, 50 pairs, dropout 0.8 and 0.25): losses, the 100 scores
 *       and a sample of the weights within 1e-4;</li>
 *   <li>speed at the paper's sizes: pairs/s on the GPU (table on the card and on the host) and, where ND4J runs,
 *       on the CPU in the same run; the time of one epoch of the paper's 500 K pairs, measured.</li>
 * </ul>
 */
final class TrainingParity {
    /** The world of the whole-run check: 64-d features, 60 training videos. */
    static final SyntheticVideos.Spec WORLD =
            new SyntheticVideos.Spec(60, 64, 6, 12, 24, 10, 2, 0.0, 1.0, 0.5, 21, 1, 0.0);
    static final int PAPER_D = 4096;
    static final int PAPER_TABLE_ROWS = 400;
    static final int PAPER_PAIRS = 50;
    static final int PAPER_STEPS = 5;
    /** Every this many parameters is compared after the paper-size steps. */
    static final int WEIGHT_SAMPLE = 101;
    static final double LOSS_BOUND = 1e-4;
    static final double WEIGHT_BOUND = 1e-3;

    private TrainingParity() {
    }

    static TrainingData train() {
        return SyntheticVideos.generate(WORLD);
    }

    static List<TrainingVideo> validation() {
        return SyntheticVideos.generate(WORLD.withVideos(20, 98)).videos();
    }

    static TrainerConfig config(String device) {
        return TrainerConfig.paper(17).toBuilder().hidden(64, 32).epochs(6).learningRate(0.01).decayEvery(4)
                .inputDropout(0.5).device(device).build();
    }

    /** SHA-256 of the cases' inputs, so that a difference in the data is told apart from one in the arithmetic. */
    static String digest(TrainingData train, List<TrainingVideo> validation, float[] paperTable) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocate(8);
            for (List<TrainingVideo> set : List.of(train.videos(), validation)) {
                for (TrainingVideo v : set) {
                    md.update(v.id().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    for (var s : v.segments()) {
                        md.update(b.clear().putLong(s.start() * 31 + s.end()).array());
                    }
                    for (var g : v.gifs()) {
                        md.update(b.clear().putLong(g.frames().start() * 31 + g.frames().end()).array());
                        md.update(b.clear().putDouble(g.popularity()).array());
                    }
                    for (float[] f : v.features()) {
                        for (float x : f) {
                            md.update(b.clear().putInt(Float.floatToRawIntBits(x)).array(), 0, 4);
                        }
                    }
                }
            }
            for (int i = 0; i < paperTable.length; i += 97) {
                md.update(b.clear().putInt(Float.floatToRawIntBits(paperTable[i])).array(), 0, 4);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static float[] paperTable() {
        SplittableRandom r = new SplittableRandom(5);
        float[] t = new float[PAPER_TABLE_ROWS * PAPER_D];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return t;
    }

    static RankNet paperInit() {
        return RankNet.initialise(RankNet.paperLayers(PAPER_D), null, 3);
    }

    /** The positives, negatives and popularities of the paper-size steps. */
    static Object[] paperBatch(int step) {
        SplittableRandom r = new SplittableRandom(100 + step);
        int[] pos = new int[PAPER_PAIRS];
        int[] neg = new int[PAPER_PAIRS];
        float[] pop = new float[PAPER_PAIRS];
        for (int k = 0; k < PAPER_PAIRS; k++) {
            pos[k] = r.nextInt(PAPER_TABLE_ROWS);
            neg[k] = r.nextInt(PAPER_TABLE_ROWS);
            pop[k] = (float) r.nextDouble();
        }
        return new Object[] {pos, neg, pop};
    }

    /** What a backend produced on the cases. */
    record Outcome(double[] losses, double[] nmsd, float[] weights, float[] scores, double[][] paperLosses,
                   float[][] paperScores, float[] paperWeights) {
    }

    static float[] flatten(List<RankNet> members) {
        int n = 0;
        for (RankNet m : members) {
            n += (int) m.parameterCount();
        }
        float[] out = new float[n];
        int at = 0;
        for (RankNet m : members) {
            for (int i = 0; i < m.depth(); i++) {
                for (float[] a : new float[][] {m.weights(i), m.biases(i)}) {
                    System.arraycopy(a, 0, out, at, a.length);
                    at += a.length;
                }
            }
        }
        return out;
    }

    static float[] validationScores(TrainingResult r, List<TrainingVideo> validation) {
        int n = 0;
        for (TrainingVideo v : validation) {
            n += v.segments().size();
        }
        float[] out = new float[n];
        int at = 0;
        for (TrainingVideo v : validation) {
            for (float[] f : v.features()) {
                out[at++] = (float) r.model().score(f); // plain Java: a GPU machine may have no ND4J
            }
        }
        return out;
    }

    /** Trains the whole-run case and takes the paper-size steps on a backend. */
    static Outcome run(TrainingBackend backend, TrainingData train, List<TrainingVideo> validation,
                       float[] paperTable) throws Exception {
        TrainingResult r = new RankNetTrainer(config(backend.name()), new AdaptiveHuberRankLoss(), "adaptive-huber",
                backend).train(train, validation, null);
        double[] losses = new double[r.history().size()];
        double[] nmsd = new double[r.history().size()];
        for (int e = 0; e < losses.length; e++) {
            EpochStats s = r.history().get(e);
            losses[e] = s.trainLoss();
            nmsd[e] = s.validationNmsd().getAsDouble();
        }
        double[][] paperLosses = new double[PAPER_STEPS][1];
        float[][] paperScores = new float[PAPER_STEPS][2 * PAPER_PAIRS];
        float[] sampled;
        try (RankNetStep net = backend.network(paperInit(), paperTable, 0.8, 0.25)) {
            SplitMixStream dropout = new SplitMixStream(8);
            double[] s = new double[2 * PAPER_PAIRS];
            for (int step = 0; step < PAPER_STEPS; step++) {
                Object[] batch = paperBatch(step);
                paperLosses[step][0] = net.lossAndGradient((int[]) batch[0], (int[]) batch[1], (float[]) batch[2],
                        PAPER_PAIRS, new AdaptiveHuberRankLoss(), 0.001, dropout, s);
                for (int k = 0; k < s.length; k++) {
                    paperScores[step][k] = (float) s[k];
                }
                net.nesterovStep(0.001, 0.9);
            }
            float[] all = flatten(List.of(net.toRankNet(null)));
            sampled = new float[(all.length + WEIGHT_SAMPLE - 1) / WEIGHT_SAMPLE];
            for (int i = 0; i < sampled.length; i++) {
                sampled[i] = all[i * WEIGHT_SAMPLE];
            }
        }
        return new Outcome(losses, nmsd, flatten(r.model().members()), validationScores(r, validation), paperLosses,
                paperScores, sampled);
    }

    // ---- the CPU's reference, written where ND4J runs ----

    static void writeReference(Path dir) throws Exception {
        Files.createDirectories(dir);
        TrainingData train = train();
        List<TrainingVideo> validation = validation();
        float[] table = paperTable();
        long t0 = System.nanoTime();
        TrainingBackend cpu = TrainingBackends.select("cpu", Config.defaults());
        Outcome o = run(cpu, train, validation, table);
        Properties p = new Properties();
        p.setProperty("digest", digest(train, validation, table));
        for (int e = 0; e < o.losses.length; e++) {
            p.setProperty("loss." + e, Double.toString(o.losses[e]));
            p.setProperty("nmsd." + e, Double.toString(o.nmsd[e]));
        }
        for (int s = 0; s < PAPER_STEPS; s++) {
            p.setProperty("paper.loss." + s, Double.toString(o.paperLosses[s][0]));
        }
        NpyWriter.write(dir.resolve("train_weights.npy"), new NdArray(new int[] {o.weights.length}, o.weights));
        NpyWriter.write(dir.resolve("train_scores.npy"), new NdArray(new int[] {o.scores.length}, o.scores));
        float[] ps = new float[PAPER_STEPS * 2 * PAPER_PAIRS];
        for (int s = 0; s < PAPER_STEPS; s++) {
            System.arraycopy(o.paperScores[s], 0, ps, s * 2 * PAPER_PAIRS, 2 * PAPER_PAIRS);
        }
        NpyWriter.write(dir.resolve("train_paper_scores.npy"), new NdArray(new int[] {PAPER_STEPS, 2 * PAPER_PAIRS},
                ps));
        NpyWriter.write(dir.resolve("train_paper_weights.npy"), new NdArray(new int[] {o.paperWeights.length},
                o.paperWeights));
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[] speed = cpuSpeed(20);
        p.setProperty("cpu.pairsPerSecond", Double.toString(speed[0]));
        p.setProperty("cpu.machine", Runtime.getRuntime().availableProcessors() + " CPUs, "
                + System.getProperty("os.arch") + ", OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS"));
        try (Writer w = Files.newBufferedWriter(dir.resolve("train_reference.properties"))) {
            p.store(w, "CPU (ND4J) reference of TrainingParity");
        }
        System.out.printf(Locale.ROOT, "training reference (CPU): %.1f s; CPU training speed at the paper's sizes here:"
                + " %.0f pairs/s (%s)%n", seconds, speed[0], p.getProperty("cpu.machine"));
    }

    /** The CPU's pairs/s at the paper's sizes over {@code batches} timed batches (after 3 warm-up ones). */
    static double[] cpuSpeed(int batches) throws Exception {
        TrainingBackend cpu = TrainingBackends.select("cpu", Config.defaults());
        return speed(cpu, speedTable(2000), batches);
    }

    static float[] speedTable(int rows) {
        SplittableRandom r = new SplittableRandom(41);
        float[] t = new float[rows * PAPER_D];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return t;
    }

    /** {pairs/s, seconds} for {@code batches} batches of 50 pairs at the paper's sizes, after 3 warm-up batches. */
    static double[] speed(TrainingBackend backend, float[] table, int batches) throws Exception {
        int rows = table.length / PAPER_D;
        SplittableRandom r = new SplittableRandom(9);
        int[] pos = new int[PAPER_PAIRS];
        int[] neg = new int[PAPER_PAIRS];
        float[] pop = new float[PAPER_PAIRS];
        AdaptiveHuberRankLoss loss = new AdaptiveHuberRankLoss();
        try (RankNetStep net = backend.network(paperInit(), table, 0.8, 0.25)) {
            SplitMixStream dropout = new SplitMixStream(12);
            long t0 = 0;
            for (int b = -3; b < batches; b++) {
                if (b == 0) {
                    t0 = System.nanoTime();
                }
                for (int k = 0; k < PAPER_PAIRS; k++) {
                    pos[k] = r.nextInt(rows);
                    neg[k] = r.nextInt(rows);
                    pop[k] = (float) r.nextDouble();
                }
                net.lossAndGradient(pos, neg, pop, PAPER_PAIRS, loss, 0.001, dropout, null);
                net.nesterovStep(1e-4, 0.9);
            }
            if (!net.finite()) {
                throw new IllegalStateException("the speed run diverged");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new double[] {(double) batches * PAPER_PAIRS / seconds, seconds};
        }
    }

    // ---- the GPU against the CPU ----

    static boolean check(GpuDevice gpu, Path dir) throws Exception {
        boolean ok = true;
        TrainingData train = train();
        List<TrainingVideo> validation = validation();
        float[] table = paperTable();
        ok &= dropoutStream(gpu);
        Reference ref;
        boolean nd4j = new Nd4jTrainingBackendProvider().probe().available();
        if (dir != null && Files.isRegularFile(dir.resolve("train_reference.properties"))) {
            ref = Reference.read(dir);
            String digest = digest(train, validation, table);
            if (!digest.equals(ref.properties.getProperty("digest"))) {
                System.out.println("FAIL the cases' inputs differ from those the reference was made from (digest "
                        + digest + " vs " + ref.properties.getProperty("digest") + "): the comparison below is void");
                ok = false;
            }
            System.out.println("CPU reference: read from " + dir);
        } else if (nd4j) {
            long t0 = System.nanoTime();
            ref = Reference.of(run(TrainingBackends.select("cpu", Config.defaults()), train, validation, table));
            System.out.printf(Locale.ROOT, "CPU reference: computed here with ND4J in %.1f s%n",
                    (System.nanoTime() - t0) / 1e9);
        } else {
            System.out.println("FAIL no CPU reference: ND4J is not on the class path and " + (dir == null
                    ? "no reference folder was given" : dir + " holds no train_reference.properties"));
            return false;
        }
        for (GpuRankNetSgd.TableMode mode : new GpuRankNetSgd.TableMode[] {GpuRankNetSgd.TableMode.DEVICE,
            GpuRankNetSgd.TableMode.HOST}) {
            long t0 = System.nanoTime();
            Outcome o;
            try {
                o = run(cuda(gpu, mode), train, validation, table);
            } catch (Exception | Error e) {
                System.out.println("FAIL GPU training, table " + mode + ": " + e);
                e.printStackTrace(System.out);
                ok = false;
                continue;
            }
            System.out.printf(Locale.ROOT, "GPU training run, table %s: %.1f s%n", mode, (System.nanoTime() - t0) / 1e9);
            ok &= ref.compare(o, "table " + mode);
        }
        return ok;
    }

    /** The dropout stream computed on the GPU against Java's, bit for bit. */
    static boolean dropoutStream(GpuDevice gpu) {
        long seed = -7_431_112_345_678L;
        long position = 12_345_678_901L;
        int n = 1 << 20;
        float[] got = GpuRankNetSgd.dropoutValues(gpu.index(), n, seed, position);
        int mismatches = 0;
        int first = -1;
        for (int i = 0; i < n; i++) {
            if (Float.floatToRawIntBits(got[i]) != Float.floatToRawIntBits(SplitMixStream.floatAt(seed, position + i))) {
                mismatches++;
                first = first < 0 ? i : first;
            }
        }
        System.out.printf(Locale.ROOT, "%s dropout stream on the GPU: %d of %d values differ from Java's%s%n",
                mismatches == 0 ? "PASS" : "FAIL", mismatches, n, first < 0 ? "" : String.format(Locale.ROOT,
                        " (first at %d: %.9g vs %.9g)", first, got[first], SplitMixStream.floatAt(seed, position + first)));
        return mismatches == 0;
    }

    static TrainingBackend cuda(GpuDevice gpu, GpuRankNetSgd.TableMode mode) throws Exception {
        return TrainingBackends.select("cuda", Config.of(Map.of("cuda.device", Integer.toString(gpu.index()),
                "cuda.train-table", mode.name().toLowerCase(Locale.ROOT))));
    }

    /** The CPU's outcome, from files or computed. */
    static final class Reference {
        final Properties properties;
        final Outcome cpu;

        private Reference(Properties properties, Outcome cpu) {
            this.properties = properties;
            this.cpu = cpu;
        }

        static Reference of(Outcome o) {
            return new Reference(new Properties(), o);
        }

        static Reference read(Path dir) throws IOException {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(dir.resolve("train_reference.properties"))) {
                p.load(r);
            }
            int epochs = config("cpu").epochs();
            double[] losses = new double[epochs];
            double[] nmsd = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                losses[e] = Double.parseDouble(p.getProperty("loss." + e));
                nmsd[e] = Double.parseDouble(p.getProperty("nmsd." + e));
            }
            double[][] paperLosses = new double[PAPER_STEPS][1];
            for (int s = 0; s < PAPER_STEPS; s++) {
                paperLosses[s][0] = Double.parseDouble(p.getProperty("paper.loss." + s));
            }
            NdArray ps = NpyReader.readArray(dir.resolve("train_paper_scores.npy"));
            float[][] paperScores = new float[PAPER_STEPS][2 * PAPER_PAIRS];
            for (int s = 0; s < PAPER_STEPS; s++) {
                for (int k = 0; k < 2 * PAPER_PAIRS; k++) {
                    paperScores[s][k] = ps.get(s, k);
                }
            }
            return new Reference(p, new Outcome(losses, nmsd, values(dir.resolve("train_weights.npy")),
                    values(dir.resolve("train_scores.npy")), paperLosses, paperScores,
                    values(dir.resolve("train_paper_weights.npy"))));
        }

        private static float[] values(Path file) throws IOException {
            NdArray a = NpyReader.readArray(file);
            float[] out = new float[a.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = a.get(i);
            }
            return out;
        }

        /** Prints the differences, PASS or FAIL each; true when all pass. */
        boolean compare(Outcome gpu, String what) {
            boolean ok = true;
            double loss = 0;
            double nmsd = 0;
            StringBuilder epochs = new StringBuilder();
            for (int e = 0; e < cpu.losses.length; e++) {
                loss = Math.max(loss, Math.abs(gpu.losses[e] - cpu.losses[e]) / Math.abs(cpu.losses[e]));
                nmsd = Math.max(nmsd, Math.abs(gpu.nmsd[e] - cpu.nmsd[e]));
                epochs.append(String.format(Locale.ROOT, "%n  epoch %d: loss CPU %.8f GPU %.8f; validation nMSD CPU"
                        + " %.5f GPU %.5f", e + 1, cpu.losses[e], gpu.losses[e], cpu.nmsd[e], gpu.nmsd[e]));
            }
            ok &= line(loss <= LOSS_BOUND, what + ": per-epoch training loss, largest relative difference", loss,
                    LOSS_BOUND);
            System.out.println(epochs.toString().substring(1));
            ok &= line(nmsd <= WEIGHT_BOUND, what + ": per-epoch validation nMSD, largest difference", nmsd,
                    WEIGHT_BOUND);
            ok &= arrays(what + ": trained weights", gpu.weights, cpu.weights, WEIGHT_BOUND);
            ok &= arrays(what + ": validation scores of the trained model", gpu.scores, cpu.scores, WEIGHT_BOUND);
            double decrease = gpu.losses[gpu.losses.length - 1] / gpu.losses[0];
            ok &= line(decrease < 0.8, what + ": the GPU's loss fell to this share of the first epoch's", decrease,
                    0.8);
            double pl = 0;
            for (int s = 0; s < PAPER_STEPS; s++) {
                pl = Math.max(pl, Math.abs(gpu.paperLosses[s][0] - cpu.paperLosses[s][0])
                        / Math.abs(cpu.paperLosses[s][0]));
            }
            ok &= line(pl <= LOSS_BOUND, what + ": 4096-512-128-1, 5 steps of 50 pairs, loss", pl, LOSS_BOUND);
            float[] gs = new float[PAPER_STEPS * 2 * PAPER_PAIRS];
            float[] cs = new float[gs.length];
            for (int s = 0; s < PAPER_STEPS; s++) {
                System.arraycopy(gpu.paperScores[s], 0, gs, s * 2 * PAPER_PAIRS, 2 * PAPER_PAIRS);
                System.arraycopy(cpu.paperScores[s], 0, cs, s * 2 * PAPER_PAIRS, 2 * PAPER_PAIRS);
            }
            ok &= arrays(what + ": 4096-512-128-1, the 5 x 100 scores", gs, cs, LOSS_BOUND);
            ok &= arrays(what + ": 4096-512-128-1, every " + WEIGHT_SAMPLE + "th weight after 5 steps",
                    gpu.paperWeights, cpu.paperWeights, LOSS_BOUND);
            return ok;
        }

        private static boolean arrays(String what, float[] gpu, float[] cpu, double bound) {
            if (gpu.length != cpu.length) {
                System.out.println("FAIL " + what + ": " + gpu.length + " values, the CPU's " + cpu.length);
                return false;
            }
            double err = 0;
            double max = 0;
            double rel = 0;
            for (int i = 0; i < cpu.length; i++) {
                double e = Math.abs(gpu[i] - cpu[i]);
                err = Math.max(err, e);
                max = Math.max(max, Math.abs(cpu[i]));
                if (Math.abs(cpu[i]) > 1e-3) {
                    rel = Math.max(rel, e / Math.abs(cpu[i]));
                }
            }
            boolean pass = err <= bound * max;
            System.out.printf(Locale.ROOT, "%s %s: max abs difference %.3g (%.3g of the largest |value| %.3g; bound"
                    + " %.0e), max relative difference of values above 1e-3: %.3g%n", pass ? "PASS" : "FAIL", what,
                    err, err / max, max, bound, rel);
            return pass;
        }

        private static boolean line(boolean pass, String what, double value, double bound) {
            System.out.printf(Locale.ROOT, "%s %s: %.3g (bound %.0e)%n", pass ? "PASS" : "FAIL", what, value, bound);
            return pass;
        }
    }

    // ---- speed ----

    static void speed(GpuDevice gpu, Path dir) throws Exception {
        System.out.printf(Locale.ROOT, "%nRankNet training speed at the paper's sizes (4096-512-128-1, batches of 50"
                + " pairs, input dropout 0.8, hidden 0.25, adaptive Huber loss, Nesterov), whole steps from Java%n");
        int rows = 20_000;
        long t0 = System.nanoTime();
        float[] table = speedTable(rows);
        System.out.printf(Locale.ROOT, "feature table: %d x %d random values (%.0f MB), made in %.1f s%n", rows, PAPER_D,
                4.0 * table.length / 1e6, (System.nanoTime() - t0) / 1e9);
        System.out.println("| backend | batches timed | pairs/s | ms per batch |");
        System.out.println("|---|---|---|---|");
        double[] device = speed(cuda(gpu, GpuRankNetSgd.TableMode.DEVICE), table, 2_000);
        row("GPU, table on the card", 2_000, device);
        double[] host = speed(cuda(gpu, GpuRankNetSgd.TableMode.HOST), table, 1_000);
        row("GPU, table on the host", 1_000, host);
        double[] cpu = null;
        if (new Nd4jTrainingBackendProvider().probe().available()) {
            cpu = speed(TrainingBackends.select("cpu", Config.defaults()), table, 20);
            row("CPU (ND4J, " + Runtime.getRuntime().availableProcessors() + " CPUs), same machine", 20, cpu);
        }
        // the paper's 500 K pairs, one epoch: 10,000 batches, measured
        int epochBatches = 500_000 / PAPER_PAIRS;
        double[] epoch;
        double expected = 500_000 / device[0];
        if (expected <= 25) {
            epoch = speed(cuda(gpu, GpuRankNetSgd.TableMode.DEVICE), table, epochBatches);
            System.out.printf(Locale.ROOT, "one epoch of the paper's 500,000 pairs on the GPU (table on the card),"
                    + " measured: %.1f s (%.0f pairs/s); the paper's 25 epochs: about %.0f s%n", epoch[1], epoch[0],
                    25 * epoch[1]);
        } else {
            epoch = new double[] {device[0], expected};
            System.out.printf(Locale.ROOT, "one epoch of the paper's 500,000 pairs on the GPU (table on the card),"
                    + " extrapolated from the 2,000 batches (it would take over 25 s): %.1f s; 25 epochs: about %.0f s%n",
                    expected, 25 * expected);
        }
        if (cpu != null) {
            System.out.printf(Locale.ROOT, "GPU over CPU, same machine, same run: %.1fx (one epoch of 500 K pairs on the"
                    + " CPU: about %.0f s)%n", epoch[0] / cpu[0], 500_000 / cpu[0]);
        } else {
            Path ref = dir == null ? null : dir.resolve("train_reference.properties");
            String note = "ND4J is not on this class path, so the CPU was not timed on this machine";
            if (ref != null && Files.isRegularFile(ref)) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(ref)) {
                    p.load(r);
                }
                double there = Double.parseDouble(p.getProperty("cpu.pairsPerSecond"));
                note += String.format(Locale.ROOT, "; on the machine that packed the reference (%s) the CPU did %.0f"
                        + " pairs/s (not comparable: another machine)", p.getProperty("cpu.machine"), there);
            }
            System.out.println(note);
        }
    }

    private static void row(String what, int batches, double[] r) {
        System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.3f |%n", what, batches, r[0],
                1e3 * r[1] / batches);
    }
}
