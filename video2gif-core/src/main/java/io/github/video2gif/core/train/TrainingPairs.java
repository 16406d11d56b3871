package io.github.video2gif.core.train;

import io.github.video2gif.core.metrics.FrameSpan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The training pairs {@code (s+, s-)} of the paper: a segment is <em>positive</em> when more than
 * {@code overlap} (paper: 66 %) of its frames lie inside one GIF, <em>negative</em> when none of its frames lie
 * in any GIF, and unused otherwise. Per video, {@code k} (paper: 4) negatives are drawn at random and combined
 * exhaustively with all its positives; a pair carries the popularity of the positive's GIF (the GIF it overlaps
 * most). In {@link PairMode#VIDEO_AGNOSTIC} mode the {@code k} negatives are drawn from the whole set instead.
 *
 * <p>Segments are referred to by rows of a table of the segments that take part in some pair
 * ({@link #video(int)}, {@link #segment(int)}), so that the trainer copies only those features.
 */
public final class TrainingPairs {
    private final int[] videoOf;
    private final int[] segmentOf;
    private final int[] positive;
    private final int[] negative;
    private final float[] popularity;
    private final int positiveSegments;
    private final int negativeSegments;

    private TrainingPairs(int[] videoOf, int[] segmentOf, int[] positive, int[] negative, float[] popularity,
                          int positiveSegments, int negativeSegments) {
        this.videoOf = videoOf;
        this.segmentOf = segmentOf;
        this.positive = positive;
        this.negative = negative;
        this.popularity = popularity;
        this.positiveSegments = positiveSegments;
        this.negativeSegments = negativeSegments;
    }

    /** Share of a segment that must lie in a GIF for it to be positive, the paper's 66 %. */
    public static final double PAPER_OVERLAP = 0.66;
    /** Negatives drawn per video, the paper's k = 4. */
    public static final int PAPER_NEGATIVES = 4;

    /**
     * The GIF a segment is a positive of: the GIF holding the largest share of it, if that share is above
     * {@code overlap}; else {@code -1}.
     */
    public static int positiveGif(FrameSpan segment, List<TrainingGif> gifs, double overlap) {
        int best = -1;
        double bestShare = overlap;
        for (int g = 0; g < gifs.size(); g++) {
            FrameSpan gif = gifs.get(g).frames();
            long shared = Math.max(0, Math.min(segment.end(), gif.end()) - Math.max(segment.start(), gif.start()));
            double share = (double) shared / segment.length();
            if (share > bestShare || (share == bestShare && best >= 0
                    && gifs.get(g).popularity() > gifs.get(best).popularity())) {
                best = g;
                bestShare = share;
            }
        }
        return best;
    }

    /** Whether a segment shares no frame with any GIF. */
    public static boolean isNegative(FrameSpan segment, List<TrainingGif> gifs) {
        for (TrainingGif g : gifs) {
            if (segment.start() < g.frames().end() && g.frames().start() < segment.end()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Draws the pairs.
     *
     * @param overlap   share of a segment inside a GIF that makes it positive, in (0, 1)
     * @param negatives negatives drawn per video ({@code k}), {@code >= 1}
     * @param seed      the same seed draws the same pairs
     */
    public static TrainingPairs sample(List<TrainingVideo> videos, double overlap, int negatives, PairMode mode,
                                       long seed) {
        if (!(overlap > 0 && overlap < 1)) {
            throw new IllegalArgumentException("overlap must be in (0, 1), was " + overlap);
        }
        if (negatives < 1) {
            throw new IllegalArgumentException("negatives per video must be >= 1, was " + negatives);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> pos = new ArrayList<>();       // per video: positive segment indices
        List<float[]> posPop = new ArrayList<>();  // per video: their popularity
        List<int[]> neg = new ArrayList<>();       // per video: negative segment indices
        List<long[]> globalNeg = new ArrayList<>();
        for (int v = 0; v < videos.size(); v++) {
            TrainingVideo video = videos.get(v);
            List<Integer> p = new ArrayList<>();
            List<Float> pp = new ArrayList<>();
            List<Integer> n = new ArrayList<>();
            for (int s = 0; s < video.segments().size(); s++) {
                FrameSpan seg = video.segments().get(s);
                int g = positiveGif(seg, video.gifs(), overlap);
                if (g >= 0) {
                    p.add(s);
                    pp.add((float) video.gifs().get(g).popularity());
                } else if (isNegative(seg, video.gifs())) {
                    n.add(s);
                    globalNeg.add(new long[] {v, s});
                }
            }
            pos.add(p.stream().mapToInt(Integer::intValue).toArray());
            float[] ppa = new float[pp.size()];
            for (int i = 0; i < ppa.length; i++) {
                ppa[i] = pp.get(i);
            }
            posPop.add(ppa);
            neg.add(n.stream().mapToInt(Integer::intValue).toArray());
        }
        Map<Long, Integer> rows = new HashMap<>();
        List<int[]> table = new ArrayList<>();
        List<int[]> pairs = new ArrayList<>();
        List<Float> pops = new ArrayList<>();
        int positiveSegments = 0;
        for (int v = 0; v < videos.size(); v++) {
            int[] p = pos.get(v);
            if (p.length == 0) {
                continue;
            }
            long[][] chosen;
            if (mode == PairMode.VIDEO_SPECIFIC) {
                int[] n = neg.get(v).clone();
                int take = Math.min(negatives, n.length);
                partialShuffle(n, take, random);
                chosen = new long[take][];
                for (int i = 0; i < take; i++) {
                    chosen[i] = new long[] {v, n[i]};
                }
            } else {
                int take = Math.min(negatives, globalNeg.size());
                int[] idx = sampleDistinct(globalNeg.size(), take, random);
                chosen = new long[take][];
                for (int i = 0; i < take; i++) {
                    chosen[i] = globalNeg.get(idx[i]);
                }
            }
            if (chosen.length == 0) {
                continue;
            }
            positiveSegments += p.length;
            for (int i = 0; i < p.length; i++) {
                int pr = row(rows, table, v, p[i]);
                for (long[] c : chosen) {
                    int nr = row(rows, table, (int) c[0], (int) c[1]);
                    pairs.add(new int[] {pr, nr});
                    pops.add(posPop.get(v)[i]);
                }
            }
        }
        int[] videoOf = new int[table.size()];
        int[] segmentOf = new int[table.size()];
        for (int i = 0; i < table.size(); i++) {
            videoOf[i] = table.get(i)[0];
            segmentOf[i] = table.get(i)[1];
        }
        int[] a = new int[pairs.size()];
        int[] b = new int[pairs.size()];
        float[] pop = new float[pairs.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = pairs.get(i)[0];
            b[i] = pairs.get(i)[1];
            pop[i] = pops.get(i);
        }
        return new TrainingPairs(videoOf, segmentOf, a, b, pop, positiveSegments, table.size() - positiveSegments);
    }

    private static int row(Map<Long, Integer> rows, List<int[]> table, int video, int segment) {
        long key = ((long) video << 32) | (segment & 0xffffffffL);
        Integer r = rows.get(key);
        if (r == null) {
            r = table.size();
            rows.put(key, r);
            table.add(new int[] {video, segment});
        }
        return r;
    }

    /** Moves a uniform random sample of {@code take} elements to the front (Fisher-Yates, partial). */
    private static void partialShuffle(int[] a, int take, SplittableRandom r) {
        for (int i = 0; i < take; i++) {
            int j = i + r.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** {@code take} distinct uniform indices below {@code n} (take is small: rejection is cheap). */
    private static int[] sampleDistinct(int n, int take, SplittableRandom r) {
        if (take * 2L > n) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            partialShuffle(all, take, r);
            return Arrays.copyOf(all, take);
        }
        int[] out = new int[take];
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < take; ) {
            int c = r.nextInt(n);
            if (seen.add(c)) {
                out[i++] = c;
            }
        }
        return out;
    }

    /** Number of pairs. */
    public int size() {
        return positive.length;
    }

    /** Number of segments taking part (table rows). */
    public int rows() {
        return videoOf.length;
    }

    /** Positive segments taking part. */
    public int positiveSegments() {
        return positiveSegments;
    }

    /** Negative segments taking part. */
    public int negativeSegments() {
        return negativeSegments;
    }

    /** The video of table row {@code row}. */
    public int video(int row) {
        return videoOf[row];
    }

    /** The segment (index in its video) of table row {@code row}. */
    public int segment(int row) {
        return segmentOf[row];
    }

    /** Table row of pair {@code i}'s positive. */
    public int positive(int i) {
        return positive[i];
    }

    /** Table row of pair {@code i}'s negative. */
    public int negative(int i) {
        return negative[i];
    }

    /** The popularity of pair {@code i}'s GIF. */
    public float popularity(int i) {
        return popularity[i];
    }

    @Override
    public String toString() {
        return size() + " pairs of " + positiveSegments + " positive and " + negativeSegments + " negative segments";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingPairs p && Arrays.equals(positive, p.positive) && Arrays.equals(negative, p.negative)
                && Arrays.equals(videoOf, p.videoOf) && Arrays.equals(segmentOf, p.segmentOf)
                && Arrays.equals(popularity, p.popularity);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(positive) * 31 + Arrays.hashCode(negative);
    }
}
