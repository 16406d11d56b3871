package io.github.video2gif.bench;

import io.github.video2gif.api.MeanFeatureTrack;
import io.github.video2gif.core.io.NdArray;
import io.github.video2gif.core.io.NpyReader;
import io.github.video2gif.cuda.GpuC3dNetwork;
import io.github.video2gif.cuda.GpuDevice;
import io.github.video2gif.cuda.GpuMlp;
import io.github.video2gif.cuda.Layout;
import io.github.video2gif.cuda.Precision;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The GPU against the CPU outputs of {@link CudaParityReference}: fp32 within 1e-4, fp16 within 2e-2, bf16 within
 * 6e-2 (largest error over a row / largest value of the row), both layouts, chunked batches; the released shapes
 * with fc6 and MLP scores; the streaming extractor's track. Prints one line per check.
 */
final class CudaParityCheck {
    private CudaParityCheck() {
    }

    static double bound(Precision p) {
        return switch (p) {
            case FP32 -> 1e-4;
            case FP16 -> 2e-2;
            case BF16 -> 6e-2;
        };
    }

    static boolean run(GpuDevice gpu, Path dir) throws Exception {
        boolean ok = true;
        NdArray tiny = NpyReader.readArray(dir.resolve("tiny_fc6.npy"));
        NdArray full = NpyReader.readArray(dir.resolve("full_fc6.npy"));
        NdArray track = NpyReader.readArray(dir.resolve("track.npy"));
        List<Precision> precisions = CudaBenchmark.precisions("all", gpu);
        float[] tinyIn = ParityCases.tinySnippets();
        for (Precision p : precisions) {
            for (Layout l : Layout.values()) {
                try (GpuC3dNetwork net = new GpuC3dNetwork(ParityCases.tinyWeights(), GpuC3dNetwork.Options.of(p)
                        .withLayout(l).withMaxBatch(2).withDevice(gpu.index()))) {
                    ok &= report("small model, 5 snippets in chunks of 2, " + p.key() + " " + l.key(),
                            net.fc6(tinyIn, 5), tiny, bound(p));
                } catch (RuntimeException e) {
                    ok = false;
                    System.out.println("FAIL small model " + p.key() + " " + l.key() + ": " + e);
                    e.printStackTrace(System.out);
                }
            }
        }
        float[] fullIn = ParityCases.fullSnippets();
        List<GpuMlp.Layer> head = CudaBenchmark.randomMlp(3, 4096, 512, 128, 1);
        double[] cpuScores = new double[2];
        for (int i = 0; i < 2; i++) {
            cpuScores[i] = reference(head, row(full, i));
        }
        for (Precision p : precisions) {
            try (GpuC3dNetwork net = new GpuC3dNetwork(ParityCases.fullWeights(), GpuC3dNetwork.Options.of(p)
                    .withDevice(gpu.index()));
                 GpuMlp mlp = new GpuMlp(head, gpu.index(), 16)) {
                float[][] got = net.fc6(fullIn, 2);
                ok &= report("released shapes, 2 snippets, " + p.key() + " " + net.options().layout().key(), got,
                        full, bound(p));
                double[] s = mlp.score(got);
                double worst = 0;
                for (int i = 0; i < 2; i++) {
                    worst = Math.max(worst, Math.abs(s[i] - cpuScores[i]) / Math.abs(cpuScores[i]));
                }
                System.out.printf(Locale.ROOT, "%s released shapes, MLP scores of the GPU fc6 (%s) vs the CPU fc6"
                                + " scored in double: %.6g, %.6g vs %.6g, %.6g: relative error %.3g%n",
                        worst <= bound(p) ? "PASS" : "FAIL", p.key(), s[0], s[1], cpuScores[0], cpuScores[1], worst);
                ok &= worst <= bound(p);
            } catch (RuntimeException e) {
                ok = false;
                System.out.println("FAIL released shapes " + p.key() + ": " + e);
                e.printStackTrace(System.out);
            }
        }
        try (GpuC3dNetwork net = new GpuC3dNetwork(ParityCases.streamWeights(), GpuC3dNetwork.Options.of(
                Precision.FP32).withMaxBatch(4).withDevice(gpu.index()))) {
            MeanFeatureTrack t = ParityCases.stream(net);
            boolean spans = t.units() == track.dim(0);
            float[][] units = new float[t.units()][];
            for (int u = 0; u < t.units() && spans; u++) {
                spans = t.unitStart(u) == (long) track.get(u, 0) && t.unitEnd(u) == (long) track.get(u, 1);
                units[u] = t.unit(u);
            }
            if (!spans) {
                ok = false;
                System.out.println("FAIL streaming extractor: units or spans differ from the CPU's");
            } else {
                float[] flat = new float[track.dim(0) * (track.dim(1) - 2)];
                for (int u = 0; u < track.dim(0); u++) {
                    for (int k = 2; k < track.dim(1); k++) {
                        flat[u * (track.dim(1) - 2) + k - 2] = track.get(u, k);
                    }
                }
                ok &= report("streaming extractor, 45 frames, mirrored, batches of 6 in chunks of 4, fp32", units,
                        new NdArray(new int[] {track.dim(0), track.dim(1) - 2}, flat), 1e-4);
            }
        }
        System.out.println(ok ? "parity: all PASS" : "parity: FAILURES");
        return ok;
    }

    private static float[] row(NdArray a, int r) {
        float[] out = new float[a.dim(1)];
        for (int k = 0; k < out.length; k++) {
            out[k] = a.get(r, k);
        }
        return out;
    }

    private static boolean report(String what, float[][] got, NdArray want, double bound) {
        double worst = 0;
        if (got.length != want.dim(0)) {
            System.out.println("FAIL " + what + ": " + got.length + " rows, expected " + want.dim(0));
            return false;
        }
        for (int i = 0; i < got.length; i++) {
            float[] w = row(want, i);
            double err = 0;
            double max = 0;
            for (int k = 0; k < w.length; k++) {
                err = Math.max(err, Math.abs(got[i][k] - w[k]));
                max = Math.max(max, Math.abs(w[k]));
            }
            worst = Math.max(worst, max == 0 ? err : err / max);
        }
        boolean pass = worst <= bound;
        System.out.printf(Locale.ROOT, "%s %s: worst row error %.3g (bound %.0e)%n", pass ? "PASS" : "FAIL", what,
                worst, bound);
        return pass;
    }

    static double reference(List<GpuMlp.Layer> layers, float[] x) {
        double[] a = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = x[i];
        }
        for (int l = 0; l < layers.size(); l++) {
            GpuMlp.Layer layer = layers.get(l);
            double[] y = new double[layer.outputs()];
            for (int o = 0; o < layer.outputs(); o++) {
                double s = layer.bias()[o];
                for (int i = 0; i < layer.inputs(); i++) {
                    s += a[i] * layer.weights()[i * layer.outputs() + o];
                }
                y[o] = l + 1 < layers.size() ? Math.max(0, s) : s;
            }
            a = y;
        }
        return a[0];
    }
}
