package io.github.video2gif.ffmpeg;

import io.github.video2gif.api.OutputException;
import io.github.video2gif.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * A file written under a temporary name in the target's directory and moved over the target only when it is
 * complete, so that the target is either the whole new file or left exactly as it was.
 */
final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private boolean committed;
    private boolean closed;

    private AtomicOutput(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /**
     * Creates the temporary file next to {@code target}.
     *
     * @param what a word for messages ("GIF", "video")
     * @throws OutputException when the directory is missing or not writable, or the target is a directory
     */
    static AtomicOutput create(Path target, String what) throws OutputException {
        Objects.requireNonNull(target, "target");
        Path abs = target.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        if (dir == null || abs.getFileName() == null) {
            throw new IllegalArgumentException("not a file path: " + target);
        }
        if (Files.isDirectory(abs)) {
            throw new OutputException(target, "Cannot write " + what + " \"" + target + "\": it is a directory", null);
        }
        if (!Files.isDirectory(dir)) {
            throw new OutputException(target, "Cannot write " + what + " \"" + target + "\": the directory \"" + dir
                    + "\" does not exist", null);
        }
        try {
            Path temp = AtomicFiles.createSibling(abs, ".part");
            return new AtomicOutput(target, temp);
        } catch (IOException e) {
            throw new OutputException(target, "Cannot write " + what + " \"" + target + "\": cannot create a temporary "
                    + "file in \"" + dir + "\": " + e, e);
        }
    }

    Path target() {
        return target;
    }

    /** The temporary file to write. */
    Path temp() {
        return temp;
    }

    /** Moves the finished temporary file over the target (atomically where the file system allows). */
    void commit(String what) throws OutputException {
        if (closed || committed) {
            throw new IllegalStateException("already " + (committed ? "committed" : "closed"));
        }
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        } catch (IOException e) {
            throw new OutputException(target, "Cannot write " + what + " \"" + target + "\": moving the finished file "
                    + "into place failed: " + e, e);
        }
    }

    /** Deletes the temporary file unless it was committed. Idempotent, never throws. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!committed) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException | RuntimeException e) {
                // Nothing more can be done; the target is untouched either way.
            }
        }
    }
}
