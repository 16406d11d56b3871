package io.github.video2gif.core.rank;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.Scorer;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.WeightFileException;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.ScorerProvider;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Provides the RankNet {@link Scorer} as {@code ranknet}. It needs a model file, named by the setting
 * {@value #MODEL_KEY} (system property {@code video2gif.model}, environment variable {@code VIDEO2GIF_MODEL},
 * or {@code Video2Gif.builder().model(path)}); several files separated by the platform's path separator
 * ({@code :} on Linux) are averaged. Without a model it reports itself unavailable, and its low priority keeps
 * the weights-free default scorer first unless a model is asked for.
 *
 * <p>Nothing of ND4J is loaded by this class: the native library starts in {@link #create(Config)}.
 */
public final class RankNetScorerProvider implements ScorerProvider {
    /** The setting that names the model file(s). */
    public static final String MODEL_KEY = "model";
    /** Below the weights-free default scorer. */
    public static final int PRIORITY = 10;

    @Override
    public String name() {
        return "ranknet";
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public String description() {
        return "Robust Deep RankNet MLP (Gygli et al. 2016) from a trained model file (setting \"model\")";
    }

    /** Available when the setting {@code model} names existing files (looked up in properties/environment). */
    @Override
    public Availability probe() {
        return probe(Config.defaults());
    }

    /** Like {@link #probe()} for the given settings. */
    public Availability probe(Config config) {
        try {
            Optional<String> value = config.string(MODEL_KEY);
            if (value.isEmpty()) {
                return Availability.no("it needs a model file: set \"" + MODEL_KEY + "\" (system property "
                        + Config.propertyName(MODEL_KEY) + ", environment variable " + Config.environmentName(MODEL_KEY)
                        + ", or Video2Gif.builder().model(path))");
            }
            for (Path p : paths(value.get())) {
                if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                    return Availability.no("the model file \"" + p + "\" does not exist or cannot be read");
                }
            }
            return Availability.yes();
        } catch (RuntimeException e) {
            return Availability.no("bad model setting: " + e.getMessage());
        }
    }

    /**
     * Loads the model file(s) named by {@code model} and returns their scorer.
     *
     * @throws WeightFileException      when a model file is missing or damaged
     * @throws IllegalArgumentException when no model is set
     */
    @Override
    public Scorer create(Config config) throws Video2GifException {
        String value = config.string(MODEL_KEY).orElseThrow(() -> new IllegalArgumentException(
                "The ranknet scorer needs a model file: set \"" + MODEL_KEY + "\" (system property "
                        + Config.propertyName(MODEL_KEY) + ") or use Video2Gif.builder().model(path)"));
        List<RankNetModel> models = new ArrayList<>();
        for (Path p : paths(value)) {
            models.add(RankNetModel.load(p));
        }
        try {
            return RankNetModel.average(models).scorer();
        } catch (IllegalArgumentException e) {
            throw new WeightFileException(Path.of(value.split(File.pathSeparator)[0]),
                    "Cannot average the models \"" + value + "\": " + e.getMessage());
        }
    }

    private static List<Path> paths(String value) {
        List<Path> out = new ArrayList<>();
        for (String s : value.split(File.pathSeparator)) {
            if (!s.isBlank()) {
                try {
                    out.add(Path.of(s.trim()));
                } catch (InvalidPathException e) {
                    throw new IllegalArgumentException("bad model path \"" + s + "\": " + e.getMessage(), e);
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the setting \"" + MODEL_KEY + "\" names no file");
        }
        return out;
    }
}
