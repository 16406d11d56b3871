package io.github.video2gif.core.dataset;

import io.github.video2gif.api.OutputException;
import io.github.video2gif.api.Segment;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.core.io.AtomicFiles;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A disk cache of {@link AnalyzedVideo}s so that training over many epochs or runs decodes each video once.
 *
 * <p>An entry is keyed by the video's absolute path, size and modification time and by an analysis key (the
 * feature extractor's name plus whatever else changes the result, such as the segmenter and its settings): a
 * changed video or analysis misses. Each entry is one file {@code <sha-256 of the key>.v2gfc} in the cache
 * folder, written atomically, versioned, checksummed, and holding its full key; an entry that is damaged, of
 * another version, or for another key is ignored (and replaced on the next {@link #put}), never trusted.
 *
 * <p>Entry format (little-endian): magic {@code 89 56 32 47 46 43 0A 00} ("\x89V2GFC\n\0"), u32 version 1,
 * u32 key length + UTF-8 key, u32 length + UTF-8 extractor name, i64 frames, f64 fps, u32 segments n,
 * u32 dimension d, n x (i64 start frame, i64 end frame, f64 start s, f64 end s), n x d f32 features, u32
 * CRC-32C of everything before it.
 */
public final class FeatureCache {
    private static final Logger LOG = LoggerFactory.getLogger(FeatureCache.class);
    static final byte[] MAGIC = {(byte) 0x89, 'V', '2', 'G', 'F', 'C', '\n', 0};
    /** The entry format version. */
    public static final int VERSION = 1;
    private static final int MAX_SEGMENTS = 10_000_000;
    private static final int MAX_DIMENSION = 1 << 20;
    private static final long MAX_VALUES = 1L << 28;

    private final Path directory;

    /** A cache in {@code directory} (created on the first write). */
    public FeatureCache(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    public Path directory() {
        return directory;
    }

    /** An analyzer that looks in this cache first and stores what {@code analyzer} computes. */
    public VideoAnalyzer cached(String analysisKey, VideoAnalyzer analyzer) {
        Objects.requireNonNull(analyzer, "analyzer");
        return video -> getOrCompute(video, analysisKey, analyzer);
    }

    /** The cached analysis, or what {@code analyzer} computes (then stored). */
    public AnalyzedVideo getOrCompute(Path video, String analysisKey, VideoAnalyzer analyzer)
            throws Video2GifException {
        Optional<AnalyzedVideo> hit = get(video, analysisKey);
        if (hit.isPresent()) {
            return hit.get();
        }
        AnalyzedVideo a = analyzer.analyze(video);
        try {
            put(video, analysisKey, a);
        } catch (OutputException e) {
            LOG.warn("cannot store the features of \"{}\" in the cache: {}", video, e.getMessage());
        }
        return a;
    }

    /** The cached analysis of the video as it is now, if there is a valid entry. */
    public Optional<AnalyzedVideo> get(Path video, String analysisKey) throws Video2GifException {
        String key = key(video, analysisKey);
        Path entry = entry(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(entry);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("cannot read the cache entry \"{}\": {}", entry, e.toString());
            return Optional.empty();
        }
        try {
            return Optional.of(parse(bytes, key));
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
            LOG.warn("ignoring the cache entry \"{}\" for \"{}\": {}", entry, video, e.getMessage());
            return Optional.empty();
        }
    }

    /** Stores an analysis of the video as it is now. */
    public void put(Path video, String analysisKey, AnalyzedVideo analyzed) throws Video2GifException {
        String key = key(video, analysisKey);
        AtomicFiles.write(entry(key), "feature cache entry", out -> write(out, key, analyzed));
    }

    /** The file that holds (or would hold) a video's entry. */
    public Path entryFile(Path video, String analysisKey) throws Video2GifException {
        return entry(key(video, analysisKey));
    }

    private Path entry(String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return directory.resolve(HexFormat.of().formatHex(h) + ".v2gfc");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The identity of a video's analysis: path, size, modification time and analysis key. */
    static String key(Path video, String analysisKey) throws Video2GifException {
        Objects.requireNonNull(analysisKey, "analysisKey");
        if (analysisKey.isBlank()) {
            throw new IllegalArgumentException("the analysis key must name at least the feature extractor");
        }
        Path abs = video.toAbsolutePath().normalize();
        try {
            BasicFileAttributes a = Files.readAttributes(abs, BasicFileAttributes.class);
            return "video2gif feature cache " + VERSION + "\n" + abs + "\n" + a.size() + "\n"
                    + a.lastModifiedTime().toMillis() + "\n" + analysisKey;
        } catch (NoSuchFileException e) {
            throw new io.github.video2gif.api.VideoNotFoundException(video, "Video \"" + video + "\" does not exist");
        } catch (IOException e) {
            throw new Video2GifException(video, "Cannot read the attributes of \"" + video + "\": " + e, e);
        }
    }

    private static void write(OutputStream raw, String key, AnalyzedVideo a) throws IOException {
        CRC32C crc = new CRC32C();
        OutputStream checked = new CheckedOutputStream(raw, crc);
        DataOutputStream out = new DataOutputStream(checked);
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        byte[] x = a.featureExtractor().getBytes(StandardCharsets.UTF_8);
        int n = a.segments().size();
        int d = a.dimension();
        ByteBuffer head = ByteBuffer.allocate(8 + 4 + 4 + k.length + 4 + x.length + 8 + 8 + 4 + 4)
                .order(ByteOrder.LITTLE_ENDIAN);
        head.put(MAGIC).putInt(VERSION).putInt(k.length).put(k).putInt(x.length).put(x).putLong(a.frames())
                .putDouble(a.fps()).putInt(n).putInt(d);
        out.write(head.array());
        ByteBuffer seg = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        for (Segment s : a.segments()) {
            seg.clear();
            seg.putLong(s.startFrame()).putLong(s.endFrame()).putDouble(s.startSec()).putDouble(s.endSec());
            out.write(seg.array());
        }
        ByteBuffer row = ByteBuffer.allocate(4 * Math.max(d, 1)).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] f : a.features()) {
            row.clear();
            row.asFloatBuffer().put(f);
            out.write(row.array(), 0, 4 * d);
        }
        out.flush();
        raw.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue()).array());
    }

    static AnalyzedVideo parse(byte[] bytes, String key) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || !Arrays.equals(Arrays.copyOf(bytes, 8), MAGIC)) {
            throw new IllegalArgumentException("not a feature cache entry");
        }
        in.position(8);
        int version = in.getInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("entry version " + version + ", expected " + VERSION);
        }
        if (bytes.length < 4) {
            throw new IllegalArgumentException("truncated");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()) {
            throw new IllegalArgumentException("damaged (checksum mismatch)");
        }
        String storedKey = string(in, "key");
        if (!storedKey.equals(key)) {
            throw new IllegalArgumentException("it belongs to another video or analysis");
        }
        String extractor = string(in, "extractor name");
        long frames = in.getLong();
        double fps = in.getDouble();
        int n = in.getInt();
        int d = in.getInt();
        if (n < 0 || n > MAX_SEGMENTS || d < 0 || d > MAX_DIMENSION || (long) n * d > MAX_VALUES) {
            throw new IllegalArgumentException("absurd sizes: " + n + " segments of dimension " + d);
        }
        long expected = (long) in.position() + 32L * n + 4L * n * d + 4;
        if (expected != bytes.length) {
            throw new IllegalArgumentException("its length " + bytes.length + " does not match its sizes (" + expected
                    + ")");
        }
        List<Segment> segments = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            segments.add(new Segment(in.getLong(), in.getLong(), in.getDouble(), in.getDouble()));
        }
        List<float[]> features = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] f = new float[d];
            in.asFloatBuffer().get(f);
            in.position(in.position() + 4 * d);
            for (float v : f) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("non-finite feature value");
                }
            }
            features.add(f);
        }
        return new AnalyzedVideo(extractor, frames, fps, segments, features);
    }

    private static String string(ByteBuffer in, String what) {
        int len = in.getInt();
        if (len < 0 || len > in.remaining()) {
            throw new IllegalArgumentException("bad " + what + " length " + len);
        }
        byte[] b = new byte[len];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
