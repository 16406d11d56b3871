package io.github.video2gif.core.train;

import io.github.video2gif.api.Config;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hyper-parameters of {@link RankNetTrainer}; {@link #paper(long)} gives the paper's (Section 4.3).
 *
 * <p>Dropout: the paper applies "dropout to the input (0.8) and after the first hidden layer (0.25)" and was
 * implemented with Lasagne, whose {@code DropoutLayer(p)} takes the probability of <em>dropping</em> a unit. So
 * {@code 0.8} and {@code 0.25} are read here as drop probabilities: 80 % of the input features and 25 % of the
 * first hidden layer's units are zeroed in each training step, the kept ones scaled by {@code 1 / (1 - p)}
 * (inverted dropout, as Lasagne's default {@code rescale=True}); nothing is dropped when scoring. (Read as keep
 * probabilities, as in Srivastava et al.'s paper, 0.25 after a hidden layer would drop 75 % of it, far more
 * than is usual.)
 *
 * <p>Weight decay: the objective is the mean pair loss of a mini-batch plus {@code weightDecay * ||W||_F^2}
 * over the weight matrices (not the biases, as Lasagne's {@code regularize_network_params}); its gradient adds
 * {@code 2 * weightDecay * W}.
 *
 * <p>Learning rate: {@code learningRate * learningRateDecay^floor(epoch / decayEvery)}; the paper reduces it
 * every 10th epoch without giving the factor, 0.1 is used.
 *
 * @param hidden            hidden layer sizes (paper: 512, 128)
 * @param epochs            passes over the pairs (paper: 25)
 * @param batchPairs        pairs per mini-batch (paper: 50)
 * @param learningRate      initial learning rate (paper: 0.001)
 * @param learningRateDecay factor applied every {@code decayEvery} epochs (0.1)
 * @param decayEvery        epochs between reductions (paper: 10)
 * @param momentum          Nesterov momentum (paper: 0.9)
 * @param weightDecay       lambda of the Frobenius penalty (paper: 0.001)
 * @param inputDropout      drop probability of the input features (paper: 0.8)
 * @param hiddenDropout     drop probability after the first hidden layer (paper: 0.25)
 * @param positiveOverlap   share of a segment inside a GIF that makes it positive (paper: 0.66)
 * @param negativesPerVideo negatives drawn per video, k (paper: 4)
 * @param pairMode          video-specific (the paper) or video-agnostic pairs
 * @param standardise       standardise the input features with the training set's mean and deviation (stored in
 *                          the model); the paper fed C3D features as they are
 * @param models            networks trained from different initialisations and averaged (paper: several)
 * @param patience          with validation videos: stop after this many epochs without a better validation nMSD
 *                          and keep the best epoch's weights; 0 trains every epoch and keeps the last
 * @param seed              the same seed and data give the same model, bit for bit on one backend and machine
 * @param device            where the arithmetic runs ({@link TrainingBackends}): {@code cpu} (ND4J), {@code cuda}
 *                          (an NVIDIA GPU, with {@code video2gif-cuda} on the class path) or {@code auto} (the
 *                          available backend of highest priority: the GPU where one can run, else the CPU); the
 *                          same seed gives the same model on each up to float rounding. {@link #paper(long)} takes
 *                          it from the setting {@code train.device} (system property {@code video2gif.train.device},
 *                          environment variable {@code VIDEO2GIF_TRAIN_DEVICE}), default {@code auto}
 */
public record TrainerConfig(int[] hidden, int epochs, int batchPairs, double learningRate, double learningRateDecay,
                            int decayEvery, double momentum, double weightDecay, double inputDropout,
                            double hiddenDropout, double positiveOverlap, int negativesPerVideo, PairMode pairMode,
                            boolean standardise, int models, int patience, long seed, String device) {
    public TrainerConfig {
        hidden = hidden.clone();
        for (int h : hidden) {
            if (h < 1 || h > 65536) {
                throw new IllegalArgumentException("hidden layer sizes must be in [1, 65536]: " + Arrays.toString(hidden));
            }
        }
        positive("epochs", epochs);
        positive("batchPairs", batchPairs);
        positive("decayEvery", decayEvery);
        positive("models", models);
        if (models > 256) {
            throw new IllegalArgumentException("at most 256 averaged models, asked for " + models);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be finite and > 0, was " + learningRate);
        }
        range("learningRateDecay", learningRateDecay, 0, 1, false);
        range("momentum", momentum, 0, 1, true);
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be finite and >= 0, was " + weightDecay);
        }
        range("inputDropout", inputDropout, 0, 1, true);
        range("hiddenDropout", hiddenDropout, 0, 1, true);
        if (!(positiveOverlap > 0 && positiveOverlap < 1)) {
            throw new IllegalArgumentException("positiveOverlap must be in (0, 1), was " + positiveOverlap);
        }
        positive("negativesPerVideo", negativesPerVideo);
        if (pairMode == null) {
            throw new NullPointerException("pairMode");
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, was " + patience);
        }
        if (device == null) {
            throw new NullPointerException("device");
        }
        if (!TrainingBackends.validName(device)) {
            throw new IllegalArgumentException("device must be auto or a training backend's name such as cpu or cuda,"
                    + " was \"" + device + "\"");
        }
    }

    /**
     * The paper's settings with the given seed, on the device the setting {@code train.device} names (default
     * {@code auto}).
     *
     * @throws IllegalArgumentException when that setting is not a valid device name
     */
    public static TrainerConfig paper(long seed) {
        return new TrainerConfig(new int[] {512, 128}, 25, 50, 0.001, 0.1, 10, 0.9, 0.001, 0.8, 0.25,
                TrainingPairs.PAPER_OVERLAP, TrainingPairs.PAPER_NEGATIVES, PairMode.VIDEO_SPECIFIC, true, 1, 0, seed,
                defaultDevice(Config.defaults()));
    }

    /** The {@code train.device} setting, or {@code auto}. */
    static String defaultDevice(Config settings) {
        var s = settings.find(TrainingBackends.SETTING);
        if (s.isPresent() && !TrainingBackends.validName(s.get().value())) {
            throw new IllegalArgumentException(s.get().source() + " must be auto or a training backend's name such as"
                    + " cpu or cuda, was \"" + s.get().value() + "\"");
        }
        return s.map(Config.Setting::value).orElse(TrainingBackends.AUTO);
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The learning rate of a 0-based epoch. */
    public double learningRate(int epoch) {
        return learningRate * Math.pow(learningRateDecay, epoch / decayEvery);
    }

    /** The settings as JSON-ready values, for the model file's training record. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hidden", Arrays.stream(hidden).boxed().toList());
        m.put("epochs", epochs);
        m.put("batchPairs", batchPairs);
        m.put("learningRate", learningRate);
        m.put("learningRateDecay", learningRateDecay);
        m.put("decayEvery", decayEvery);
        m.put("momentum", momentum);
        m.put("nesterov", true);
        m.put("weightDecay", weightDecay);
        m.put("inputDropout", inputDropout);
        m.put("hiddenDropout", hiddenDropout);
        m.put("positiveOverlap", positiveOverlap);
        m.put("negativesPerVideo", negativesPerVideo);
        m.put("pairMode", pairMode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        m.put("standardise", standardise);
        m.put("models", models);
        m.put("patience", patience);
        m.put("seed", seed);
        m.put("device", device);
        return m;
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainerConfig c && toMap().toString().equals(c.toMap().toString());
    }

    @Override
    public int hashCode() {
        return toMap().toString().hashCode();
    }

    @Override
    public String toString() {
        return "TrainerConfig" + toMap();
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, was " + v);
        }
    }

    private static void range(String name, double v, double lo, double hi, boolean loInclusive) {
        boolean ok = (loInclusive ? v >= lo : v > lo) && v <= hi && (!name.endsWith("Dropout") || v < 1)
                && (!name.equals("momentum") || v < 1);
        if (!ok) {
            throw new IllegalArgumentException(name + " must be in " + (loInclusive ? "[" : "(") + lo + ", " + hi
                    + (name.endsWith("Dropout") || name.equals("momentum") ? ")" : "]") + ", was " + v);
        }
    }

    /** Builds a {@link TrainerConfig} from the paper's settings or another config. */
    public static final class Builder {
        private int[] hidden;
        private int epochs;
        private int batchPairs;
        private double learningRate;
        private double learningRateDecay;
        private int decayEvery;
        private double momentum;
        private double weightDecay;
        private double inputDropout;
        private double hiddenDropout;
        private double positiveOverlap;
        private int negativesPerVideo;
        private PairMode pairMode;
        private boolean standardise;
        private int models;
        private int patience;
        private long seed;
        private String device;

        private Builder(TrainerConfig c) {
            hidden = c.hidden;
            epochs = c.epochs;
            batchPairs = c.batchPairs;
            learningRate = c.learningRate;
            learningRateDecay = c.learningRateDecay;
            decayEvery = c.decayEvery;
            momentum = c.momentum;
            weightDecay = c.weightDecay;
            inputDropout = c.inputDropout;
            hiddenDropout = c.hiddenDropout;
            positiveOverlap = c.positiveOverlap;
            negativesPerVideo = c.negativesPerVideo;
            pairMode = c.pairMode;
            standardise = c.standardise;
            models = c.models;
            patience = c.patience;
            seed = c.seed;
            device = c.device;
        }

        public Builder hidden(int... v) {
            hidden = v.clone();
            return this;
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder batchPairs(int v) {
            batchPairs = v;
            return this;
        }

        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        public Builder learningRateDecay(double v) {
            learningRateDecay = v;
            return this;
        }

        public Builder decayEvery(int v) {
            decayEvery = v;
            return this;
        }

        public Builder momentum(double v) {
            momentum = v;
            return this;
        }

        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        public Builder inputDropout(double v) {
            inputDropout = v;
            return this;
        }

        public Builder hiddenDropout(double v) {
            hiddenDropout = v;
            return this;
        }

        public Builder positiveOverlap(double v) {
            positiveOverlap = v;
            return this;
        }

        public Builder negativesPerVideo(int v) {
            negativesPerVideo = v;
            return this;
        }

        public Builder pairMode(PairMode v) {
            pairMode = v;
            return this;
        }

        public Builder standardise(boolean v) {
            standardise = v;
            return this;
        }

        public Builder models(int v) {
            models = v;
            return this;
        }

        public Builder patience(int v) {
            patience = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** {@code cpu}, {@code cuda} or {@code auto}; see {@link TrainerConfig#device()}. */
        public Builder device(String v) {
            device = v;
            return this;
        }

        /** @throws IllegalArgumentException naming the first bad setting */
        public TrainerConfig build() {
            return new TrainerConfig(hidden, epochs, batchPairs, learningRate, learningRateDecay, decayEvery, momentum,
                    weightDecay, inputDropout, hiddenDropout, positiveOverlap, negativesPerVideo, pairMode, standardise,
                    models, patience, seed, device);
        }
    }
}
