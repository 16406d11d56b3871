package io.github.video2gif.core.io;

import io.github.video2gif.api.UnsafeWeightFileException;
import io.github.video2gif.api.WeightFileException;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads numpy's {@code .npz} archives (a zip of {@code .npy} files, stored or deflated, as {@code numpy.savez}
 * and {@code numpy.savez_compressed} write them). Guards against zip bombs: the number of entries, each entry's
 * inflated size (as declared and as actually inflated), the total and the compression ratio are bounded by
 * {@link WeightFileLimits} before and while inflating.
 */
public final class NpzReader {
    private NpzReader() {
    }

    /** Reads every array, keyed by entry name without {@code .npy} (e.g. {@code arr_0}). */
    public static Map<String, Object> read(Path file) throws WeightFileException {
        return read(file, WeightFileLimits.DEFAULT);
    }

    /** Reads every array under the given limits. */
    public static Map<String, Object> read(Path file, WeightFileLimits limits) throws WeightFileException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(limits, "limits");
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<ZipEntry> entries = new ArrayList<>();
            Enumeration<? extends ZipEntry> en = zip.entries();
            long declaredTotal = 0;
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                if (entries.size() >= limits.maxArchiveEntries()) {
                    throw new UnsafeWeightFileException(file, "npz archive \"" + file + "\" has more than "
                            + limits.maxArchiveEntries() + " entries; refused");
                }
                long size = e.getSize();
                long compressed = e.getCompressedSize();
                if (size > limits.maxObjectBytes()) {
                    throw new UnsafeWeightFileException(file, "npz entry \"" + e.getName() + "\" of \"" + file
                            + "\" inflates to " + size + " bytes (limit " + limits.maxObjectBytes() + "); refused");
                }
                if (size > (1 << 20) && compressed > 0 && (double) size / compressed > limits.maxCompressionRatio()) {
                    throw new UnsafeWeightFileException(file, "npz entry \"" + e.getName() + "\" of \"" + file
                            + "\" inflates " + Math.round((double) size / compressed)
                            + " times (limit " + limits.maxCompressionRatio() + "): a zip bomb? Refused");
                }
                declaredTotal += Math.max(0, size);
                if (declaredTotal > limits.maxTotalBytes()) {
                    throw new UnsafeWeightFileException(file, "npz archive \"" + file + "\" inflates to more than "
                            + limits.maxTotalBytes() + " bytes; refused");
                }
                entries.add(e);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            long[] inflated = {0};
            for (ZipEntry e : entries) {
                String name = e.getName();
                String key = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
                String what = "entry \"" + name + "\" of npz archive \"" + file + "\"";
                long bound = e.getSize() >= 0 ? e.getSize() : limits.maxObjectBytes();
                try (InputStream raw = zip.getInputStream(e);
                     InputStream s = new BufferedInputStream(new BoundedStream(raw, bound, inflated, limits, file,
                             what), 1 << 16)) {
                    out.put(key, NpyReader.read(s, e.getSize(), file, what, limits));
                }
            }
            return out;
        } catch (WeightFileException e) {
            throw e;
        } catch (ZipException e) {
            throw new WeightFileException(file, "\"" + file + "\" is not a readable npz (zip) archive: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new WeightFileException(file, "Cannot read npz archive \"" + file + "\": " + e, e);
        }
    }

    /** Counts inflated bytes and stops an entry that inflates past its declared size or the file's total. */
    private static final class BoundedStream extends FilterInputStream {
        private final long bound;
        private final long[] total;
        private final WeightFileLimits limits;
        private final Path file;
        private final String what;
        private long read;

        BoundedStream(InputStream in, long bound, long[] total, WeightFileLimits limits, Path file, String what) {
            super(in);
            this.bound = bound;
            this.total = total;
            this.limits = limits;
            this.file = file;
            this.what = what;
        }

        private void count(long n) throws IOException {
            read += n;
            total[0] += n;
            if (read > bound) {
                throw new UnsafeWeightFileException(file, what + " inflates past its declared size of " + bound
                        + " bytes; refused");
            }
            if (total[0] > limits.maxTotalBytes()) {
                throw new UnsafeWeightFileException(file, what + ": the archive inflates past "
                        + limits.maxTotalBytes() + " bytes; refused");
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }
    }
}
