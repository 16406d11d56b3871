package io.github.video2gif.core.rank;

import io.github.video2gif.api.OutputException;
import io.github.video2gif.api.Scorer;
import io.github.video2gif.api.WeightFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A trained RankNet: one or more {@link RankNet} members of the same architecture whose scores are averaged
 * (the paper's model averaging), the name of the feature extractor whose features it scores, and a record of
 * how it was trained. Stored in the project's own model file format ({@code docs/model-format.md}) by
 * {@link #save(Path)} and {@link #load(Path)}; neither touches ND4J. {@link #scorer()} gives the batched ND4J
 * {@link Scorer}.
 */
public final class RankNetModel {
    private final String featureExtractor;
    private final List<RankNet> members;
    private final Map<String, Object> training;

    /**
     * @param featureExtractor the name of the feature extractor the model was trained on (e.g. {@code c3d})
     * @param members          at least one network, all with the same layer sizes
     * @param training         how it was trained: JSON-ready values (strings, numbers, booleans, lists, maps)
     */
    public RankNetModel(String featureExtractor, List<RankNet> members, Map<String, Object> training) {
        Objects.requireNonNull(featureExtractor, "featureExtractor");
        if (featureExtractor.isBlank()) {
            throw new IllegalArgumentException("the feature extractor name must not be blank");
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one network");
        }
        int[] layers = members.get(0).layers();
        for (RankNet m : members) {
            if (!Arrays.equals(layers, m.layers())) {
                throw new IllegalArgumentException("averaged networks must have the same layers: "
                        + Arrays.toString(layers) + " vs " + Arrays.toString(m.layers()));
            }
        }
        this.featureExtractor = featureExtractor;
        this.members = List.copyOf(members);
        this.training = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(training));
    }

    /**
     * Reads a model file.
     *
     * @throws WeightFileException when it is missing, unreadable, of another format or version, truncated,
     *                             damaged, or declares absurd sizes
     */
    public static RankNetModel load(Path file) throws WeightFileException {
        return RankNetModelFormat.read(file);
    }

    /**
     * Writes the model file atomically: a reader sees the old file or the whole new one, never a part.
     *
     * @throws OutputException when it cannot be written
     */
    public void save(Path file) throws OutputException {
        RankNetModelFormat.write(this, file);
    }

    /**
     * One model whose members are all the given models' members: the scores of all their networks are averaged.
     * The models must score the same features with the same architecture.
     */
    public static RankNetModel average(List<RankNetModel> models) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("nothing to average");
        }
        RankNetModel first = models.get(0);
        if (models.size() == 1) {
            return first;
        }
        List<RankNet> all = new ArrayList<>();
        List<Object> trainings = new ArrayList<>();
        for (RankNetModel m : models) {
            if (!m.featureExtractor.equals(first.featureExtractor)) {
                throw new IllegalArgumentException("cannot average a model of \"" + m.featureExtractor
                        + "\" features with one of \"" + first.featureExtractor + "\" features");
            }
            all.addAll(m.members);
            trainings.add(m.training);
        }
        return new RankNetModel(first.featureExtractor, all, Map.of("averageOf", trainings));
    }

    /** The feature extractor whose features this model scores. */
    public String featureExtractor() {
        return featureExtractor;
    }

    /** The input dimension. */
    public int dimension() {
        return members.get(0).dimension();
    }

    /** Layer sizes, input first. */
    public int[] layers() {
        return members.get(0).layers();
    }

    /** The averaged networks. */
    public List<RankNet> members() {
        return members;
    }

    /** How the model was trained (loss, epochs, seed, ...), as written by the trainer. */
    public Map<String, Object> training() {
        return training;
    }

    /**
     * Checks that features of the named extractor and dimension suit this model.
     *
     * @param source names the model in the message (its file), or {@code null}
     * @throws WeightFileException naming both sides when they do not fit
     */
    public void requireFeatures(String extractor, int dimension, Path source) throws WeightFileException {
        if (dimension != dimension()) {
            throw new WeightFileException(source, "The model" + (source == null ? "" : " \"" + source + "\"")
                    + " takes " + dimension() + "-dimensional \"" + featureExtractor + "\" features, but the feature"
                    + " extractor \"" + extractor + "\" gives " + dimension + " values: use the extractor the model"
                    + " was trained on");
        }
        if (!extractor.equals(featureExtractor)) {
            throw new WeightFileException(source, "The model" + (source == null ? "" : " \"" + source + "\"")
                    + " was trained on \"" + featureExtractor + "\" features, not \"" + extractor + "\"");
        }
    }

    /** The mean score over the members, computed in plain Java (a reference; see {@link #scorer()}). */
    public double score(float[] features) {
        double s = 0;
        for (RankNet m : members) {
            s += m.score(features);
        }
        return s / members.size();
    }

    /**
     * A thread-safe scorer running the networks on ND4J in batches (ND4J's native libraries load on the first
     * call to this method, taking a second or more).
     */
    public Scorer scorer() {
        return new RankNetScorer(this);
    }

    @Override
    public String toString() {
        return "RankNetModel[" + featureExtractor + ", layers " + Arrays.toString(layers()) + ", " + members.size()
                + (members.size() == 1 ? " network]" : " networks averaged]");
    }
}
