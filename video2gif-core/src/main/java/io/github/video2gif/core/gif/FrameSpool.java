package io.github.video2gif.core.gif;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds the frames of one GIF between {@code add} and {@code finish} (the palette needs the whole clip before the
 * first frame can be written). Frames are kept in memory up to a byte budget; beyond it they go to a temporary
 * file in the output's directory and are read back on demand, so a long GIF does not need its frames in memory.
 * Reads are thread-safe; adds are not.
 */
final class FrameSpool implements AutoCloseable {
    private final Path directory;
    private final long memoryBudget;
    private final int frameBytes;
    private final List<byte[]> inMemory = new ArrayList<>();
    private Path file;
    private FileChannel channel;
    private int onDisk;

    FrameSpool(Path directory, long memoryBudget, int frameBytes) {
        this.directory = directory;
        this.memoryBudget = memoryBudget;
        this.frameBytes = frameBytes;
    }

    void add(byte[] rgb) throws IOException {
        if ((long) (inMemory.size() + 1) * frameBytes <= memoryBudget && channel == null) {
            inMemory.add(rgb);
            return;
        }
        if (channel == null) {
            file = Files.createTempFile(directory, ".video2gif-", ".frames");
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
        }
        ByteBuffer b = ByteBuffer.wrap(rgb, 0, frameBytes);
        long pos = (long) onDisk * frameBytes;
        while (b.hasRemaining()) {
            pos += channel.write(b, pos);
        }
        onDisk++;
    }

    int size() {
        return inMemory.size() + onDisk;
    }

    /** Whether some frames went to disk. */
    boolean spilled() {
        return onDisk > 0;
    }

    /** Frame {@code i}, shared when in memory (do not modify). */
    byte[] get(int i) {
        if (i < inMemory.size()) {
            return inMemory.get(i);
        }
        int k = i - inMemory.size();
        if (k >= onDisk) {
            throw new IndexOutOfBoundsException(i);
        }
        byte[] rgb = new byte[frameBytes];
        ByteBuffer b = ByteBuffer.wrap(rgb);
        long pos = (long) k * frameBytes;
        try {
            while (b.hasRemaining()) {
                int n = channel.read(b, pos);
                if (n < 0) {
                    throw new IOException("frame spool " + file + " ended early");
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rgb;
    }

    /** Replaces the last frame (used when a too-short frame is merged into the one before it). */
    void removeLast() throws IOException {
        if (onDisk > 0) {
            onDisk--;
        } else {
            inMemory.remove(inMemory.size() - 1);
        }
    }

    @Override
    public void close() {
        inMemory.clear();
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // DELETE_ON_CLOSE should already have removed it
            }
            channel = null;
        }
    }
}
