package io.github.video2gif.bench;

import io.github.video2gif.core.c3d.C3dNetwork;
import io.github.video2gif.core.io.NpyWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the CPU's outputs for {@link ParityCases} (C3D on ND4J), so that a GPU machine without ND4J can check the
 * GPU against them ({@code CudaBenchmark parity DIR}): {@code tiny_fc6.npy}, {@code full_fc6.npy},
 * {@code track.npy} (per unit: start, end, then the mirrored-mean fc6); and the CPU's training results of
 * {@link TrainingParity} ({@code train_*.npy}, {@code train_reference.properties}).
 */
public final class CudaParityReference {
    private CudaParityReference() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/cuda-parity");
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        NpyWriter.write(dir.resolve("tiny_fc6.npy"), ParityCases.rows(new C3dNetwork(ParityCases.tinyWeights())
                .fc6(ParityCases.tinySnippets(), 5)));
        NpyWriter.write(dir.resolve("track.npy"), ParityCases.track(ParityCases.stream(
                new C3dNetwork(ParityCases.streamWeights()))));
        System.out.printf(Locale.ROOT, "tiny model and stream: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        NpyWriter.write(dir.resolve("full_fc6.npy"), ParityCases.rows(new C3dNetwork(ParityCases.fullWeights())
                .fc6(ParityCases.fullSnippets(), 2)));
        System.out.printf(Locale.ROOT, "released shapes, 2 snippets: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        TrainingParity.writeReference(dir);
        System.out.println("written to " + dir);
    }
}
