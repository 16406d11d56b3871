package io.github.video2gif.core.train;

import io.github.video2gif.core.rank.RankNet;
import org.nd4j.linalg.api.buffer.DataType;

/** Training on the CPU: a {@link RankNetSgd} in single precision per network. */
final class Nd4jTrainingBackend implements TrainingBackend {
    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String description() {
        return "ND4J on the CPU (" + Runtime.getRuntime().availableProcessors() + " processors)";
    }

    @Override
    public RankNetStep network(RankNet init, float[] table, double inputDropout, double hiddenDropout) {
        return new RankNetSgd(init, table, inputDropout, hiddenDropout, DataType.FLOAT);
    }
}
