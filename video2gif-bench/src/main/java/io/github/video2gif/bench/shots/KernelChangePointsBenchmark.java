package io.github.video2gif.bench.shots;

import io.github.video2gif.api.Segmentation;
import io.github.video2gif.api.Segmenter;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import io.github.video2gif.core.segment.CandidateWindows;
import io.github.video2gif.core.segment.FrameSignature;
import io.github.video2gif.core.segment.KernelChangePointSegmenter;
import io.github.video2gif.core.segment.KernelChangePoints;
import io.github.video2gif.core.synthetic.SyntheticVideo;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The change-point step of the shot segmenter: kernel temporal segmentation of one analysis window (the
 * segment-cost table and the penalised dynamic programme, {@link KernelChangePoints#detect}) on the Gaussian
 * kernel matrix of real frame signatures of a generated video (cuts, fades, dissolves, wipes, motion), for the
 * window lengths the segmenter uses (250 frames: 10 s at 25 fps; 500: 10 s at 50 fps; 1000: the largest), and,
 * for scale, the whole streaming segmenter per frame at the 160x90 analysis size.
 *
 * <pre>
 * java -jar video2gif-bench/target/benchmarks.jar KernelChangePointsBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KernelChangePointsBenchmark {
    /** One window's kernel matrix. */
    @State(Scope.Benchmark)
    public static class Window {
        @Param({"250", "500", "1000"})
        public int frames;
        float[] gram;
        KernelChangePoints kts;

        @Setup(Level.Trial)
        public void setUp() {
            SyntheticVideo v = SyntheticVideo.randomMixed(5, frames / 25.0 + 1, 160, 90, 25);
            FrameSignature sig = new FrameSignature();
            float[][] x = new float[frames][];
            for (int i = 0; i < frames; i++) {
                x[i] = sig.compute(v.frame(i)).feature().clone();
            }
            double bandwidth = KernelChangePointSegmenter.Settings.DEFAULT.bandwidth();
            gram = new float[frames * frames];
            for (int i = 0; i < frames; i++) {
                for (int j = 0; j < frames; j++) {
                    gram[i * frames + j] = (float) Math.exp(-FrameSignature.squaredDistance(x[i], x[j]) / bandwidth);
                }
            }
            // as the segmenter sets it up: at most a quarter of the window as change points, patience 8
            kts = new KernelChangePoints(frames, frames / 4, KernelChangePointSegmenter.Settings.DEFAULT.beta(), 8);
        }
    }

    @Benchmark
    public int[] changePointsOfOneWindow(Window w) {
        return w.kts.detect(w.gram, w.frames, w.frames);
    }

    /** Pre-rendered frames for the whole segmenter. */
    @State(Scope.Benchmark)
    public static class Frames {
        VideoFrame[] frames;

        @Setup(Level.Trial)
        public void setUp() {
            SyntheticVideo v = SyntheticVideo.randomMixed(9, 60, 160, 90, 25);
            frames = new VideoFrame[v.frameCount()];
            for (int i = 0; i < frames.length; i++) {
                frames[i] = v.frame(i);
            }
        }
    }

    /** The whole streaming segmenter on one minute of video (1500 frames); divide by 1500 for a frame. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Segmentation segmenterOnOneMinute(Frames f) throws Exception {
        Segmenter s = new KernelChangePointSegmenter(CandidateWindows.DEFAULT);
        Segmenter.Session session = s.start(new VideoInfo(Path.of("bench"), 60, 25, f.frames.length, 160, 90, 0,
                "synthetic"));
        for (VideoFrame frame : f.frames) {
            session.accept(frame);
        }
        return session.finish();
    }
}
