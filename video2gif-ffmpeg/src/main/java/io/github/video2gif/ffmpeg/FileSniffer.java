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

    /**
     * The container's own record of its length, when the file is shorter: for ISO media (MP4, MOV) a top-level
     * box that runs past the end, for Matroska/WebM a Segment whose declared size runs past the end.
     */
    static Optional<String> truncation(Path file) {
        Optional<String> iso = truncatedIsoBox(file);
        return iso.isPresent() ? iso : truncatedMatroska(file);
    }

    /**
     * For a Matroska or WebM file (EBML header first), a description of how its Segment, whose size the header
     * declares, runs past the end of the file; empty when not such a file, the size is unknown (live streams)
     * or the file is whole.
     */
    static Optional<String> truncatedMatroska(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer buf = ByteBuffer.allocate(64);
            readFully(ch, buf, 0);
            buf.flip();
            long[] pos = {0};
            long id = readVint(buf, pos, true);
            if (id != 0x1A45DFA3L) {
                return Optional.empty();
            }
            long headerSize = readVint(buf, pos, false);
            if (headerSize < 0 || headerSize > 1024) {
                return Optional.empty();
            }
            long segmentAt = pos[0] + headerSize;
            buf = ByteBuffer.allocate(16);
            int n = readFully(ch, buf, segmentAt);
            if (n < 5) {
                return segmentAt >= size ? Optional.of("the file ends after its EBML header, before the Segment")
                        : Optional.empty();
            }
            buf.flip();
            pos[0] = 0;
            if (readVint(buf, pos, true) != 0x18538067L) {
                return Optional.empty();
            }
            int sizeStart = (int) pos[0];
            int lengthBytes = Long.numberOfLeadingZeros(buf.get(sizeStart) & 0xffL) - 56 + 1;
            long segmentSize = readVint(buf, pos, false);
            if (segmentSize < 0 || segmentSize == (1L << (7 * lengthBytes)) - 1) {
                return Optional.empty(); // unknown size: written live, no declared end
            }
            long end = segmentAt + pos[0] + segmentSize;
            if (end > size) {
                return Optional.of("its Matroska Segment declares " + segmentSize + " bytes but the file ends after "
                        + (size - segmentAt - pos[0]));
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** An EBML variable-length integer; {@code keepMarker} for element IDs. -1 when malformed. */
    private static long readVint(ByteBuffer b, long[] pos, boolean keepMarker) {
        int p = (int) pos[0];
        if (p >= b.limit()) {
            return -1;
        }
        int first = b.get(p) & 0xff;
        if (first == 0) {
            return -1;
        }
        int len = Integer.numberOfLeadingZeros(first) - 24 + 1;
        if (p + len > b.limit()) {
            return -1;
        }
        long v = keepMarker ? first : first & (0xff >> len);
        for (int i = 1; i < len; i++) {
            v = (v << 8) | (b.get(p + i) & 0xff);
        }
        pos[0] = p + len;
        return v;
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
