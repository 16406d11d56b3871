package io.github.video2gif.core.c3d;

import io.github.video2gif.api.FeatureExtractor;
import io.github.video2gif.api.Scorer;
import io.github.video2gif.api.WeightFileException;
import io.github.video2gif.core.io.NdArray;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The paper's model from the authors' three released files: C3D up to fc6 ({@code c3d_model.pkl}), the mean
 * snippet ({@code snipplet_mean.npy}) and the scoring MLP ({@code video2gif_weights.npz}). All three are read
 * and checked (formats, shapes, sizes) before anything is built, so a bad file fails fast with a
 * {@link WeightFileException} naming it; hostile pickles are refused by the restricted reader. The weights are
 * then held once, in ND4J (about 320 MB as float32 for the released model).
 */
public final class PaperModel {
    private final C3dNetwork network;
    private final SnippetMean mean;
    private final PaperScoreHead head;

    private PaperModel(C3dNetwork network, SnippetMean mean, PaperScoreHead head) {
        this.network = network;
        this.mean = mean;
        this.head = head;
    }

    /**
     * Loads the released files.
     *
     * @throws WeightFileException when a file is missing, unreadable, hostile or of the wrong shape
     */
    public static PaperModel load(Path c3dPickle, Path meanNpy, Path video2gifNpz) throws WeightFileException {
        Objects.requireNonNull(c3dPickle, "c3dPickle");
        Objects.requireNonNull(meanNpy, "meanNpy");
        Objects.requireNonNull(video2gifNpz, "video2gifNpz");
        SnippetMean mean = SnippetMean.read(meanNpy);
        C3dWeights weights = C3dWeights.readPickle(c3dPickle);
        List<NdArray> headArrays = PaperScoreHead.checkedArrays(video2gifNpz, weights.featureDimension());
        return new PaperModel(new C3dNetwork(weights), mean, PaperScoreHead.of(headArrays));
    }

    /**
     * Loads a model converted into the project's own file ({@link PaperModelFormat}, {@code video2gif
     * convert-weights}): no pickle, plain float reads.
     *
     * @throws WeightFileException when the file is missing, of another format, truncated, damaged or mis-shaped
     */
    public static PaperModel load(Path convertedModel) throws WeightFileException {
        return PaperModelFormat.read(Objects.requireNonNull(convertedModel, "convertedModel"));
    }

    /** Builds the model from checked parts. */
    static PaperModel of(C3dWeights weights, SnippetMean mean, List<NdArray> headArrays) {
        return new PaperModel(new C3dNetwork(weights), mean, PaperScoreHead.of(headArrays));
    }

    /** Loads only C3D and the mean, for fc6 features. */
    public static FeatureExtractor loadFeatureExtractor(Path c3dPickle, Path meanNpy,
                                                        C3dFeatureExtractor.Options options)
            throws WeightFileException {
        SnippetMean mean = SnippetMean.read(meanNpy);
        C3dWeights weights = C3dWeights.readPickle(c3dPickle);
        return new C3dFeatureExtractor(new C3dNetwork(weights), mean, null, options);
    }

    public C3dNetwork network() {
        return network;
    }

    public PaperScoreHead head() {
        return head;
    }

    /** fc6 features (4096-d), to be pooled per segment and scored by {@link #scorer()}. */
    public FeatureExtractor featureExtractor(C3dFeatureExtractor.Options options) {
        return new C3dFeatureExtractor(network, mean, null, options);
    }

    /**
     * The release's scoring: each snippet gets its score (with {@code options.mirror()}, the mean of its and its
     * mirror's score); a segment's value is the mean of its snippets' scores. Use with {@link #identityScorer()}.
     */
    public FeatureExtractor snippetScoreExtractor(C3dFeatureExtractor.Options options) {
        return new C3dFeatureExtractor(network, mean, head, options);
    }

    /** Scores pooled fc6 vectors with the MLP. */
    public Scorer scorer() {
        return new Scorer() {
            @Override
            public int dimension() {
                return head.inputDimension();
            }

            @Override
            public Optional<String> featureExtractor() {
                return Optional.of("c3d");
            }

            @Override
            public double[] score(float[][] features) {
                return finite(head.score(features));
            }
        };
    }

    /** Passes through one-dimensional snippet-score tracks from {@link #snippetScoreExtractor}. */
    public static Scorer identityScorer() {
        return new Scorer() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public Optional<String> featureExtractor() {
                return Optional.of("c3d");
            }

            @Override
            public double[] score(float[][] features) {
                double[] out = new double[features.length];
                for (int i = 0; i < out.length; i++) {
                    if (features[i].length != 1) {
                        throw new IllegalArgumentException("snippet-score vectors have one value, got "
                                + features[i].length);
                    }
                    out[i] = features[i][0];
                }
                return finite(out);
            }
        };
    }

    /** Scores are finite by contract: NaN becomes the lowest score, infinities the extremes. */
    private static double[] finite(double[] s) {
        for (int i = 0; i < s.length; i++) {
            if (Double.isNaN(s[i]) || s[i] == Double.NEGATIVE_INFINITY) {
                s[i] = -Double.MAX_VALUE;
            } else if (s[i] == Double.POSITIVE_INFINITY) {
                s[i] = Double.MAX_VALUE;
            }
        }
        return s;
    }
}
