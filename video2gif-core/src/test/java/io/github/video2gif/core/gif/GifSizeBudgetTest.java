package io.github.video2gif.core.gif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.video2gif.api.GifOptions;
import io.github.video2gif.api.GifWriter;
import io.github.video2gif.api.OutputException;
import io.github.video2gif.api.VideoFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GifSizeBudgetTest {
    @TempDir
    Path dir;

    private static final GifOptions OPTIONS = new GifOptions(0, 10, 0, 256);

    private long plainSize(List<VideoFrame> frames) throws IOException {
        Path p = dir.resolve("plain.gif");
        try (GifWriter w = new JavaGifEncoder().open(p, frames.get(0).width(), frames.get(0).height(), OPTIONS)) {
            for (VideoFrame f : frames) {
                w.add(f, 0.1);
            }
            w.finish();
        }
        return Files.size(p);
    }

    @Test
    void aGenerousBudgetKeepsFullQualityInOneEncode() throws IOException {
        List<VideoFrame> frames = SyntheticClips.render(SyntheticClips.Scene.PAN, 160, 90, 20, 10, 1);
        long plain = plainSize(frames);
        Path target = dir.resolve("big.gif");
        GifSizeBudget.Choice c = new GifSizeBudget().fit(frames, 10, target, plain * 2, OPTIONS);
        assertThat(c.tried()).hasSize(1);
        assertThat(c.chosen()).isEqualTo(new GifSizeBudget.Attempt(160, 90, 10, 256, 0, plain));
        assertThat(Files.size(target)).isEqualTo(plain);
        assertThat(c.describe()).contains("160x90", "256 colours", "lossy 0", "1 encodes");
    }

    @Test
    void tighterBudgetsAreMetAndTheFileDecodes() throws IOException {
        List<VideoFrame> frames = SyntheticClips.render(SyntheticClips.Scene.PAN, 160, 90, 20, 10, 1);
        long plain = plainSize(frames);
        for (double share : new double[] {0.8, 0.4, 0.12}) {
            long budget = (long) (plain * share);
            Path target = dir.resolve("b" + share + ".gif");
            GifSizeBudget.Choice c = new GifSizeBudget().fit(frames, 10, target, budget, OPTIONS);
            assertThat(Files.size(target)).as("share %s: %s", share, c.describe()).isLessThanOrEqualTo(budget)
                    .isEqualTo(c.chosen().bytes());
            assertThat(c.tried()).contains(c.chosen()).hasSizeLessThanOrEqualTo(12);
            GifTestReader r = GifTestReader.read(target);
            assertThat(r.width).isEqualTo(c.chosen().width());
            assertThat(r.height).isEqualTo(c.chosen().height());
            // the play time is kept whatever the frame rate chosen
            assertThat(r.frames.stream().mapToInt(GifTestReader.Frame::delayCs).sum()).isEqualTo(200);
            if (share < 0.2) {
                assertThat(c.chosen().width() < 160 || c.chosen().fps() < 10).isTrue();
            }
        }
    }

    @Test
    void anImpossibleBudgetFailsAndLeavesTheTarget() throws IOException {
        List<VideoFrame> frames = SyntheticClips.render(SyntheticClips.Scene.NOISY, 96, 64, 10, 10, 1);
        Path target = dir.resolve("t.gif");
        Files.writeString(target, "old");
        assertThatThrownBy(() -> new GifSizeBudget().fit(frames, 10, target, 300, OPTIONS))
                .isInstanceOf(OutputException.class).hasMessageContaining("within 300 bytes")
                .hasMessageContaining("smallest setting tried");
        assertThat(Files.readString(target)).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
        assertThatThrownBy(() -> new GifSizeBudget().fit(frames, 10, target, 0, OPTIONS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void geometriesShrinkWidthThenFrameRateThenWidth() {
        List<double[]> g = GifSizeBudget.geometries(360, 10);
        assertThat(g.get(0)).containsExactly(360, 10);
        assertThat(g.get(1)).containsExactly(306, 10);
        assertThat(g.get(3)).containsExactly(216, 10);
        assertThat(g.get(4)[0]).isEqualTo(216);
        assertThat(g.get(4)[1]).isEqualTo(10.0 * 2 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(g.get(5)).containsExactly(216, 5);
        assertThat(g.get(g.size() - 1)[0]).isEqualTo(GifSizeBudget.MIN_WIDTH);
        // a measurement at a quarter of the budget jumps several steps at once
        assertThat(GifSizeBudget.nextGeometry(g, 0, 0.25)).isGreaterThan(3);
        assertThat(GifSizeBudget.nextGeometry(g, g.size() - 1, 0.5)).isEqualTo(-1);
        // 6 fps clips never go under 5 fps
        assertThat(GifSizeBudget.geometries(200, 6)).allSatisfy(x -> assertThat(x[1]).isGreaterThanOrEqualTo(5));
    }

    @Test
    void areaScalingAveragesExactly() {
        byte[] rgb = {10, 20, 30, 30, 40, 50, 0, 0, 0, (byte) 200, (byte) 200, (byte) 200};
        // 4x1 -> 2x1: means of pairs
        assertThat(AreaScaler.scale(rgb, 4, 1, 2, 1)).containsExactly(20, 30, 40, 100, 100, 100);
        byte[] grey = new byte[30 * 20 * 3];
        java.util.Arrays.fill(grey, (byte) 77);
        byte[] small = AreaScaler.scale(grey, 30, 20, 7, 5);
        for (byte b : small) {
            assertThat(b & 0xFF).isEqualTo(77);
        }
        assertThat(AreaScaler.scale(rgb, 4, 1, 8, 2)).hasSize(48);
        assertThatThrownBy(() -> AreaScaler.scale(rgb, 4, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
