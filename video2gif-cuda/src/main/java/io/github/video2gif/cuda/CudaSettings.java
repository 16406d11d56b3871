package io.github.video2gif.cuda;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.spi.Availability;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The settings of the GPU backend, read in one place (builder option, {@code video2gif.*} system property or
 * {@code VIDEO2GIF_*} environment variable):
 * <ul>
 *   <li>{@code cuda.device}: CUDA device index, default 0;</li>
 *   <li>{@code cuda.precision}: {@code fp32} (default), {@code fp16} or {@code bf16};</li>
 *   <li>{@code cuda.layout}: {@code ncdhw} or {@code ndhwc}; default channels first for fp32, channels last for
 *       fp16/bf16;</li>
 *   <li>{@code cuda.batch}: snippets (counting mirrors) per forward pass, 1 to 256, default 32; the card's
 *       memory may make the GPU run them in smaller chunks;</li>
 *   <li>{@code cuda.memory-fraction}: share of the card's free memory the activations may take, default 0.8;</li>
 *   <li>{@code cuda.workspace-mb}: most cuDNN workspace per convolution, default 1024;</li>
 *   <li>{@code c3d.weights}, {@code c3d.mean}, {@code c3d.stride}, {@code c3d.mirror}, {@code c3d.resize}: as
 *       for the CPU {@code c3d} extractor;</li>
 *   <li>{@code c3d.head}: the authors' {@code video2gif_weights.npz}, for the {@code cuda} scorer;</li>
 *   <li>{@code cuda.train-table}: where GPU training keeps the feature table: {@code auto} (default: on the GPU
 *       when it takes at most half the free memory), {@code device} or {@code host}.</li>
 * </ul>
 */
public final class CudaSettings {
    /** Path of c3d_model.pkl (the same key as the CPU extractor's). */
    public static final String WEIGHTS_KEY = "c3d.weights";
    /** Path of snipplet_mean.npy. */
    public static final String MEAN_KEY = "c3d.mean";
    /** Path of video2gif_weights.npz, the scoring MLP. */
    public static final String HEAD_KEY = "c3d.head";

    private CudaSettings() {
    }

    /** The device index setting. */
    public static int device(Config config) {
        return config.integer("cuda.device", 0, 0, 1023);
    }

    /** The {@link GpuC3dNetwork} options the settings describe. */
    public static GpuC3dNetwork.Options networkOptions(Config config) {
        Precision precision = Precision.parse(config.string("cuda.precision", "fp32"));
        Optional<String> layout = config.string("cuda.layout");
        Layout l = layout.isPresent() ? Layout.parse(layout.get()) : Layout.defaultFor(precision);
        int batch = config.integer("cuda.batch", 32, 1, 256);
        double fraction = config.number("cuda.memory-fraction", 0.8, 0.05, 0.95);
        long workspace = (long) config.integer("cuda.workspace-mb", 1024, 0, 1 << 20) << 20;
        return new GpuC3dNetwork.Options(device(config), precision, l, batch, fraction, workspace);
    }

    /** Where GPU training keeps the feature table ({@code cuda.train-table}). */
    public static GpuRankNetSgd.TableMode trainingTable(Config config) {
        return GpuRankNetSgd.TableMode.parse(config.string("cuda.train-table", "auto"));
    }

    /**
     * A provider's probe: the settings first (readable files for each key: cheap), then the GPU ({@link CudaProbe},
     * remembered). Never throws.
     */
    static Availability filesThenGpu(Config config, String what, String... keys) {
        try {
            Availability files = files(config, what, keys);
            return files.available() ? CudaProbe.availability(device(config)) : files;
        } catch (RuntimeException e) {
            return Availability.no("cannot read the cuda settings: " + e.getMessage());
        }
    }

    /** Whether the settings name readable files for each key; the first problem otherwise. */
    static Availability files(Config config, String what, String... keys) {
        for (String key : keys) {
            Optional<String> v = config.string(key);
            if (v.isEmpty()) {
                StringBuilder b = new StringBuilder("needs ").append(what).append(": set");
                for (int i = 0; i < keys.length; i++) {
                    b.append(i == 0 ? " " : " and ").append(Config.propertyName(keys[i]));
                }
                b.append(" (or");
                for (int i = 0; i < keys.length; i++) {
                    b.append(i == 0 ? " " : " and ").append(Config.environmentName(keys[i]));
                }
                return Availability.no(b.append(')').toString());
            }
            try {
                if (!Files.isReadable(Path.of(v.get()))) {
                    return Availability.no(key + " names \"" + v.get() + "\", which is not a readable file");
                }
            } catch (InvalidPathException e) {
                return Availability.no(key + " is not a valid path: \"" + v.get() + "\"");
            }
        }
        return Availability.yes();
    }

    /** A path setting that must be present. */
    static Path path(Config config, String key, String who) {
        String v = config.string(key).orElseThrow(() -> new IllegalArgumentException(who + " needs " + key + " ("
                + Config.propertyName(key) + " or " + Config.environmentName(key) + ")"));
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(key + " is not a valid path: \"" + v + "\"", e);
        }
    }
}
