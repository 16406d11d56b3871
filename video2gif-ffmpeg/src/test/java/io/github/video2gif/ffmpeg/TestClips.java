package io.github.video2gif.ffmpeg;

import io.github.video2gif.api.VideoFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/** Generates small test videos with {@link FfmpegVideoWriter}. */
final class TestClips {
    private TestClips() {
    }

    /**
     * A synthetic picture: a gradient background, a white square moving right with the frame number, and the
     * top-left 8x8 block coloured by quadrant markers (red top-left, green top-right, blue bottom-left) so that
     * orientation can be checked after rotation.
     */
    static byte[] picture(int width, int height, int i) {
        byte[] rgb = new byte[width * height * 3];
        int size = Math.max(2, Math.min(width, height) / 4);
        int sx = (i * 4) % Math.max(1, width - size);
        int sy = height / 2 - size / 2;
        int q = Math.max(2, Math.min(width, height) / 6);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int o = (y * width + x) * 3;
                int r = 40 + 120 * x / width;
                int g = 40 + 120 * y / height;
                int b = 90;
                if (x >= sx && x < sx + size && y >= sy && y < sy + size) {
                    r = g = b = 235;
                }
                if (y < q && x < q) {
                    r = 230; g = 20; b = 20;
                } else if (y < q && x >= width - q) {
                    r = 20; g = 230; b = 20;
                } else if (y >= height - q && x < q) {
                    r = 20; g = 20; b = 230;
                }
                rgb[o] = (byte) r;
                rgb[o + 1] = (byte) g;
                rgb[o + 2] = (byte) b;
            }
        }
        return rgb;
    }

    /** A constant-rate clip of {@code frames} frames. */
    static Path constantRate(Path file, int width, int height, double fps, int frames) throws IOException {
        try (FfmpegVideoWriter w = FfmpegVideoWriter.builder(file, width, height).fps(fps).open()) {
            for (int i = 0; i < frames; i++) {
                w.write(new VideoFrame(i, i / fps, width, height, picture(width, height, i)));
            }
            w.finish();
        }
        return file;
    }

    /** A clip whose frames sit at the given times (seconds), in a 1/1000 s time base. */
    static Path variableRate(Path file, int width, int height, double[] times) throws IOException {
        try (FfmpegVideoWriter w = FfmpegVideoWriter.builder(file, width, height).fps(25).timeBase(1, 1000).open()) {
            for (int i = 0; i < times.length; i++) {
                w.write(new VideoFrame(i, times[i], width, height, picture(width, height, i)));
            }
            w.finish();
        }
        return file;
    }

    /** An audio-only MP4 (AAC, one second of a tone), written by JavaCV's recorder. */
    static Path audioOnly(Path file) throws IOException {
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), 1)) {
            r.setFormat("mp4");
            r.setSampleRate(44100);
            r.start();
            short[] s = new short[44100];
            for (int i = 0; i < s.length; i++) {
                s[i] = (short) (8000 * Math.sin(i * 0.05));
            }
            r.recordSamples(44100, 1, ShortBuffer.wrap(s));
            r.stop();
        }
        return file;
    }

    /** A copy of {@code source} cut to {@code fraction} of its length. */
    static Path truncatedCopy(Path source, Path file, double fraction) throws IOException {
        byte[] all = Files.readAllBytes(source);
        Files.write(file, Arrays.copyOf(all, (int) (all.length * fraction)));
        return file;
    }

    /** A copy of an MP4 whose 'mdat' payload (all coded frames) is overwritten with zeros; boxes intact. */
    static Path zeroedMediaData(Path source, Path file) throws IOException {
        Files.copy(source, file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long pos = 0;
            ByteBuffer head = ByteBuffer.allocate(8);
            while (pos + 8 <= ch.size()) {
                head.clear();
                ch.read(head, pos);
                long size = head.getInt(0) & 0xffffffffL;
                String type = new String(head.array(), 4, 4, StandardCharsets.ISO_8859_1);
                if (size < 8) {
                    throw new IOException("unexpected box size " + size);
                }
                if (type.equals("mdat")) {
                    ch.write(ByteBuffer.allocate((int) (size - 8)), pos + 8);
                    return file;
                }
                pos += size;
            }
        }
        throw new IOException("no mdat box in " + source);
    }
}
