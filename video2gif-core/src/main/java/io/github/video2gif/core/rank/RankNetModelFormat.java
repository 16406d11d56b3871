package io.github.video2gif.core.rank;

import io.github.video2gif.api.OutputException;
import io.github.video2gif.api.UnsafeWeightFileException;
import io.github.video2gif.api.WeightFileException;
import io.github.video2gif.core.io.AtomicFiles;
import io.github.video2gif.core.io.Json;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * Reads and writes the RankNet model file, format version 1 (specified in {@code docs/model-format.md}).
 * All numbers little-endian:
 * <pre>
 * magic      8 bytes  89 56 32 47 52 4E 4B 0A  ("\x89V2GRNK\n")
 * version    u32      1
 * metaLength u32      1 .. 1 MiB
 * metadata   UTF-8 JSON object (featureExtractor, dimension, layers, members, normalisation, training)
 * dimension  u32      1 .. 2^20
 * depth      u32      1 .. 16, number of dense layers
 * sizes      depth x u32, each layer's output size, 1 .. 2^16; the last is 1
 * members    u32      1 .. 256
 * per member:
 *   normalised u32    0 or 1; if 1: dimension f32 means, then dimension f32 scales (&gt; 0)
 *   per layer: in x out f32 weights (row-major, inputs by outputs), then out f32 biases
 * crc        u32      CRC-32C of every byte before it
 * </pre>
 * At most 2^28 float values in all (1 GiB); every size is checked against the file's length before anything is
 * allocated.
 */
final class RankNetModelFormat {
    static final byte[] MAGIC = {(byte) 0x89, 'V', '2', 'G', 'R', 'N', 'K', '\n'};
    static final int VERSION = 1;
    static final int MAX_META = 1 << 20;
    static final int MAX_DIMENSION = 1 << 20;
    static final int MAX_DEPTH = 16;
    static final int MAX_WIDTH = 1 << 16;
    static final int MAX_MEMBERS = 256;
    /** At most 2^28 floats (1 GiB) of parameters in all. */
    static final long MAX_FLOATS = 1L << 28;

    private RankNetModelFormat() {
    }

    // ---------------------------------------------------------------------------------------------------- write

    static void write(RankNetModel model, Path file) throws OutputException {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", "video2gif-ranknet");
        meta.put("featureExtractor", model.featureExtractor());
        meta.put("dimension", model.dimension());
        meta.put("layers", model.layers());
        meta.put("members", model.members().size());
        meta.put("normalisation", model.members().get(0).normalisation().isPresent() ? "standardise" : "none");
        meta.put("training", model.training());
        byte[] metaBytes = Json.write(meta, true).getBytes(StandardCharsets.UTF_8);
        if (metaBytes.length > MAX_META) {
            throw new IllegalArgumentException("the model's training record is too large: " + metaBytes.length
                    + " bytes of metadata, at most " + MAX_META);
        }
        AtomicFiles.write(file, "model file", out -> writeTo(model, metaBytes, out));
    }

    private static void writeTo(RankNetModel model, byte[] meta, OutputStream raw) throws IOException {
        CRC32C crc = new CRC32C();
        OutputStream checked = new CheckedOutputStream(raw, crc);
        DataOutputStream out = new DataOutputStream(checked);
        int[] layers = model.layers();
        out.write(MAGIC);
        u32(out, VERSION);
        u32(out, meta.length);
        out.write(meta);
        u32(out, layers[0]);
        u32(out, layers.length - 1);
        for (int i = 1; i < layers.length; i++) {
            u32(out, layers[i]);
        }
        u32(out, model.members().size());
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (RankNet m : model.members()) {
            if (m.normalisation().isPresent()) {
                u32(out, 1);
                floats(out, buf, m.normalisation().get().meanView());
                floats(out, buf, m.normalisation().get().scaleView());
            } else {
                u32(out, 0);
            }
            for (int i = 0; i < m.depth(); i++) {
                floats(out, buf, m.weightsView(i));
                floats(out, buf, m.biasesView(i));
            }
        }
        out.flush();
        int c = (int) crc.getValue();
        byte[] tail = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(c).array();
        raw.write(tail);
        raw.flush();
    }

    private static void u32(DataOutputStream out, int v) throws IOException {
        out.writeInt(Integer.reverseBytes(v));
    }

