package io.github.video2gif.core.io;

/**
 * Bounds that a weight file must respect before anything is allocated for it, so that a hostile or broken file
 * (a pickle announcing a 100 GB string, an npz entry that inflates a thousandfold) fails with a clear error
 * instead of exhausting memory.
 *
 * @param maxArrayElements      most values in one array
 * @param maxObjectBytes        most bytes in one byte string, text or array payload
 * @param maxTotalBytes         most bytes read or inflated from one file in all
 * @param maxContainerItems     most items on the pickle stack, in its memo, or in one container (and a pickle
 *                              creates at most four times as many values in all)
 * @param maxArchiveEntries     most entries in one npz archive
 * @param maxCompressionRatio   largest inflated/compressed size ratio of an npz entry above 1 MiB
 */
public record WeightFileLimits(long maxArrayElements, long maxObjectBytes, long maxTotalBytes,
                               int maxContainerItems, int maxArchiveEntries, double maxCompressionRatio) {
    /**
     * Defaults sized for the released Video2GIF files (the largest array, fc6, holds 33.6 M values; the whole
     * C3D pickle is about 320 MB and creates a few hundred values) with room to spare: 512 M values per array,
     * 2 GiB per object, 4 GiB per file, 1 M container items (4 M values in all), 4096 archive entries, ratio 1000.
     */
    public static final WeightFileLimits DEFAULT = new WeightFileLimits(512L << 20, 2L << 30, 4L << 30,
            1_000_000, 4096, 1000);

    public WeightFileLimits {
        if (maxArrayElements <= 0 || maxObjectBytes <= 0 || maxTotalBytes <= 0 || maxContainerItems <= 0
                || maxArchiveEntries <= 0 || !(maxCompressionRatio >= 1)) {
            throw new IllegalArgumentException("weight file limits must be positive (ratio >= 1)");
        }
        // one array is a Java float[]: never more than the VM allows
        maxArrayElements = Math.min(maxArrayElements, Integer.MAX_VALUE - 16);
        maxObjectBytes = Math.min(maxObjectBytes, Integer.MAX_VALUE - 16);
    }
}
