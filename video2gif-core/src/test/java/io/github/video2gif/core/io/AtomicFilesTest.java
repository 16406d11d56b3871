package io.github.video2gif.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.video2gif.api.GifOptions;
import io.github.video2gif.api.GifWriter;
import io.github.video2gif.api.OutputException;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.core.gif.JavaGifEncoder;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private Set<PosixFilePermission> plainNewFile() throws IOException {
        Path probe = Files.createFile(dir.resolve("probe"));
        try {
            return Files.getPosixFilePermissions(probe);
        } finally {
            Files.delete(probe);
        }
    }

    @Test
    void finishedFilesHaveTheDirectorysUsualPermissionsNotOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Set<PosixFilePermission> usual = plainNewFile();
        assumeTrue(usual.contains(PosixFilePermission.GROUP_READ) || usual.contains(PosixFilePermission.OTHERS_READ),
                "the umask lets others read new files");

        Path model = dir.resolve("model.bin");
        AtomicFiles.write(model, "model file", out -> out.write(new byte[] {1, 2, 3}));
        assertThat(Files.getPosixFilePermissions(model)).isEqualTo(usual);

        Path gif = dir.resolve("clip.gif");
        try (GifWriter w = new JavaGifEncoder().open(gif, 4, 4, GifOptions.DEFAULT)) {
            w.add(new VideoFrame(0, 0, 4, 4, new byte[4 * 4 * 3]), 0.1);
            w.add(new VideoFrame(1, 0.1, 4, 4, new byte[4 * 4 * 3]), 0.1);
            w.finish();
        }
        assertThat(Files.getPosixFilePermissions(gif)).isEqualTo(usual);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("model.bin", "clip.gif");
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path target = dir.resolve("keep.bin");
        Files.write(target, new byte[] {9});
        assertThatThrownBy(() -> AtomicFiles.write(target, "model file", out -> {
            out.write(new byte[] {1, 2});
            throw new IOException("disk full");
        })).isInstanceOf(OutputException.class).hasMessageContaining("keep.bin").hasMessageContaining("disk full");
        assertThat(Files.readAllBytes(target)).containsExactly(9);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void siblingsAreHiddenNextToTheTargetAndDistinct() throws Exception {
        Path target = dir.resolve("out.gif");
        Path a = AtomicFiles.createSibling(target, ".tmp");
        Path b = AtomicFiles.createSibling(target, ".tmp");
        assertThat(a).isNotEqualTo(b);
        assertThat(a.getParent()).isEqualTo(dir.toAbsolutePath());
        assertThat(a.getFileName().toString()).startsWith(".out.gif.").endsWith(".tmp");
        assertThat(Files.size(a)).isZero();
    }
}
