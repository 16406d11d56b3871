package io.github.video2gif.core.train;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.Progress;
import io.github.video2gif.api.ProgressListener;
import io.github.video2gif.api.RankLoss;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.core.metrics.FrameScores;
import io.github.video2gif.core.metrics.Metrics;
import io.github.video2gif.core.rank.InputNormalisation;
import io.github.video2gif.core.rank.RankNet;
import io.github.video2gif.core.rank.RankNetModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a Robust Deep RankNet as the paper does (Section 4.3): pairs from the same video
 * ({@link TrainingPairs}), mini-batches of 50 pairs shuffled every epoch, the chosen {@link RankLoss} plus a
 * Frobenius weight penalty, SGD with Nesterov momentum, a stepped learning rate, dropout on the input and after
 * the first hidden layer, and optionally several networks from different initialisations averaged. See
 * {@link TrainerConfig} for the exact reading of each setting.
 *
 * <p>The arithmetic runs on a {@link TrainingBackend} chosen by {@link TrainerConfig#device()}: ND4J on the CPU
 * ({@code cpu}) or an NVIDIA GPU ({@code cuda}, from {@code video2gif-cuda}). The trainer draws every random
 * number itself (the pairs, their order each epoch, the initial weights, and the dropout stream the backend's
 * masks come from), so the same seed and data give the same model on every backend up to float rounding, and
 * bit for bit on the same backend and machine (for the CPU: the same ND4J build and thread count, since the
 * matrix products sum in an order that depends on them). Training
 * that produces NaN or exploding scores stops with a {@link TrainingDivergedException}. Progress is reported
 * to a {@link ProgressListener} (task {@code "train"}, units: mini-batches) at most every 200 ms and at the end
 * of every epoch; per-epoch loss and validation results are logged and returned.
 */
public final class RankNetTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(RankNetTrainer.class);

    private final TrainerConfig config;
    private final RankLoss loss;
    private final String lossName;
    private final TrainingBackend backend;

    /**
     * A trainer on the backend {@link TrainerConfig#device()} names, chosen when {@link #train} starts.
     *
     * @param config   hyper-parameters
     * @param loss     the pair loss
     * @param lossName its name, recorded in the model ({@code adaptive-huber}, ...)
     */
    public RankNetTrainer(TrainerConfig config, RankLoss loss, String lossName) {
        this(config, loss, lossName, null);
    }

    /**
     * A trainer on a given backend ({@link TrainerConfig#device()} is then not used).
     *
     * @param backend where the arithmetic runs; null: the one {@link TrainerConfig#device()} names
     */
    public RankNetTrainer(TrainerConfig config, RankLoss loss, String lossName, TrainingBackend backend) {
        this.config = Objects.requireNonNull(config, "config");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.lossName = Objects.requireNonNull(lossName, "lossName");
        this.backend = backend;
    }

    public TrainerConfig config() {
        return config;
    }

    /**
     * Trains.
     *
     * @param training   the training videos
     * @param validation videos to report validation nMSD/AP on after every epoch (and to stop early on, with
     *                   {@link TrainerConfig#patience()} > 0); may be empty
     * @param listener   progress
     * @throws TrainingDivergedException when training goes numerically wrong
     * @throws IllegalArgumentException  when the data give no training pairs, or the sets disagree in dimension,
     *                                   or the device is unknown
     * @throws io.github.video2gif.api.spi.ProviderUnavailableException when the device named cannot run here
     *                                   (its probe's reason in the message)
     * @throws Video2GifException        when the backend fails to start
     */
    public TrainingResult train(TrainingData training, List<TrainingVideo> validation, ProgressListener listener)
            throws Video2GifException {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(validation, "validation");
        ProgressListener progress = safe(listener);
        int d = training.dimension();
        if (d == 0) {
            throw new IllegalArgumentException("the training videos have no segments");
        }
        SplittableRandom root = new SplittableRandom(config.seed());
        TrainingPairs pairs = TrainingPairs.sample(training.videos(), config.positiveOverlap(),
                config.negativesPerVideo(), config.pairMode(), root.nextLong());
        if (pairs.size() == 0) {
            throw new IllegalArgumentException("the training videos give no pairs: a video needs a segment more than "
                    + Math.round(config.positiveOverlap() * 100) + " % inside a GIF and one outside every GIF");
        }
        LOG.info("Training a RankNet on {} videos: {}", training.videos().size(), pairs);

        InputNormalisation normalisation = null;
        if (config.standardise()) {
            List<float[]> all = new ArrayList<>();
            for (TrainingVideo v : training.videos()) {
                all.addAll(v.features());
            }
            normalisation = InputNormalisation.fit(all);
        }
        float[] table = new float[pairs.rows() * d];
        for (int r = 0; r < pairs.rows(); r++) {
            float[] f = training.videos().get(pairs.video(r)).features().get(pairs.segment(r));
            System.arraycopy(normalisation == null ? f : normalisation.apply(f), 0, table, r * d, d);
        }
        ValidationSet val = validation.isEmpty() ? null : new ValidationSet(validation, d, normalisation);
        TrainingBackend device = backend != null ? backend : TrainingBackends.select(config.device(), Config.defaults());
        LOG.info("Training on {} ({})", device.name(), device.description());

        int batches = (pairs.size() + config.batchPairs() - 1) / config.batchPairs();
        long totalBatches = (long) batches * config.epochs() * config.models();
        int[] layers = RankNet.layers(d, config.hidden());
        List<EpochStats> history = new ArrayList<>();
        List<RankNet> members = new ArrayList<>();
        List<Integer> bestEpochs = new ArrayList<>();
        long done = 0;
        long lastReport = System.nanoTime();
        long started = System.nanoTime();
        long pairsSeen = 0;

        for (int model = 0; model < config.models(); model++) {
            long initSeed = root.nextLong();
            SplittableRandom shuffle = new SplittableRandom(root.nextLong());
            SplitMixStream dropout = new SplitMixStream(root.nextLong());
            try (RankNetStep net = device.network(RankNet.initialise(layers, null, initSeed), table,
                    config.inputDropout(), config.hiddenDropout())) {
                int[] order = new int[pairs.size()];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                int[] pos = new int[config.batchPairs()];
                int[] neg = new int[config.batchPairs()];
                float[] pop = new float[config.batchPairs()];
                double bestNmsd = Double.POSITIVE_INFINITY;
                float[][] best = null;
                int bestEpoch = config.epochs() - 1;
                for (int epoch = 0; epoch < config.epochs(); epoch++) {
                    long epochStart = System.nanoTime();
                    double lr = config.learningRate(epoch);
                    for (int i = order.length - 1; i > 0; i--) {
                        int j = shuffle.nextInt(i + 1);
                        int t = order[i];
                        order[i] = order[j];
                        order[j] = t;
                    }
                    double lossSum = 0;
                    for (int batch = 0; batch < batches; batch++) {
                        int from = batch * config.batchPairs();
                        int n = Math.min(config.batchPairs(), order.length - from);
                        for (int k = 0; k < n; k++) {
                            int p = order[from + k];
                            pos[k] = pairs.positive(p);
                            neg[k] = pairs.negative(p);
                            pop[k] = pairs.popularity(p);
                        }
                        double l;
                        try {
                            l = net.lossAndGradient(pos, neg, pop, n, loss, config.weightDecay(), dropout, null);
                        } catch (ArithmeticException e) {
                            throw diverged(model, epoch, batch, e.getMessage());
                        }
                        if (!Double.isFinite(l)) {
                            throw diverged(model, epoch, batch, "loss " + l);
                        }
                        net.nesterovStep(lr, config.momentum());
                        lossSum += l;
                        done++;
                        pairsSeen += n;
                        long now = System.nanoTime();
                        if (now - lastReport > 200_000_000L) {
                            lastReport = now;
                            progress.onProgress(new Progress("train", done, totalBatches, detail(model, epoch,
                                    lossSum / (batch + 1))));
                        }
                    }
                    if (!net.finite()) {
                        throw diverged(model, epoch, batches - 1, "non-finite weights");
                    }
                    double trainLoss = lossSum / batches;
                    OptionalDouble vn = OptionalDouble.empty();
                    OptionalDouble va = OptionalDouble.empty();
                    if (val != null) {
                        double[] nmsdAp = val.evaluate(net);
                        vn = OptionalDouble.of(nmsdAp[0]);
                        va = OptionalDouble.of(nmsdAp[1]);
                        if (nmsdAp[0] < bestNmsd) {
                            bestNmsd = nmsdAp[0];
                            bestEpoch = epoch;
                            if (config.patience() > 0) {
                                best = net.snapshot();
                            }
                        }
                    }
                    double seconds = (System.nanoTime() - epochStart) / 1e9;
                    EpochStats stats = new EpochStats(model, epoch, lr, trainLoss, vn, va, seconds);
                    history.add(stats);
                    LOG.info("model {}/{} epoch {}/{}: lr {}, loss {}{} ({} s)", model + 1, config.models(), epoch + 1,
                            config.epochs(), lr, String.format("%.5f", trainLoss),
                            vn.isPresent() ? String.format(", validation nMSD %.4f AP %.4f", vn.getAsDouble(),
                                    va.getAsDouble()) : "", String.format("%.1f", seconds));
                    progress.onProgress(new Progress("train", done, totalBatches, detail(model, epoch, trainLoss)
                            + (vn.isPresent() ? String.format(", val nMSD %.4f", vn.getAsDouble()) : "")));
                    if (config.patience() > 0 && val != null && epoch - bestEpoch >= config.patience()
                            && epoch < config.epochs() - 1) {
                        LOG.info("stopping early: no better validation nMSD for {} epochs", config.patience());
                        done += (long) (config.epochs() - epoch - 1) * batches;
                        break;
                    }
                }
                if (config.patience() > 0 && best != null) {
                    members.add(RankNetStep.fromSnapshot(layers, best, normalisation));
                    bestEpochs.add(bestEpoch);
                } else {
                    members.add(net.toRankNet(normalisation));
                    bestEpochs.add(history.get(history.size() - 1).epoch());
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("trainer", "video2gif RankNetTrainer");
        record.put("loss", lossName);
        record.put("videos", training.videos().size());
        record.put("pairs", pairs.size());
        record.put("positiveSegments", pairs.positiveSegments());
        record.put("negativeSegments", pairs.negativeSegments());
        record.putAll(config.toMap());
        record.put("device", device.name());
        record.put("keptEpochs", bestEpochs);
        RankNetModel model = new RankNetModel(training.featureExtractor(), members, record);
        return new TrainingResult(model, history, pairs.size(), pairsSeen / Math.max(seconds, 1e-9), bestEpochs);
    }

    private String detail(int model, int epoch, double loss) {
        return (config.models() > 1 ? "model " + (model + 1) + "/" + config.models() + ", " : "") + "epoch "
                + (epoch + 1) + "/" + config.epochs() + ", loss " + String.format("%.4f", loss);
    }

    private TrainingDivergedException diverged(int model, int epoch, int batch, String what) {
        return new TrainingDivergedException("Training diverged" + (config.models() > 1 ? " in model " + (model + 1) : "")
                + " at epoch " + (epoch + 1) + ", mini-batch " + (batch + 1) + " (" + what + "); the learning rate "
                + config.learningRate(epoch) + " is too high for these features, or they hold extreme values:"
                + " lower the learning rate or standardise the features");
    }

    private static ProgressListener safe(ProgressListener listener) {
        if (listener == null) {
            return ProgressListener.NONE;
        }
        return new ProgressListener() {
            private boolean broken;

            @Override
            public void onProgress(Progress p) {
                if (broken) {
                    return;
                }
                try {
                    listener.onProgress(p);
                } catch (RuntimeException e) {
                    broken = true;
                    LOG.warn("the progress listener failed and is no longer called: {}", e.toString(), e);
                }
            }
        };
    }

    /** Validation videos with their segments' features normalised once. */
    private static final class ValidationSet {
        private final List<TrainingVideo> videos;
        private final float[] table;
        private final int[] offsets;

        ValidationSet(List<TrainingVideo> videos, int d, InputNormalisation normalisation) {
            List<TrainingVideo> usable = new ArrayList<>();
            for (TrainingVideo v : videos) {
                if (v.dimension() != 0 && v.dimension() != d) {
                    throw new IllegalArgumentException("validation video \"" + v.id() + "\" has " + v.dimension()
                            + "-dimensional features, the training videos " + d);
                }
                if (evaluable(v)) {
                    usable.add(v);
                } else {
                    LOG.warn("validation video \"{}\" is left out: it needs segments and GIFs that neither start"
                            + " after its last frame nor cover all of it", v.id());
                }
            }
            if (usable.isEmpty()) {
                throw new IllegalArgumentException("no validation video has both segments and GIFs");
            }
            this.videos = usable;
            offsets = new int[usable.size() + 1];
            for (int i = 0; i < usable.size(); i++) {
                offsets[i + 1] = offsets[i] + usable.get(i).segments().size();
            }
            table = new float[offsets[usable.size()] * d];
            int r = 0;
            for (TrainingVideo v : usable) {
                for (float[] f : v.features()) {
                    System.arraycopy(normalisation == null ? f : normalisation.apply(f), 0, table, r * d, d);
                    r++;
                }
            }
        }

        private static boolean evaluable(TrainingVideo v) {
            if (v.gifs().isEmpty() || v.segments().isEmpty()) {
                return false;
            }
            for (TrainingGif g : v.gifs()) {
                if (g.frames().start() >= v.frames() || (g.frames().start() == 0 && g.frames().end() >= v.frames())) {
                    return false;
                }
            }
            return true;
        }

        /** {@code {mean nMSD, mean AP}}. */
        double[] evaluate(RankNetStep net) {
            double[] scores = net.score(table, offsets[videos.size()]);
            double n = 0;
            double a = 0;
            for (int i = 0; i < videos.size(); i++) {
                TrainingVideo v = videos.get(i);
                double[] s = java.util.Arrays.copyOfRange(scores, offsets[i], offsets[i + 1]);
                double[] frames = FrameScores.ofSpans(v.frames(), v.segments(), s);
                n += Metrics.nmsd(frames, v.gifSpans());
                a += Metrics.ap(frames, v.gifSpans());
            }
            return new double[] {n / videos.size(), a / videos.size()};
        }
    }
}
