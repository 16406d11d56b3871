package io.github.video2gif.core.c3d;

import io.github.video2gif.api.OutputException;
import io.github.video2gif.api.UnsafeWeightFileException;
import io.github.video2gif.api.WeightFileException;
import io.github.video2gif.core.io.AtomicFiles;
import io.github.video2gif.core.io.Json;
import io.github.video2gif.core.io.NdArray;
import io.github.video2gif.core.io.NpyReader;
import java.io.BufferedInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import java.util.zip.CheckedInputStream;

/**
 * The project's own file for the paper's model (C3D up to fc6, the mean snippet and the scoring MLP), format
 * version 1, specified in {@code docs/model-format.md}: the authors' three released files converted once
 * ({@code video2gif convert-weights}) so that later loads are plain float reads, with no pickle. All numbers
 * little-endian:
 * <pre>
 * magic      8 bytes  89 56 32 47 43 33 44 0A  ("\x89V2GC3D\n")
 * version    u32      1
 * metaLength u32      2 .. 1 MiB
 * metadata   UTF-8 JSON object (format, featureExtractor, dimension, arrays, sources)
 * count      u32      25: 18 C3D arrays (conv1a.W, conv1a.b, ..., conv5b.b, fc6.W, fc6.b), the mean snippet,
 *                     6 MLP arrays (h1.W, h1.b, h2.W, h2.b, score.W, score.b), in this order
 * per array: rank u32 (1 .. 5), rank x u32 dimensions, then the f32 values in C order
 * crc        u32      CRC-32C of every byte before it
 * </pre>
 * Array shapes are those of the released files; every shape is checked as the importers check the originals,
 * and every size against the file's length before anything is allocated.
 */
public final class PaperModelFormat {
    static final byte[] MAGIC = {(byte) 0x89, 'V', '2', 'G', 'C', '3', 'D', '\n'};
    /** The format version this class writes and reads. */
    public static final int VERSION = 1;
    static final int ARRAYS = 25;
    static final int MAX_META = 1 << 20;
    static final int MAX_RANK = 5;
    /** At most 2^29 floats (2 GiB) in all; the released model has about 80 M. */
    static final long MAX_FLOATS = 1L << 29;

    private PaperModelFormat() {
    }

