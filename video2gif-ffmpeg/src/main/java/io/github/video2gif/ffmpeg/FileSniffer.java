package io.github.video2gif.ffmpeg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Cheap looks at a file's first bytes, to say precisely what was seen when FFmpeg cannot read it: an ISO/MP4
 * file whose top-level boxes run past the end of the file (cut short), or a text file.
 */
final class FileSniffer {
    private static final int MAX_BOXES = 256;

    private FileSniffer() {
    }

    /**
     * For an ISO base media file (MP4, MOV, M4A, 3GP: an {@code ftyp} box first), the first top-level box that
     * runs past the end of the file, described in words; empty when the file is not such a file or is whole.
     */
    static Optional<String> truncatedIsoBox(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate(16);
            long pos = 0;
            boolean first = true;
            for (int i = 0; i < MAX_BOXES && pos < size; i++) {
                head.clear();
                int n = readFully(ch, head, pos);
                if (n < 8) {
                    return first ? Optional.empty()
                            : Optional.of("the file ends inside a box header at byte " + pos + " (file size " + size + ")");
                }
                head.flip();
                long boxSize = head.getInt(0) & 0xffffffffL;
                String type = fourCc(head, 4);
                if (type == null || (first && !type.equals("ftyp"))) {
                    return Optional.empty();
                }
                first = false;
                int headerSize = 8;
                if (boxSize == 1) {
                    if (n < 16) {
                        return Optional.of("the file ends inside the '" + type + "' box header at byte " + pos);
                    }
                    boxSize = head.getLong(8);
                    headerSize = 16;
                } else if (boxSize == 0) {
                    return Optional.empty(); // the box extends to the end of the file by definition
                }
                if (boxSize < headerSize) {
                    return Optional.empty(); // not a box structure we understand: let FFmpeg's message speak
                }
                if (pos + boxSize > size) {
                    return Optional.of("its '" + type + "' box at byte " + pos + " declares " + boxSize
                            + " bytes but the file ends after " + (size - pos));
                }
                pos += boxSize;
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the file starts with an ISO base media {@code ftyp} box. */
    static boolean isIsoMedia(Path file) {
        byte[] b = head(file, 8);
        return b.length >= 8 && "ftyp".equals(new String(b, 4, 4, StandardCharsets.ISO_8859_1));
    }

    /** Whether the file's first bytes look like text (printable ASCII or UTF-8, no control bytes). */
    static boolean looksLikeText(Path file) {
        byte[] b = head(file, 512);
        if (b.length == 0) {
            return false;
        }
        for (byte x : b) {
            int c = x & 0xff;
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
                return false;
            }
            if (c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static byte[] head(Path file, int max) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(max);
            int n = readFully(ch, buf, 0);
            byte[] out = new byte[Math.max(0, n)];
            buf.flip();
            buf.get(out);
            return out;
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
    }

    private static int readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static String fourCc(ByteBuffer b, int at) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            int v = b.get(at + i) & 0xff;
            if (v < 0x20 || v > 0x7e) {
                return null;
            }
            c[i] = (char) v;
        }
        return new String(c);
    }
}
