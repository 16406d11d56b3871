package io.github.video2gif.core.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.RankLoss;
import io.github.video2gif.api.spi.NoSuchProviderException;
import io.github.video2gif.api.spi.Providers;
import io.github.video2gif.api.spi.RankLossProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The paper's formulas at hand-picked points, and the providers. */
class RankLossesTest {
    private static final Config NO_ENV = Config.of(Map.of(), k -> null, k -> null);

    @Test
    void valuesFollowThePaper() {
        // u = 1 - pos + neg
        assertThat(new L1RankLoss().loss(0.5, 0, 0)).isEqualTo(0.5);       // u = 0.5
        assertThat(new L2RankLoss().loss(0.5, 0, 0)).isEqualTo(0.25);
        assertThat(new L2RankLoss().loss(-2, 1, 0)).isEqualTo(16.0);       // u = 4
        HuberRankLoss huber = new HuberRankLoss();
        assertThat(huber.loss(0, 0, 0)).isEqualTo(0.5);                    // u = 1 <= 1.5: 0.5 u^2
        assertThat(huber.loss(-2, 1, 0)).isEqualTo(1.5 * 4 - 0.5 * 2.25);  // u = 4 > 1.5: delta u - delta^2/2
        // continuous at u = delta
        assertThat(huber.loss(-0.5, 0, 0)).isCloseTo(0.5 * 2.25, within(1e-15));
        AdaptiveHuberRankLoss adaptive = new AdaptiveHuberRankLoss();
        // p = 1: delta = 2.5, u = 2 is still quadratic; p = 0 it is linear
        assertThat(adaptive.loss(-1, 0, 1.0)).isEqualTo(2.0);
        assertThat(adaptive.loss(-1, 0, 0.0)).isEqualTo(1.5 * 2 - 0.5 * 2.25);
        assertThat(adaptive.loss(-1, 0, 0.0)).isEqualTo(huber.loss(-1, 0, 0.7));
        assertThat(new ClassificationLoss().loss(0.5, -0.5, 0)).isEqualTo(0.5 + 0.5);
        // classification ignores how the two compare: both on the wrong side but well ordered still costs
        assertThat(new ClassificationLoss().loss(5, 4, 0)).isEqualTo(5.0);
        assertThat(new L1RankLoss().loss(5, 4, 0)).isZero();
    }

    @Test
    void huberGradientIsBoundedByDeltaLikeL1AndSmallLikeL2() {
        double[] g = new double[2];
        new HuberRankLoss().gradient(-10, 10, 0, g);
        assertThat(g).containsExactly(-1.5, 1.5);
        new AdaptiveHuberRankLoss().gradient(-10, 10, 0.4, g);
        assertThat(g[1]).isCloseTo(1.9, within(1e-15));
        new HuberRankLoss().gradient(0.9, 0, 0, g); // u = 0.1
        assertThat(g[1]).isCloseTo(0.1, within(1e-15));
        new L1RankLoss().gradient(0.9, 0, 0, g);
        assertThat(g[1]).isEqualTo(1.0);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> new HuberRankLoss(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdaptiveHuberRankLoss(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdaptiveHuberRankLoss().loss(0, 0, 1.5))
                .hasMessageContaining("popularity must be in [0, 1]");
    }

    @Test
    void providersAreFoundWithStableNamesAndTheAdaptiveHuberLossIsTheDefault() throws Exception {
        assertThat(Providers.all(RankLossProvider.KIND)).extracting(RankLossProvider::name)
                .containsExactly("adaptive-huber", "huber", "l2", "l1", "classification");
        var chosen = Providers.select(RankLossProvider.KIND, null, NO_ENV);
        assertThat(chosen.provider().create(NO_ENV)).isInstanceOf(AdaptiveHuberRankLoss.class);
        for (RankLossProvider p : Providers.all(RankLossProvider.KIND)) {
            assertThat(p.probe().available()).isTrue();
            assertThat(p.description()).isNotBlank();
            assertThat(p.create(NO_ENV)).isNotNull();
        }
    }

    @Test
    void settingsReachTheLosses() throws Exception {
        Config c = NO_ENV.with("huber.delta", "0.5");
        RankLoss huber = Providers.select(RankLossProvider.KIND, "huber", c).provider().create(c);
        assertThat(((HuberRankLoss) huber).delta()).isEqualTo(0.5);
        Config bad = NO_ENV.with("adaptive-huber.base", "-1");
        assertThatThrownBy(() -> new AdaptiveHuberRankLossProvider().create(bad))
                .hasMessageContaining("adaptive-huber.base");
        assertThatThrownBy(() -> Providers.select(RankLossProvider.KIND, "l3", NO_ENV))
                .isInstanceOf(NoSuchProviderException.class).hasMessageContaining("adaptive-huber, huber, l2, l1");
    }
}
