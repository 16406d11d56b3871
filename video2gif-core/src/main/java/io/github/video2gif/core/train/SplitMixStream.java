package io.github.video2gif.core.train;

/**
 * The floats of {@code new java.util.SplittableRandom(seed).nextFloat()}, bit for bit, addressable by position:
 * SplitMix64 with the golden-ratio gamma, so value {@code k} (0-based) is
 * <pre>
 * mix32(seed + (k + 1) * GAMMA) &gt;&gt;&gt; 8, times 2^-24
 * </pre>
 * and any value can be computed without the ones before it. The trainer draws its dropout masks from this
 * stream: the CPU backend reads it in order ({@link #nextFloat()}), a GPU backend computes the same values in
 * parallel from {@link #seed()} and {@link #position()} ({@link #floatAt}) and then {@link #skip}s past them, so
 * both see the same masks for the same seed. Not thread-safe.
 */
public final class SplitMixStream {
    /** SplittableRandom's default gamma, the odd integer nearest 2^64 / golden ratio. */
    public static final long GAMMA = 0x9e3779b97f4a7c15L;
    /** The two multipliers of the 32-bit finaliser {@link #mix32}. */
    public static final long MIX32_A = 0x62a9d9ed799705f5L;
    public static final long MIX32_B = 0xcb24d0a5c88c35b3L;

    private final long seed;
    private long position;

    /** The stream of {@code new SplittableRandom(seed)}, at position 0. */
    public SplitMixStream(long seed) {
        this.seed = seed;
    }

    /** The seed the stream started from. */
    public long seed() {
        return seed;
    }

    /** How many values have been drawn or skipped. */
    public long position() {
        return position;
    }

    /** The next value, in [0, 1). */
    public float nextFloat() {
        return floatAt(seed, position++);
    }

    /** Moves past {@code count} values (drawn elsewhere, e.g. on a GPU). */
    public void skip(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        position += count;
    }

    /** Value {@code position} (0-based) of the stream of {@code seed}. */
    public static float floatAt(long seed, long position) {
        return (mix32(seed + (position + 1) * GAMMA) >>> 8) * 0x1.0p-24f;
    }

    /** SplittableRandom's 32-bit output function. */
    static int mix32(long z) {
        z = (z ^ (z >>> 33)) * MIX32_A;
        return (int) (((z ^ (z >>> 28)) * MIX32_B) >>> 32);
    }

    @Override
    public String toString() {
        return "SplitMixStream[seed " + seed + ", position " + position + "]";
    }
}
