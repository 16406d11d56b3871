package io.github.video2gif.core.train;

import io.github.video2gif.core.metrics.FrameSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A generator of synthetic "videos" whose GIF-worthiness is known, for controlled experiments (the loss
 * ablation of {@link LossAblation}), tests and benchmarks.
 *
 * <p>A video is a run of equally long segments. Each segment has hidden factors {@code z ~ N(0, I_k)}; its
 * true GIF-worthiness is {@code t = z0 + 0.5 z1 z2} (a non-linear target); its feature vector is
 * {@code x = A z + noise}, with one mixing matrix {@code A} (d x k) for the whole "world", so the signal is
 * spread redundantly over all d dimensions as in a learned feature. Each video also shifts {@code z0} of all its
 * segments by its own offset: worthiness is comparable inside a video but not across videos, the situation
 * that makes the paper prefer video-specific pairs.
 *
 * <p>Each video gets 1 to {@code gifsPerVideo} GIFs, each covering one segment. A clean GIF goes to a worthy
 * segment: the most worthy free one ({@code temperature} 0) or one drawn with probability proportional to
 * {@code exp(t / temperature)}, as people pick good segments but not always the best. With probability
 * {@code outlierRate} a GIF is an outlier instead and covers a segment drawn uniformly. Popularity is higher
 * for clean GIFs ({@code 0.3 + 0.7 u}) than for outliers ({@code 0.7 u}), {@code u} uniform: popularity
 * correlates with label quality, as the adaptive Huber loss assumes.
 */
public final class SyntheticVideos {
    /** The name recorded as the feature extractor of synthetic features. */
    public static final String FEATURE_NAME = "synthetic";

    private SyntheticVideos() {
    }

    /**
     * What to generate.
     *
     * @param videos        number of videos
     * @param dimension     feature dimension d
     * @param latent        hidden factors k ({@code >= 3})
     * @param minSegments   fewest segments per video ({@code >= 2})
     * @param maxSegments   most segments per video
     * @param segmentFrames frames per segment
     * @param gifsPerVideo  most GIFs per video (at least one each, fewer than its segments)
     * @param outlierRate   share of GIFs placed on random segments, in [0, 1]
     * @param videoOffset   standard deviation of the per-video shift of worthiness
     * @param noise         standard deviation of the feature noise
     * @param worldSeed     seeds the mixing matrix: train and test sets of one world must share it
     * @param seed          seeds the videos
     * @param temperature   how a clean GIF's segment is chosen: 0 takes the most worthy free segment, a positive
     *                      value draws one with probability proportional to {@code exp(t / temperature)} (people
     *                      pick good segments, not always the best)
     */
    public record Spec(int videos, int dimension, int latent, int minSegments, int maxSegments, int segmentFrames,
                       int gifsPerVideo, double outlierRate, double videoOffset, double noise, long worldSeed,
                       long seed, double temperature) {
        public Spec {
            if (videos < 1 || dimension < 1 || latent < 3 || minSegments < 2 || maxSegments < minSegments
                    || segmentFrames < 1 || gifsPerVideo < 1 || gifsPerVideo >= minSegments) {
                throw new IllegalArgumentException("bad synthetic video spec: " + this);
            }
            if (!(outlierRate >= 0 && outlierRate <= 1) || !(videoOffset >= 0) || !(noise >= 0)
                    || !(temperature >= 0)) {
                throw new IllegalArgumentException("bad synthetic video spec: " + this);
            }
        }

        /**
         * A middle-sized world: 128-d features from 8 factors under noise of deviation 3, 20 to 40 segments of 30
         * frames, up to 2 GIFs per video chosen at temperature 0.5, per-video offsets of deviation 1.5.
         */
        public static Spec of(int videos, double outlierRate, long worldSeed, long seed) {
            return new Spec(videos, 128, 8, 20, 40, 30, 2, outlierRate, 1.5, 3.0, worldSeed, seed, 0.5);
        }

        public Spec withVideos(int n, long newSeed) {
            return new Spec(n, dimension, latent, minSegments, maxSegments, segmentFrames, gifsPerVideo, outlierRate,
                    videoOffset, noise, worldSeed, newSeed, temperature);
        }

        public Spec withOutlierRate(double rate) {
            return new Spec(videos, dimension, latent, minSegments, maxSegments, segmentFrames, gifsPerVideo, rate,
                    videoOffset, noise, worldSeed, seed, temperature);
        }

        public Spec withDimension(int d) {
            return new Spec(videos, d, latent, minSegments, maxSegments, segmentFrames, gifsPerVideo, outlierRate,
                    videoOffset, noise, worldSeed, seed, temperature);
        }
    }

