package io.github.video2gif.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.video2gif.api.Segment;
import io.github.video2gif.api.VideoNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCacheTest {
    @TempDir
    Path dir;

    private static AnalyzedVideo analysis(float v) {
        return new AnalyzedVideo("cues", 300, 29.97,
                List.of(new Segment(0, 150, 0, 5.005), new Segment(150, 300, 5.005, 10.01)),
                List.of(new float[] {v, 2, 3}, new float[] {4, 5, v}));
    }

    @Test
    void analysesOnceAndThenReadsTheCache() throws Exception {
        Path video = Files.writeString(dir.resolve("v.mp4"), "not really a video");
        FeatureCache cache = new FeatureCache(dir.resolve("cache"));
        AtomicInteger calls = new AtomicInteger();
        VideoAnalyzer analyzer = cache.cached("cues/uniform-5s", p -> {
            calls.incrementAndGet();
            return analysis(1);
        });
        AnalyzedVideo first = analyzer.analyze(video);
        AnalyzedVideo second = analyzer.analyze(video);
        assertThat(calls).hasValue(1);
        assertThat(second.frames()).isEqualTo(300);
        assertThat(second.fps()).isEqualTo(29.97);
        assertThat(second.segments()).isEqualTo(first.segments());
        assertThat(second.features().get(1)).containsExactly(4, 5, 1);
        assertThat(second.featureExtractor()).isEqualTo("cues");
        // another analysis key misses
        cache.cached("c3d/uniform-5s", p -> {
            calls.incrementAndGet();
            return analysis(2);
        }).analyze(video);
        assertThat(calls).hasValue(2);
    }

    @Test
    void aChangedVideoMisses() throws Exception {
        Path video = Files.writeString(dir.resolve("v.mp4"), "version 1");
        FeatureCache cache = new FeatureCache(dir.resolve("cache"));
        cache.put(video, "cues", analysis(1));
        assertThat(cache.get(video, "cues")).isPresent();
        Files.setLastModifiedTime(video, FileTime.fromMillis(Files.getLastModifiedTime(video).toMillis() + 5000));
        assertThat(cache.get(video, "cues")).isEmpty();
        cache.put(video, "cues", analysis(1));
        Files.writeString(video, "version 2, longer");
        assertThat(cache.get(video, "cues")).isEmpty();
    }

    @Test
    void damagedEntriesAreIgnoredNotTrusted() throws Exception {
        Path video = Files.writeString(dir.resolve("v.mp4"), "x");
        FeatureCache cache = new FeatureCache(dir.resolve("cache"));
        cache.put(video, "cues", analysis(1));
        Path entry = cache.entryFile(video, "cues");
        byte[] good = Files.readAllBytes(entry);
        for (int i = 0; i < good.length; i += 7) {
            byte[] bad = good.clone();
            bad[i] ^= 0x10;
            Files.write(entry, bad);
            assertThat(cache.get(video, "cues")).as("byte %d flipped", i).isEmpty();
        }
        Files.write(entry, java.util.Arrays.copyOf(good, good.length / 2));
        assertThat(cache.get(video, "cues")).isEmpty();
        // the next computation replaces it
        AnalyzedVideo a = cache.getOrCompute(video, "cues", p -> analysis(9));
        assertThat(cache.get(video, "cues")).isPresent();
        assertThat(a.features().get(0)[0]).isEqualTo(9f);
    }

    @Test
    void aMissingVideoIsNamed() {
        FeatureCache cache = new FeatureCache(dir.resolve("cache"));
        assertThatThrownBy(() -> cache.get(dir.resolve("gone.mp4"), "cues")).isInstanceOf(VideoNotFoundException.class)
                .hasMessageContaining("gone.mp4");
    }
}
