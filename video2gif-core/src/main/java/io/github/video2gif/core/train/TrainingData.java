package io.github.video2gif.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A set of training videos whose features come from one feature extractor.
 *
 * @param featureExtractor the extractor's name, recorded in the model (e.g. {@code c3d})
 * @param videos           the videos; all segments share one dimension
 */
public record TrainingData(String featureExtractor, List<TrainingVideo> videos) {
    public TrainingData {
        Objects.requireNonNull(featureExtractor, "featureExtractor");
        videos = List.copyOf(videos);
        int d = 0;
        for (TrainingVideo v : videos) {
            if (v.dimension() != 0) {
                if (d != 0 && v.dimension() != d) {
                    throw new IllegalArgumentException("video \"" + v.id() + "\" has " + v.dimension()
                            + "-dimensional features, the others " + d);
                }
                d = v.dimension();
            }
        }
    }

    /** The feature dimension (0 when no video has segments). */
    public int dimension() {
        for (TrainingVideo v : videos) {
            if (v.dimension() != 0) {
                return v.dimension();
            }
        }
        return 0;
    }

    /**
     * Splits off a random share of the videos (whole videos, never parts) for validation.
     *
     * @param validationShare in [0, 1)
     * @return {@code [training, validation]}
     */
    public List<TrainingData> split(double validationShare, long seed) {
        if (!(validationShare >= 0 && validationShare < 1)) {
            throw new IllegalArgumentException("validation share must be in [0, 1), was " + validationShare);
        }
        List<TrainingVideo> shuffled = new ArrayList<>(videos);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            TrainingVideo t = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, t);
        }
        int nVal = (int) Math.round(validationShare * shuffled.size());
        return List.of(new TrainingData(featureExtractor, shuffled.subList(nVal, shuffled.size())),
                new TrainingData(featureExtractor, shuffled.subList(0, nVal)));
    }
}