    /**
     * Generated videos with their truth.
     *
     * @param data        the videos, GIFs and features
     * @param worthiness  per video, the true GIF-worthiness of each segment
     */
    public record Generated(TrainingData data, List<double[]> worthiness) {
        public Generated {
            worthiness = List.copyOf(worthiness);
        }
    }

    /** Generates the videos. */
    public static TrainingData generate(Spec spec) {
        return generateWithTruth(spec).data();
    }

    /** Generates the videos and keeps each segment's true worthiness. */
    public static Generated generateWithTruth(Spec spec) {
        SplittableRandom world = new SplittableRandom(spec.worldSeed());
        int d = spec.dimension();
        int k = spec.latent();
        double[] mix = new double[d * k];
        double sd = 1 / Math.sqrt(k);
        for (int i = 0; i < mix.length; i++) {
            mix[i] = gaussian(world) * sd;
        }
        SplittableRandom r = new SplittableRandom(spec.seed());
        List<TrainingVideo> videos = new ArrayList<>(spec.videos());
        List<double[]> truth = new ArrayList<>(spec.videos());
        for (int v = 0; v < spec.videos(); v++) {
            int n = spec.minSegments() + r.nextInt(spec.maxSegments() - spec.minSegments() + 1);
            double offset = gaussian(r) * spec.videoOffset();
            double[] worth = new double[n];
            List<float[]> features = new ArrayList<>(n);
            List<FrameSpan> segments = new ArrayList<>(n);
            double[] z = new double[k];
            for (int s = 0; s < n; s++) {
                for (int j = 0; j < k; j++) {
                    z[j] = gaussian(r);
                }
                z[0] += offset;
                worth[s] = z[0] + 0.5 * z[1] * z[2];
                float[] x = new float[d];
                for (int i = 0; i < d; i++) {
                    double acc = 0;
                    for (int j = 0; j < k; j++) {
                        acc += mix[i * k + j] * z[j];
                    }
                    x[i] = (float) (acc + gaussian(r) * spec.noise());
                }
                features.add(x);
                segments.add(new FrameSpan(s * spec.segmentFrames(), (s + 1) * spec.segmentFrames()));
            }
            Integer[] order = new Integer[n];
            for (int s = 0; s < n; s++) {
                order[s] = s;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(worth[b], worth[a]));
            int gifs = 1 + r.nextInt(spec.gifsPerVideo());
            boolean[] used = new boolean[n];
            List<TrainingGif> gifList = new ArrayList<>();
            for (int g = 0; g < gifs; g++) {
                int seg;
                double popularity;
                if (r.nextDouble() < spec.outlierRate()) {
                    do {
                        seg = r.nextInt(n);
                    } while (used[seg]);
                    popularity = 0.7 * r.nextDouble();
                } else {
                    seg = chooseClean(order, worth, used, spec.temperature(), r);
                    popularity = 0.3 + 0.7 * r.nextDouble();
                }
                used[seg] = true;
                gifList.add(new TrainingGif(segments.get(seg), popularity));
            }
            videos.add(new TrainingVideo("synthetic-" + spec.seed() + "-" + v, n * spec.segmentFrames(), segments,
                    features, gifList));
            truth.add(worth);
        }
        return new Generated(new TrainingData(FEATURE_NAME, videos), truth);
    }

    private static int chooseClean(Integer[] order, double[] worth, boolean[] used, double temperature,
                                   SplittableRandom r) {
        if (temperature == 0) {
            int rank = 0;
            while (used[order[rank]]) {
                rank++;
            }
            return order[rank];
        }
        double top = worth[order[0]];
        double sum = 0;
        for (int s = 0; s < worth.length; s++) {
            if (!used[s]) {
                sum += StrictMath.exp((worth[s] - top) / temperature);
            }
        }
        double u = r.nextDouble() * sum;
        int last = -1;
        for (int s = 0; s < worth.length; s++) {
            if (!used[s]) {
                last = s;
                u -= StrictMath.exp((worth[s] - top) / temperature);
                if (u < 0) {
                    return s;
                }
            }
        }
        return last;
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller: the same seed gives the same numbers on every JVM
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(1 - u1)) * StrictMath.cos(2 * Math.PI * u2);
    }
}
