package io.github.video2gif.core.io;

import io.github.video2gif.api.OutputException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Writes a file whole or not at all: the content goes to a temporary file in the target's directory, is forced
 * to disk, then moved over the target in one atomic step. On any failure the temporary file is removed and an
 * earlier file at the target is left as it was.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Creates a new empty file next to {@code target} (same directory, hidden name starting with the target's),
     * to be moved over the target once complete. Unlike {@link Files#createTempFile}, which makes files only the
     * owner can read, it gets the permissions any new file in that directory gets (the umask applies), so the
     * finished output is as readable as if it had been written in place.
     *
     * @param suffix the temporary name's ending, e.g. {@code ".tmp"}
     */
    public static Path createSibling(Path target, String suffix) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        String base = "." + abs.getFileName() + ".";
        for (int attempt = 0; ; attempt++) {
            Path candidate = dir.resolve(base + Long.toUnsignedString(RANDOM.nextLong(), 36) + suffix);
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Writes the bytes a writer produces. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} atomically.
     *
     * @param what names the file in error messages ("model file", "feature cache entry")
     * @throws OutputException when it cannot be written; the target is unchanged
     */
    public static void write(Path target, String what, Writer writer) throws OutputException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(writer, "writer");
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            tmp = createSibling(abs, ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                writer.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new OutputException(target, "Cannot write " + what + " \"" + target + "\": " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: a stray temporary file is harmless
                }
            }
        }
    }
}
