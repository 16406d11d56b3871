package io.github.video2gif.core.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.Scorer;
import io.github.video2gif.api.WeightFileException;
import io.github.video2gif.api.spi.Providers;
import io.github.video2gif.api.spi.ProviderUnavailableException;
import io.github.video2gif.api.spi.ScorerProvider;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RankNetScorerTest {
    private static final Config NO_ENV = Config.of(Map.of(), k -> null, k -> null);

    @TempDir
    Path dir;

    private static float[][] rows(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[n][d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) r.nextDouble(-3, 3);
            }
        }
        return x;
    }

    @Test
    void batchedNd4jScoresMatchThePlainJavaReference() {
        RankNetModel model = RankNetModelFileTest.smallModel(3, true);
        Scorer scorer = model.scorer();
        assertThat(scorer.dimension()).isEqualTo(7);
        assertThat(scorer.featureExtractor()).contains("test-features");
        float[][] x = rows(RankNetScorer.BATCH * 2 + 37, 7, 5); // several batches and a partial one
        double[] s = scorer.score(x);
        for (int i = 0; i < x.length; i++) {
            assertThat(s[i]).as("row %d", i).isCloseTo(model.score(x[i]), within(1e-4 * (1 + Math.abs(s[i]))));
        }
        assertThat(scorer.score(new float[0][])).isEmpty();
    }

    @Test
    void thePaperSizedNetworkScoresLikeTheReference() {
        RankNet net = RankNet.initialise(RankNet.paperLayers(4096), null, 9);
        RankNetModel model = new RankNetModel("c3d", java.util.List.of(net), Map.of());
        float[][] x = rows(20, 4096, 6);
        double[] s = model.scorer().score(x);
        for (int i = 0; i < x.length; i++) {
            assertThat(s[i]).isCloseTo(net.score(x[i]), within(1e-3 * (1 + Math.abs(s[i]))));
        }
    }

    @Test
    void wrongInputIsACallerMistake() {
        Scorer scorer = RankNetModelFileTest.smallModel(1, false).scorer();
        assertThatThrownBy(() -> scorer.score(new float[][] {new float[6]})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 6 values; the RankNet model takes 7 (\"test-features\" features)");
        float[] nan = new float[7];
        nan[3] = Float.NaN;
        assertThatThrownBy(() -> scorer.score(new float[][] {new float[7], nan})).hasMessageContaining("vector 1 holds NaN at 3");
    }

    @Test
    void theProviderNeedsAModel() throws Exception {
        RankNetScorerProvider p = new RankNetScorerProvider();
        assertThat(p.name()).isEqualTo("ranknet");
        assertThat(p.probe(NO_ENV).available()).isFalse();
        assertThat(p.probe(NO_ENV).reason()).contains("needs a model file").contains("video2gif.model");
        assertThatThrownBy(() -> p.create(NO_ENV)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a model file");
        Config missing = NO_ENV.with("model", dir.resolve("none.v2g").toString());
        assertThat(p.probe(missing).reason()).contains("does not exist");
        assertThatThrownBy(() -> p.create(missing)).isInstanceOf(WeightFileException.class);
        // automatic selection never picks it without a model, and an explicit request says why
        assertThatThrownBy(() -> Providers.select(ScorerProvider.KIND,
                java.util.List.<ScorerProvider>of(p), "ranknet", NO_ENV))
                .isInstanceOf(ProviderUnavailableException.class);
    }

    @Test
    void theProviderLoadsAndAveragesModelFiles() throws Exception {
        RankNetModel a = RankNetModelFileTest.smallModel(1, false);
        RankNetModel b = RankNetModelFileTest.smallModel(2, true);
        Path fa = dir.resolve("a.v2g");
        Path fb = dir.resolve("b.v2g");
        a.save(fa);
        b.save(fb);
        RankNetScorerProvider p = new RankNetScorerProvider();
        Config one = NO_ENV.with("model", fa.toString());
        assertThat(p.probe(one).available()).isTrue();
        float[][] x = rows(5, 7, 8);
        double[] s1 = p.create(one).score(x);
        double[] s2 = p.create(NO_ENV.with("model", fa + File.pathSeparator + fb)).score(x);
        for (int i = 0; i < x.length; i++) {
            assertThat(s1[i]).isCloseTo(a.score(x[i]), within(1e-5));
            assertThat(s2[i]).isCloseTo((a.score(x[i]) + 2 * b.score(x[i])) / 3, within(1e-5));
        }
        assertThat(p.priority()).isLessThan(100);
    }
}