    private static void floats(DataOutputStream out, ByteBuffer buf, float[] a) throws IOException {
        int i = 0;
        while (i < a.length) {
            buf.clear();
            int n = Math.min(a.length - i, buf.capacity() / 4);
            buf.asFloatBuffer().put(a, i, n);
            out.write(buf.array(), 0, n * 4);
            i += n;
        }
    }

    // ----------------------------------------------------------------------------------------------------- read

    static RankNetModel read(Path file) throws WeightFileException {
        if (file == null) {
            throw new NullPointerException("file");
        }
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new WeightFileException(file, "Model file \"" + file + "\" is a directory");
            }
            long size = Files.size(file);
            long max = 64 + MAX_META + 4 * MAX_FLOATS + 4L * MAX_DEPTH + 4L * MAX_MEMBERS;
            if (size > max) {
                throw new UnsafeWeightFileException(file, "Model file \"" + file + "\" is " + size
                        + " bytes, more than any model this reader accepts");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new WeightFileException(file, "Model file \"" + file + "\" does not exist", e);
        } catch (WeightFileException e) {
            throw e;
        } catch (IOException e) {
            throw new WeightFileException(file, "Cannot read model file \"" + file + "\": " + e, e);
        }
        return parse(file, bytes);
    }

    /** Parses a model file's bytes; {@code file} names it in errors. */
    static RankNetModel parse(Path file, byte[] bytes) throws WeightFileException {
        return new Reader(file, bytes).read();
    }

    private static final class Reader {
        private final Path file;
        private final ByteBuffer in;

        Reader(Path file, byte[] bytes) {
            this.file = file;
            this.in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }

        RankNetModel read() throws WeightFileException {
            if (in.remaining() < MAGIC.length || !Arrays.equals(Arrays.copyOf(in.array(), MAGIC.length), MAGIC)) {
                throw bad("is not a video2gif RankNet model file (its first bytes are not the format's magic"
                        + " number \\x89V2GRNK\\n)");
            }
            in.position(MAGIC.length);
            long version = u32("the format version");
            if (version != VERSION) {
                throw bad("has format version " + version + "; this reader reads version " + VERSION
                        + (version > VERSION ? ": update video2gif" : ""));
            }
            // the checksum covers everything before its last four bytes
            if (in.capacity() < 16) {
                throw truncated("the header");
            }
            long metaLength = u32("the metadata length");
            if (metaLength < 2 || metaLength > MAX_META) {
                throw unsafe("declares " + metaLength + " bytes of metadata (at most " + MAX_META + " accepted)");
            }
            need(metaLength, "the metadata");
            byte[] metaBytes = new byte[(int) metaLength];
            in.get(metaBytes);
            Map<String, Object> meta;
            try {
                String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(metaBytes)).toString();
                meta = Json.asObject(Json.parse(text), "the metadata");
            } catch (CharacterCodingException | IllegalArgumentException e) {
                throw bad("has damaged metadata: " + e.getMessage());
            }
            long dimension = u32("the input dimension");
            if (dimension < 1 || dimension > MAX_DIMENSION) {
                throw unsafe("declares an input dimension of " + dimension + " (1 to " + MAX_DIMENSION + " accepted)");
            }
            long depth = u32("the number of layers");
            if (depth < 1 || depth > MAX_DEPTH) {
                throw unsafe("declares " + depth + " layers (1 to " + MAX_DEPTH + " accepted)");
            }
            int[] layers = new int[(int) depth + 1];
            layers[0] = (int) dimension;
            for (int i = 1; i <= depth; i++) {
                long s = u32("the layer sizes");
                if (s < 1 || s > MAX_WIDTH) {
                    throw unsafe("declares a layer of " + s + " units (1 to " + MAX_WIDTH + " accepted)");
                }
                layers[i] = (int) s;
            }
            if (layers[layers.length - 1] != 1) {
                throw bad("declares an output layer of " + layers[layers.length - 1] + " units; a RankNet has one");
            }
            long members = u32("the number of networks");
            if (members < 1 || members > MAX_MEMBERS) {
                throw unsafe("declares " + members + " networks (1 to " + MAX_MEMBERS + " accepted)");
            }
            long perMember = 0;
            for (int i = 0; i + 1 < layers.length; i++) {
                perMember += (long) layers[i] * layers[i + 1] + layers[i + 1];
            }
            if ((perMember + 2 * dimension) * members > MAX_FLOATS) {
                throw unsafe("declares " + perMember * members + " parameters (at most " + MAX_FLOATS
                        + " values in all accepted)");
            }
            checkMeta(meta, layers, members);
            // every size is known up to the normalisation flags: the file must be long enough before we allocate
            long minimum = in.position() + members * (4 + 4 * perMember) + 4;
            if (in.capacity() < minimum) {
                throw truncated("the weights (the file has " + in.capacity() + " bytes, the header declares at least "
                        + minimum + ")");
            }
            List<RankNet> nets = new ArrayList<>((int) members);
            for (int m = 0; m < members; m++) {
                String who = members == 1 ? "" : " of network " + (m + 1);
                long flag = u32("the normalisation flag" + who);
                InputNormalisation norm = null;
                if (flag == 1) {
                    need(8L * dimension, "the input normalisation" + who);
                    float[] mean = floats((int) dimension);
                    float[] scale = floats((int) dimension);
                    try {
                        norm = new InputNormalisation(mean, scale);
                    } catch (IllegalArgumentException e) {
                        throw bad("has a damaged input normalisation" + who + ": " + e.getMessage());
                    }
                } else if (flag != 0) {
                    throw bad("has an unknown normalisation flag " + flag + who);
                }
                need(4 * perMember, "the weights" + who);
                float[][] w = new float[layers.length - 1][];
                float[][] b = new float[layers.length - 1][];
                for (int i = 0; i + 1 < layers.length; i++) {
                    w[i] = floats(layers[i] * layers[i + 1]);
                    b[i] = floats(layers[i + 1]);
                }
                try {
                    nets.add(RankNet.wrap(layers.clone(), w, b, norm));
                } catch (IllegalArgumentException e) {
                    throw bad("has damaged weights" + who + ": " + e.getMessage());
                }
            }
            if (in.remaining() < 4) {
                throw truncated("the checksum");
            }
            int end = in.position();
            int stored = in.getInt();
            if (in.hasRemaining()) {
                throw bad("has " + in.remaining() + " unexpected bytes after its checksum");
            }
            CRC32C crc = new CRC32C();
            crc.update(in.array(), 0, end);
            if ((int) crc.getValue() != stored) {
                throw bad("is damaged: its checksum does not match its content");
            }
            String extractor = Json.asString(meta.get("featureExtractor"), "featureExtractor");
            Object training = meta.get("training");
            Map<String, Object> trainingMap = training == null ? Map.of() : Json.asObject(training, "training");
            try {
                return new RankNetModel(extractor, nets, trainingMap);
            } catch (IllegalArgumentException e) {
                throw bad("is inconsistent: " + e.getMessage());
            }
        }

        private void checkMeta(Map<String, Object> meta, int[] layers, long members) throws WeightFileException {
            try {
                String extractor = Json.asString(Json.member(meta, "featureExtractor", "the metadata"),
                        "featureExtractor");
                if (extractor.isBlank()) {
                    throw bad("names no feature extractor");
                }
                long d = Json.asLong(Json.member(meta, "dimension", "the metadata"), "dimension", 1, MAX_DIMENSION);
                long n = Json.asLong(Json.member(meta, "members", "the metadata"), "members", 1, MAX_MEMBERS);
                if (d != layers[0] || n != members) {
                    throw bad("is inconsistent: its metadata says " + d + " dimensions and " + n
                            + " networks, its header " + layers[0] + " and " + members);
                }
            } catch (IllegalArgumentException e) {
                throw bad("has damaged metadata: " + e.getMessage());
            }
        }

        private long u32(String what) throws WeightFileException {
            if (in.remaining() < 4) {
                throw truncated(what);
            }
            return in.getInt() & 0xffffffffL;
        }

        private void need(long bytes, String what) throws WeightFileException {
            if (in.remaining() < bytes) {
                throw truncated(what);
            }
        }

        private float[] floats(int n) {
            float[] a = new float[n];
            in.asFloatBuffer().get(a);
            in.position(in.position() + 4 * n);
            return a;
        }

        private WeightFileException truncated(String what) {
            return new WeightFileException(file, "Model file \"" + file + "\" is truncated: it ends inside " + what
                    + "; write it again");
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
