package io.github.video2gif.core.rank;

import io.github.video2gif.api.RankLoss;
import io.github.video2gif.api.contract.RankLossContract;

class L1RankLossContractTest extends RankLossContract {
    @Override
    protected RankLoss loss() {
        return new L1RankLoss();
    }
}
