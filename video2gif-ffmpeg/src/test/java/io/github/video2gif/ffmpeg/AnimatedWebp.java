package io.github.video2gif.ffmpeg;

import io.github.video2gif.api.DecodeOptions;
import io.github.video2gif.api.FrameFormat;
import io.github.video2gif.api.FrameStream;
import io.github.video2gif.api.VideoFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What an animated WebP file holds, read from its RIFF chunks (FFmpeg 8.1's WebP decoder skips the animation
 * chunks, so tests read the container themselves): canvas size, loop count, and per frame its rectangle, duration
 * and coded data. {@link #decodeFrame} decodes one frame's VP8 data with our FFmpeg decoder, wrapped as a still
 * WebP file.
 */
public record AnimatedWebp(int canvasWidth, int canvasHeight, int loopCount, List<Frame> frames) {
    /** One ANMF chunk: where the frame goes, how long it shows, and its image chunks (ALPH, VP8, VP8L). */
    public record Frame(int x, int y, int width, int height, int durationMs, byte[] imageChunks) {
    }

    public int totalMs() {
        return frames.stream().mapToInt(Frame::durationMs).sum();
    }

    public static AnimatedWebp read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (!fourCc(b, 0).equals("RIFF") || !fourCc(b, 8).equals("WEBP")) {
            throw new IOException(file + " is not a WebP file");
        }
        if ((b.getInt(4) & 0xffffffffL) + 8 != b.limit()) {
            throw new IOException(file + ": RIFF size " + b.getInt(4) + " does not match the file size " + b.limit());
        }
        int w = -1;
        int h = -1;
        int loops = -1;
        List<Frame> frames = new ArrayList<>();
        int pos = 12;
        while (pos + 8 <= b.limit()) {
            String type = fourCc(b, pos);
            int size = b.getInt(pos + 4);
            int data = pos + 8;
            switch (type) {
                case "VP8X" -> {
                    w = 1 + u24(b, data + 4);
                    h = 1 + u24(b, data + 7);
                }
                case "ANIM" -> loops = b.getShort(data + 4) & 0xffff;
                case "ANMF" -> frames.add(new Frame(2 * u24(b, data), 2 * u24(b, data + 3), 1 + u24(b, data + 6),
                        1 + u24(b, data + 9), u24(b, data + 12),
                        Arrays.copyOfRange(b.array(), data + 16, data + size)));
                default -> {
                }
            }
            pos = data + size + (size & 1);
        }
        if (pos != b.limit()) {
            throw new IOException(file + ": chunks end at " + pos + ", the file at " + b.limit());
        }
        return new AnimatedWebp(w, h, loops, frames);
    }

    /** Frame {@code i}'s picture as RGB, decoded by {@link FfmpegVideoDecoder} from a still WebP of its data. */
    public static VideoFrame decodeFrame(Frame f, Path scratch) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean alpha = f.imageChunks().length >= 4
                && new String(f.imageChunks(), 0, 4, StandardCharsets.ISO_8859_1).equals("ALPH");
        ByteBuffer body = ByteBuffer.allocate(alpha ? 18 + f.imageChunks().length : f.imageChunks().length)
                .order(ByteOrder.LITTLE_ENDIAN);
        if (alpha) {
            body.put("VP8X".getBytes(StandardCharsets.ISO_8859_1)).putInt(10).put((byte) 0x10).put(new byte[3]);
            putU24(body, f.width() - 1);
            putU24(body, f.height() - 1);
        }
        body.put(f.imageChunks());
        ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        head.put("RIFF".getBytes(StandardCharsets.ISO_8859_1)).putInt(4 + body.capacity())
                .put("WEBP".getBytes(StandardCharsets.ISO_8859_1));
        out.write(head.array());
        out.write(body.array());
        Files.write(scratch, out.toByteArray());
        try (FrameStream s = new FfmpegVideoDecoder().open(scratch, DecodeOptions.whole(FrameFormat.original()))) {
            return s.next();
        }
    }

    private static void putU24(ByteBuffer b, int v) {
        b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
    }

    private static int u24(ByteBuffer b, int at) {
        return (b.get(at) & 0xff) | (b.get(at + 1) & 0xff) << 8 | (b.get(at + 2) & 0xff) << 16;
    }

    private static String fourCc(ByteBuffer b, int at) {
        return new String(b.array(), at, 4, StandardCharsets.ISO_8859_1);
    }
}
