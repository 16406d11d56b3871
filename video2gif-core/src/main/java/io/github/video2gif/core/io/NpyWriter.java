package io.github.video2gif.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * Writes an {@link NdArray} as a numpy {@code .npy} file (format 1.0, little-endian float32, C order) that
 * {@code numpy.load} reads. The file appears whole or not at all: it is written to a temporary file in the same
 * directory and then moved into place.
 */
public final class NpyWriter {
    private NpyWriter() {
    }

    public static void write(Path file, NdArray array) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(array, "array");
        Path tmp = AtomicFiles.createSibling(file, ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                write(out, array);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes the .npy bytes of {@code array} to a stream. */
    public static void write(OutputStream out, NdArray array) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + array.shapeString() + ", }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        StringBuilder h = new StringBuilder(dict);
        h.append(" ".repeat(pad)).append('\n');
        byte[] header = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length & 0xff);
        out.write(header.length >>> 8);
        out.write(header);
        float[] d = array.data();
        ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < d.length; ) {
            b.clear();
            while (i < d.length && b.remaining() >= 4) {
                b.putFloat(d[i++]);
            }
            out.write(b.array(), 0, b.position());
        }
    }
}
