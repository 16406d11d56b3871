package io.github.video2gif.core.rank;

import io.github.video2gif.api.RankLoss;
import io.github.video2gif.api.contract.RankLossContract;
import java.util.ArrayList;
import java.util.List;

class ClassificationLossContractTest extends RankLossContract {
    @Override
    protected RankLoss loss() {
        return new ClassificationLoss();
    }

    /** Each score on its own side of its margin. */
    @Override
    protected List<double[]> marginMetPairs() {
        List<double[]> pairs = new ArrayList<>();
        for (double pos = 1; pos < 20; pos += 0.7) {
            for (double neg = -1; neg > -20; neg -= 0.9) {
                pairs.add(new double[] {pos, neg});
            }
        }
        return pairs;
    }
}