    /** Whether the file starts with this format's magic number (false when it cannot be read). */
    public static boolean isPaperModelFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Converts the authors' released files into one file of this format, written atomically. The inputs are read
     * and checked exactly as {@link PaperModel#load(Path, Path, Path)} reads them.
     *
     * @throws WeightFileException when an input is missing, hostile, damaged or of the wrong shape
     * @throws OutputException     when the output cannot be written
     */
    public static void convert(Path c3dPickle, Path meanNpy, Path video2gifNpz, Path out)
            throws WeightFileException, OutputException {
        Objects.requireNonNull(out, "out");
        NdArray mean = NpyReader.readArray(Objects.requireNonNull(meanNpy, "meanNpy"));
        SnippetMean.of(mean, meanNpy); // checks the shape
        C3dWeights weights = C3dWeights.readPickle(Objects.requireNonNull(c3dPickle, "c3dPickle"));
        List<NdArray> head = PaperScoreHead.checkedArrays(Objects.requireNonNull(video2gifNpz, "video2gifNpz"),
                weights.featureDimension());
        List<NdArray> arrays = new ArrayList<>(ARRAYS);
        for (int i = 0; i < C3dWeights.CONV_LAYERS; i++) {
            arrays.add(weights.convWeights(i));
            arrays.add(weights.convBias(i));
        }
        arrays.add(weights.fc6Weights());
        arrays.add(weights.fc6Bias());
        arrays.add(mean);
        arrays.addAll(head);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", "video2gif-c3d");
        meta.put("featureExtractor", "c3d");
        meta.put("dimension", weights.featureDimension());
        meta.put("arrays", names());
        Map<String, Object> sources = new LinkedHashMap<>();
        sources.put("c3d", c3dPickle.getFileName().toString());
        sources.put("mean", meanNpy.getFileName().toString());
        sources.put("mlp", video2gifNpz.getFileName().toString());
        meta.put("sources", sources);
        byte[] metaBytes = Json.write(meta, true).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(out, "model file", raw -> writeTo(metaBytes, arrays, raw));
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        for (String c : C3dWeights.CONV_NAMES) {
            n.add(c + ".W");
            n.add(c + ".b");
        }
        n.addAll(List.of("fc6.W", "fc6.b", "mean", "h1.W", "h1.b", "h2.W", "h2.b", "score.W", "score.b"));
        return n;
    }

    private static void writeTo(byte[] meta, List<NdArray> arrays, OutputStream raw) throws IOException {
        CRC32C crc = new CRC32C();
        OutputStream checked = new CheckedOutputStream(raw, crc);
        DataOutputStream out = new DataOutputStream(checked);
        out.write(MAGIC);
        u32(out, VERSION);
        u32(out, meta.length);
        out.write(meta);
        u32(out, arrays.size());
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (NdArray a : arrays) {
            u32(out, a.rank());
            for (int d : a.shape()) {
                u32(out, d);
            }
            float[] v = a.data();
            int i = 0;
            while (i < v.length) {
                buf.clear();
                int n = Math.min(v.length - i, buf.capacity() / 4);
                buf.asFloatBuffer().put(v, i, n);
                out.write(buf.array(), 0, n * 4);
                i += n;
            }
        }
        out.flush();
        raw.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue()).array());
        raw.flush();
    }

    private static void u32(DataOutputStream out, int v) throws IOException {
        out.writeInt(Integer.reverseBytes(v));
    }

    /**
     * Reads a converted model file and builds the model (ND4J loads here).
     *
     * @throws WeightFileException when the file is missing, of another format or version, truncated, damaged
     *                             (checksum) or holds arrays of the wrong shapes
     */
    public static PaperModel read(Path file) throws WeightFileException {
        List<NdArray> a = readArrays(file);
        C3dWeights weights = C3dWeights.of(a.subList(0, 18), file);
        SnippetMean mean = SnippetMean.of(a.get(18), file);
        List<NdArray> head = a.subList(19, 25);
        checkHead(file, head, weights.featureDimension());
        return PaperModel.of(weights, mean, head);
    }

    private static void checkHead(Path file, List<NdArray> a, int in) throws WeightFileException {
        String[] names = {"h1", "h2", "score"};
        for (int i = 0; i < 3; i++) {
            NdArray w = a.get(2 * i);
            NdArray b = a.get(2 * i + 1);
            if (w.rank() != 2 || w.dim(0) != in || !b.hasShape(w.dim(1))) {
                throw new WeightFileException(file, "Model file \"" + file + "\": " + names[i] + " has shapes "
                        + w.shapeString() + " and " + b.shapeString() + ", expected (" + in + ", units) and (units,)");
            }
            in = w.dim(1);
        }
        if (in != 1) {
            throw new WeightFileException(file, "Model file \"" + file + "\": score.W has " + in
                    + " outputs, expected 1");
        }
    }

    /** The 25 arrays of a file, checked for format, sizes and checksum (not yet for the network's shapes). */
    static List<NdArray> readArrays(Path file) throws WeightFileException {
        Objects.requireNonNull(file, "file");
        long size;
        try {
            if (Files.isDirectory(file)) {
                throw new WeightFileException(file, "Model file \"" + file + "\" is a directory");
            }
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new WeightFileException(file, "Model file \"" + file + "\" does not exist", e);
        } catch (IOException e) {
            throw new WeightFileException(file, "Cannot read model file \"" + file + "\": " + e, e);
        }
        CRC32C crc = new CRC32C();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             CheckedInputStream in = new CheckedInputStream(raw, crc)) {
            Reader r = new Reader(file, in, size);
            List<NdArray> arrays = r.read();
            int computed = (int) crc.getValue();
            byte[] tail = raw.readNBytes(4);
            if (tail.length < 4) {
                throw r.truncated("the checksum");
            }
            if (raw.read() >= 0) {
                throw new WeightFileException(file, "Model file \"" + file + "\" has unexpected bytes after its"
                        + " checksum");
            }
            int stored = ByteBuffer.wrap(tail).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (stored != computed) {
                throw new WeightFileException(file, "Model file \"" + file + "\" is damaged: its checksum does not"
                        + " match its content");
            }
            return arrays;
        } catch (WeightFileException e) {
            throw e;
        } catch (IOException e) {
            throw new WeightFileException(file, "Cannot read model file \"" + file + "\": " + e, e);
        }
    }

    private static final class Reader {
        private final Path file;
        private final InputStream in;
        private final long size;
        private long position;

        Reader(Path file, InputStream in, long size) {
            this.file = file;
            this.in = in;
            this.size = size;
        }

        List<NdArray> read() throws IOException, WeightFileException {
            byte[] magic = bytes(MAGIC.length, "the magic number");
            if (!Arrays.equals(magic, MAGIC)) {
                throw bad("is not a video2gif C3D model file (its first bytes are not the format's magic number"
                        + " \\x89V2GC3D\\n)");
            }
            long version = u32("the format version");
            if (version != VERSION) {
                throw bad("has format version " + version + "; this reader reads version " + VERSION
                        + (version > VERSION ? ": update video2gif" : ""));
            }
            long metaLength = u32("the metadata length");
            if (metaLength < 2 || metaLength > MAX_META) {
                throw unsafe("declares " + metaLength + " bytes of metadata (at most " + MAX_META + " accepted)");
            }
            byte[] metaBytes = bytes((int) metaLength, "the metadata");
            try {
                Map<String, Object> meta = Json.asObject(Json.parse(new String(metaBytes, StandardCharsets.UTF_8)),
                        "the metadata");
                String format = Json.asString(Json.member(meta, "format", "the metadata"), "format");
                if (!format.equals("video2gif-c3d")) {
                    throw bad("declares the format \"" + format + "\", not video2gif-c3d");
                }
            } catch (IllegalArgumentException e) {
                throw bad("has damaged metadata: " + e.getMessage());
            }
            long count = u32("the number of arrays");
            if (count != ARRAYS) {
                throw bad("holds " + count + " arrays; expected " + ARRAYS + " (C3D, the mean, the MLP)");
            }
            List<NdArray> arrays = new ArrayList<>(ARRAYS);
            long total = 0;
            for (int i = 0; i < ARRAYS; i++) {
                String what = "array " + (i + 1) + " (" + names().get(i) + ")";
                long rank = u32("the rank of " + what);
                if (rank < 1 || rank > MAX_RANK) {
                    throw unsafe("declares " + what + " of rank " + rank + " (1 to " + MAX_RANK + " accepted)");
                }
                int[] shape = new int[(int) rank];
                long n = 1;
                for (int k = 0; k < rank; k++) {
                    long d = u32("the shape of " + what);
                    if (d < 1 || d > Integer.MAX_VALUE) {
                        throw unsafe("declares " + what + " with a dimension of " + d);
                    }
                    shape[k] = (int) d;
                    n *= d;
                    if (n > Integer.MAX_VALUE / 4) {
                        throw unsafe("declares " + what + " of more than " + Integer.MAX_VALUE / 4 + " values");
                    }
                }
                total += n;
                if (total > MAX_FLOATS) {
                    throw unsafe("declares more than " + MAX_FLOATS + " values in all");
                }
                if (size - position < 4 * n + 4) {
                    throw truncated(what + " (the file has " + size + " bytes, " + what + " alone needs " + 4 * n
                            + " more)");
                }
                arrays.add(new NdArray(shape, floats((int) n, what)));
            }
            return arrays;
        }

        private byte[] bytes(int n, String what) throws IOException, WeightFileException {
            byte[] b = in.readNBytes(n);
            if (b.length < n) {
                throw truncated(what);
            }
            position += n;
            return b;
        }

        private long u32(String what) throws IOException, WeightFileException {
            return ByteBuffer.wrap(bytes(4, what)).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        }

        private float[] floats(int n, String what) throws IOException, WeightFileException {
            float[] out = new float[n];
            byte[] buf = new byte[1 << 16];
            ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
            int i = 0;
            while (i < n) {
                int k = Math.min(n - i, buf.length / 4);
                int got = in.readNBytes(buf, 0, 4 * k);
                if (got < 4 * k) {
                    throw new EOFException();
                }
                bb.clear();
                bb.asFloatBuffer().get(out, i, k);
                i += k;
            }
            position += 4L * n;
            return out;
        }

        WeightFileException truncated(String what) {
            return new WeightFileException(file, "Model file \"" + file + "\" is truncated: it ends inside " + what
                    + "; convert it again");
        }

        private WeightFileException bad(String what) {
            return new WeightFileException(file, "Model file \"" + file + "\" " + what);
        }

        private WeightFileException unsafe(String what) {
            return new UnsafeWeightFileException(file, "Model file \"" + file + "\" " + what
                    + ": it is damaged or not a model file");
        }
    }
}
