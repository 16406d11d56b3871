package io.github.video2gif.core.c3d;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.FeatureExtractor;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.FeatureExtractorProvider;
import io.github.video2gif.api.spi.ProviderUnavailableException;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code c3d} feature extractor: C3D fc6 features from the authors' released weights. Settings (builder,
 * {@code video2gif.*} system property, or {@code VIDEO2GIF_*} environment variable):
 * <ul>
 *   <li>{@code c3d.weights}: path of {@code c3d_model.pkl} (required);</li>
 *   <li>{@code c3d.mean}: path of {@code snipplet_mean.npy} (required);</li>
 *   <li>{@code c3d.stride}: frames between snippets, default 8;</li>
 *   <li>{@code c3d.batch}: snippets per forward pass, default 4;</li>
 *   <li>{@code c3d.mirror}: also run mirrored snippets and average, default false (the release: true);</li>
 *   <li>{@code c3d.resize}: {@code decoder} (frames arrive at 171 x 128 from the decoder, default) or
 *       {@code release} (original frames, resized here with the release's bilinear interpolation);</li>
 *   <li>{@code c3d.overlap}: run each batch's forward pass while the next is prepared, default true.</li>
 * </ul>
 * Probing only looks at the settings and the files' existence; ND4J loads in {@link #create(Config)}.
 */
public final class C3dFeatureExtractorProvider implements FeatureExtractorProvider {
    /** Setting with the path of c3d_model.pkl. */
    public static final String WEIGHTS_KEY = "c3d.weights";
    /** Setting with the path of snipplet_mean.npy. */
    public static final String MEAN_KEY = "c3d.mean";

    @Override
    public String name() {
        return "c3d";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public String description() {
        return "C3D fc6 features (4096-d) from the authors' c3d_model.pkl, on the CPU with ND4J";
    }

    @Override
    public Availability probe() {
        try {
            return probe(Config.defaults());
        } catch (RuntimeException e) {
            return Availability.no("cannot read the c3d settings: " + e.getMessage());
        }
    }

    static Availability probe(Config config) {
        for (String key : new String[] {WEIGHTS_KEY, MEAN_KEY}) {
            Optional<String> v = config.string(key);
            if (v.isEmpty()) {
                return Availability.no("needs the released C3D files: set " + Config.propertyName(WEIGHTS_KEY)
                        + " (c3d_model.pkl) and " + Config.propertyName(MEAN_KEY) + " (snipplet_mean.npy), or "
                        + Config.environmentName(WEIGHTS_KEY) + " and " + Config.environmentName(MEAN_KEY));
            }
            try {
                Path p = Path.of(v.get());
                if (!Files.isReadable(p)) {
                    return Availability.no(key + " names \"" + v.get() + "\", which is not a readable file");
                }
            } catch (InvalidPathException e) {
                return Availability.no(key + " is not a valid path: \"" + v.get() + "\"");
            }
        }
        return Availability.yes();
    }

    @Override
    public FeatureExtractor create(Config config) throws Video2GifException {
        Path weights = path(config, WEIGHTS_KEY);
        Path mean = path(config, MEAN_KEY);
        C3dFeatureExtractor.Options options = C3dFeatureExtractor.Options.fromConfig(config, 4);
        try {
            return PaperModel.loadFeatureExtractor(weights, mean, options);
        } catch (LinkageError e) {
            ProviderUnavailableException x = new ProviderUnavailableException("ND4J's native library (nd4j-native,"
                    + " linux-x86_64-onednn-avx2) cannot load here, so C3D cannot run: " + e);
            x.initCause(e);
            throw x;
        }
    }

    private static Path path(Config config, String key) {
        String v = config.string(key).orElseThrow(() -> new IllegalArgumentException("the c3d feature extractor"
                + " needs " + key + " (" + Config.propertyName(key) + " or " + Config.environmentName(key) + ")"));
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(key + " is not a valid path: \"" + v + "\"", e);
        }
    }
}
