package io.github.video2gif.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.video2gif.core.metrics.FrameSpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Video2GifDatasetTest {
    private static final String HEADER = String.join(";\t", "youtube_id", "is_creative_commons", "gif_id", "gif_url",
            "gif_start_frame", "gif_end_frame", "gif_start_sec", "gif_end_sec", "gif_title", "gif_views", "gif_age",
            "video_title", "video_views", "video_publish_date", "video_likes", "video_duration", "video_frame_count",
            "video_category", "video_rating", "video_description", "video_retrieved_date");

    @TempDir
    Path dir;

    private static String row(String id, String gif, String start, String end, String views, String frames) {
        return String.join(";\t", id, "True", gif, "http://x/" + gif + ".gif", start, end, "1.5", "4.0",
                "a title; with a semicolon", views, "120", "video", "1000", "2014-01-01", "10", "60.0", frames,
                "Sports", "4.5", "desc", "2015-06-01");
    }

    @Test
    void readsMetadataRowsByHeaderName() throws Exception {
        Path f = dir.resolve("metadata.txt");
        Files.writeString(f, "\uFEFF" + HEADER + "\n" + row("abc123", "g1", "45.0", "120.0", "1532", "1800") + "\n"
                + row("abc123", "g2", "300", "390", "nan", "1800") + "\n\n" + row("zzz", "g3", "0", "10", "", "500") + "\n");
        List<GifRecord> r = Video2GifDataset.readMetadata(f);
        assertThat(r).hasSize(3);
        GifRecord g = r.get(0);
        assertThat(g.youtubeId()).isEqualTo("abc123");
        assertThat(g.gifId()).isEqualTo("g1");
        assertThat(g.firstFrame()).isEqualTo(45);
        assertThat(g.endFrameExclusive()).isEqualTo(120);
        assertThat(g.startSec()).isEqualTo(1.5);
        assertThat(g.views()).hasValue(1532);
        assertThat(g.age()).hasValue(120);
        assertThat(g.videoFrameCount()).isEqualTo(1800);
        assertThat(g.field("gif_title")).contains("a title; with a semicolon");
        assertThat(r.get(1).views()).isEmpty();
        assertThat(r.get(2).views()).isEmpty();

        Map<String, Video2GifDataset.VideoTruth> truth = Video2GifDataset.groundTruth(r);
        assertThat(truth.keySet()).containsExactly("abc123", "zzz");
        assertThat(truth.get("abc123").frames()).isEqualTo(1800);
        assertThat(truth.get("abc123").gifs()).containsExactly(new FrameSpan(45, 120), new FrameSpan(300, 390));
    }

    @Test
    void malformedMetadataNamesTheLine() throws Exception {
        Path f = dir.resolve("metadata.txt");
        Files.writeString(f, HEADER + "\n" + row("a", "g1", "10", "20", "5", "100") + "\n" + "a;\tb;\tc\n");
        assertThatThrownBy(() -> Video2GifDataset.readMetadata(f)).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("line 3 has 3 fields, the header 21");
        Files.writeString(f, HEADER + "\n" + row("a", "g1", "ten", "20", "5", "100") + "\n");
        assertThatThrownBy(() -> Video2GifDataset.readMetadata(f))
                .hasMessageContaining("line 2: gif_start_frame must be a number, was \"ten\"");
        Files.writeString(f, HEADER + "\n" + row("a", "g1", "30", "20", "5", "100") + "\n");
        assertThatThrownBy(() -> Video2GifDataset.readMetadata(f)).hasMessageContaining("must start at 0 or later and end after");
        Files.writeString(f, HEADER.replace("video_frame_count", "frames") + "\n");
        assertThatThrownBy(() -> Video2GifDataset.readMetadata(f)).hasMessageContaining("no column \"video_frame_count\"");
        Files.writeString(f, HEADER.replace(";\t", ",") + "\n");
        assertThatThrownBy(() -> Video2GifDataset.readMetadata(f)).hasMessageContaining("separated by");
        Files.writeString(f, "");
        assertThatThrownBy(() -> Video2GifDataset.readMetadata(f)).hasMessageContaining("is empty");
        assertThatThrownBy(() -> Video2GifDataset.readMetadata(dir.resolve("none.txt"))).hasMessageContaining("does not exist");
    }

    @Test
    void readsTagsAndTestSet() throws Exception {
        Path tags = dir.resolve("video_tags.txt");
        Files.writeString(tags, "abc123;\t cats; funny cats;  kitten\nzzz;\t \n");
        assertThat(Video2GifDataset.readVideoTags(tags)).containsExactly(
                Map.entry("abc123", List.of("cats", "funny cats", "kitten")), Map.entry("zzz", List.of()));
        Files.writeString(tags, "no separator here\n");
        assertThatThrownBy(() -> Video2GifDataset.readVideoTags(tags)).hasMessageContaining("line 1");

        Path test = dir.resolve("testset.txt");
        Files.writeString(test, "abc123\n  zzz \n\n-q1w2e3\n");
        assertThat(Video2GifDataset.readTestSet(test)).containsExactly("abc123", "zzz", "-q1w2e3");
        Files.writeString(test, "a b\n");
        assertThatThrownBy(() -> Video2GifDataset.readTestSet(test)).hasMessageContaining("more than one id");
    }
}
