package io.github.video2gif.core.gif;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The GIF variant of LZW compression: variable-width codes (from {@code minCodeSize + 1} up to 12 bits), packed
 * least significant bit first, a clear code first and whenever the code table fills (4,096 codes), an end code
 * last.
 *
 * <p>The string table is an open-addressing hash of (prefix code, next index) pairs, reset in constant time by a
 * generation counter. For {@link #encodeLossy lossy} coding each code also keeps a 256-bit set of the indices that
 * extend it, so that the coder can search the table for the longest string whose indices are all close enough to
 * the wanted ones (the idea of gifsicle's {@code --lossy}; written here from that description, with a search of
 * the table in place of a greedy extension).
 *
 * <p>A frame may be coded in several {@link Segment segments}, each starting with an empty table, on several
 * threads, and joined bit-exactly ({@link #join}).
 *
 * <p>Not thread-safe; one encoder per thread. The tables are reused from call to call.
 */
public final class LzwEncoder {
    /** Largest number of codes (12 bits). */
    public static final int MAX_CODES = 4096;
    /** Colours the coder may put in the place of a colour: itself and its closest ones. */
    static final int NEAR = 8;
    /** Side branches the search may try for one string, beyond its first choice at each step. */
    static final int BRANCH_BUDGET = 4;
    private static final int HASH_BITS = 14;
    private static final int HASH_SIZE = 1 << HASH_BITS;
    private static final int HASH_MASK = HASH_SIZE - 1;
    /** Mask bit for the transparent index. */
    private static final int T_BIT = 1 << NEAR;
    /** Mask bit for the palette index showing on the canvas (the colour transparency reveals). */
    private static final int R_BIT = 1 << (NEAR + 1);

    private final int minCodeSize;
    private final int clearCode;
    private final int endCode;

    private final int[] hashKeys = new int[HASH_SIZE];
    private final short[] hashCodes = new short[HASH_SIZE];
    private int generation = 1;

    private final byte[] suffix = new byte[MAX_CODES];
    private final short[] prefixOf = new short[MAX_CODES];
    /** For the search: per code, a bit for each index that extends it in the table (four words a code). */
    private final long[] children = new long[MAX_CODES * 4];
    private boolean childBits;

    private byte[] out = new byte[1 << 14];
    private int outLength;
    private long bitBuffer;
    private int bitCount;
    private int nextCode;
    private int decoderNext;
    private boolean firstAfterClear;

    // search state, reused from call to call
    /** Per position: which near colours and whether transparency may stand there, valid where stamped. */
    private short[] maskAt = new short[0];
    private int[] stampAt = new int[0];
    private int stamp;
    private int end;
    private byte[] wanted;
    private int[] source;
    private int[] canvas;
    private byte[] mappedAt;
    private int[] pal;
    private int[] nearIdx;
    private int[] nearDiff;
    private Colors colors;
    /** This call's view of the colours' residual tables (filled from them on first use). */
    private short[][] residualMasks = new short[256][];
    private int[] validNear;
    private int transparent;
    private int squaredTolerance;
    private int l1Tolerance;
    private boolean useSq;
    private boolean useL1;
    private int searchStart;
    private int budget;
    private int bestDepth;
    private int bestCode;

    /** @param minCodeSize bits an index (2 to 8), as written before the image data */
    public LzwEncoder(int minCodeSize) {
        if (minCodeSize < 2 || minCodeSize > 8) {
            throw new IllegalArgumentException("minCodeSize must be in [2, 8], was " + minCodeSize);
        }
        this.minCodeSize = minCodeSize;
        this.clearCode = 1 << minCodeSize;
        this.endCode = clearCode + 1;
        for (int i = 0; i < clearCode; i++) {
            suffix[i] = (byte) i;
        }
    }

    /** The smallest legal minimum code size for a palette of {@code entries} (at least 2, as GIF requires). */
    public static int minCodeSizeFor(int entries) {
        int bits = 2;
        while ((1 << bits) < entries) {
            bits++;
        }
        return bits;
    }

    public int minCodeSize() {
        return minCodeSize;
    }

    /**
     * Compresses {@code indices[0, length)}; every index must be below {@code 1 << minCodeSize}.
     *
     * @return the code stream (without GIF's sub-block framing)
     */
    public byte[] encode(byte[] indices, int length) {
        checkLength(indices, length);
        childBits = false;
        outLength = 0;
        begin(true);
        int prefix = indices[0] & 0xFF;
        checkIndex(prefix);
        int limit = clearCode;
        for (int i = 1; i < length; i++) {
            int c = indices[i] & 0xFF;
            if (c >= limit) {
                checkIndex(c);
            }
            int key = (prefix << 8) | c;
            int tagged = (generation << 20) | key;
            int h = (key * 0x9E3779B1) >>> (32 - HASH_BITS);
            while (true) {
                int stored = hashKeys[h];
                if (stored == tagged) {
                    prefix = hashCodes[h];
                    break;
                }
                if ((stored >>> 20) != generation) {
                    emit(prefix);
                    add(h, tagged);
                    prefix = c;
                    break;
                }
                h = (h + 1) & HASH_MASK;
            }
        }
        emit(prefix);
        emit(endCode);
        return flush().toBytes();
    }

    /**
     * A palette prepared for {@link #encodeLossy}: its colours, its transparent index, and for every colour its
     * {@value #NEAR} closest colours (itself first), the only ones the coder considers in its place. Immutable,
     * shareable between threads.
     */
    public static final class Colors {
        final int[] rgb;
        final int transparent;
        /** Per colour, {@value #NEAR} indices, closest first (itself first), -1 where the palette has fewer. */
        final int[] near;
        /** Per colour and near colour: the difference vector (R, G, B) and its squared length. */
        final int[] nearDiff;

        /**
         * @param palette     the colour of each index, {@code 0xRRGGBB} (the transparent index's entry is ignored)
         * @param transparent the transparent index, or -1 for none
         */
        public Colors(int[] palette, int transparent) {
            if (palette.length < 1 || palette.length > 256 || transparent >= palette.length) {
                throw new IllegalArgumentException("need 1 to 256 colours and a transparent index among them or -1");
            }
            this.rgb = palette.clone();
            this.transparent = transparent;
            int n = palette.length;
            near = new int[n * NEAR];
            nearDiff = new int[n * NEAR * 4];
            Arrays.fill(near, -1);
            long[] keys = new long[n];
            for (int a = 0; a < n; a++) {
                if (a == transparent) {
                    continue;
                }
                int k = 0;
                for (int b = 0; b < n; b++) {
                    if (b != transparent) {
                        // itself sorts first: distance 0 and, among equal colours, the -1 tie-break below
                        keys[k++] = ((long) (2 * sq(palette[a], palette[b]) + (b == a ? 0 : 1)) << 32) | b;
                    }
                }
                Arrays.sort(keys, 0, k);
                for (int q = 0; q < Math.min(k, NEAR); q++) {
                    int b = (int) keys[q];
                    near[a * NEAR + q] = b;
                    int d = (a * NEAR + q) * 4;
                    int dr = (palette[b] >> 16 & 0xFF) - (palette[a] >> 16 & 0xFF);
                    int dg = (palette[b] >> 8 & 0xFF) - (palette[a] >> 8 & 0xFF);
                    int db = (palette[b] & 0xFF) - (palette[a] & 0xFF);
                    nearDiff[d] = dr;
                    nearDiff[d + 1] = dg;
                    nearDiff[d + 2] = db;
                    nearDiff[d + 3] = dr * dr + dg * dg + db * db;
                }
            }
        }

        /** Residuals (source minus palette colour) up to this many levels a channel are looked up, not computed. */
        static final int RESIDUAL = 5;
        static final int SIDE = 2 * RESIDUAL + 1;
        /** Per colour, the near colours within a squared-error tolerance for every small residual. */
        private volatile MaskTable maskTable;

        private record MaskTable(int tolerance, int squaredTolerance, AtomicReferenceArray<short[]> masks) {
        }

        /**
         * For colour {@code shown}, per residual (source minus colour, each channel -{@value #RESIDUAL} to
         * {@value #RESIDUAL} levels, red slowest): {@link #nearMask}. Built the first time it is asked for (racing
         * threads build equal tables).
         */
        short[] residualMasks(int shown, int tolerance, int squaredTolerance) {
            MaskTable table = maskTable;
            if (table == null || table.tolerance() != tolerance || table.squaredTolerance() != squaredTolerance) {
                table = new MaskTable(tolerance, squaredTolerance, new AtomicReferenceArray<>(rgb.length));
                maskTable = table;
            }
            short[] masks = table.masks().get(shown);
            if (masks == null) {
                masks = new short[SIDE * SIDE * SIDE];
                int at = 0;
                for (int r = -RESIDUAL; r <= RESIDUAL; r++) {
                    for (int g = -RESIDUAL; g <= RESIDUAL; g++) {
                        for (int b = -RESIDUAL; b <= RESIDUAL; b++) {
                            masks[at++] = (short) nearMask(shown, r, g, b, tolerance, squaredTolerance);
                        }
                    }
                }
                table.masks().set(shown, masks);
            }
            return masks;
        }

        /**
         * Bits of the near colours of {@code shown} (bit 0 itself) that may stand in for it at a source colour
         * {@code (rr, rg, rb)} away from it: within {@code tolerance} of its {@link #distance} (when positive) or
         * within {@code squaredTolerance} of its squared error (when positive). The squared error of near colour
         * k is the colour's own plus |d|^2 - 2 r.d, d the difference of the colours.
         */
        int nearMask(int shown, int rr, int rg, int rb, int tolerance, int squaredTolerance) {
            int mask = 1;
            int base = shown * NEAR;
            int pc = rgb[shown];
            int src = 0;
            int wl = 0;
            if (tolerance > 0) {
                int r = Math.max(0, Math.min(255, (pc >> 16 & 0xFF) + rr));
                int g = Math.max(0, Math.min(255, (pc >> 8 & 0xFF) + rg));
                int b = Math.max(0, Math.min(255, (pc & 0xFF) + rb));
                src = r << 16 | g << 8 | b;
                wl = distance(src, pc) + tolerance;
            }
            for (int k = 1; k < NEAR; k++) {
                int q = near[base + k];
                if (q < 0) {
                    continue;
                }
                int d = (base + k) * 4;
                int extra = nearDiff[d + 3] - 2 * (rr * nearDiff[d] + rg * nearDiff[d + 1] + rb * nearDiff[d + 2]);
                if ((squaredTolerance > 0 && extra <= squaredTolerance)
                        || (tolerance > 0 && distance(src, rgb[q]) <= wl)) {
                    mask |= 1 << k;
                }
            }
            return mask;
        }

        /** Per colour, a bit for each near colour that exists and is below {@code limit}. */
        int[] validNear(int limit) {
            int[] v = new int[rgb.length];
            for (int a = 0; a < rgb.length; a++) {
                for (int k = 0; k < NEAR; k++) {
                    int q = near[a * NEAR + k];
                    if (q >= 0 && q < limit) {
                        v[a] |= 1 << k;
                    }
                }
            }
            return v;
        }
    }

    /**
     * Compresses like {@link #encode} but may code a pixel with another index than the one given, and writes the
     * indices actually coded back into {@code indices}; the same as {@link #encodeLossy(byte[], int, int, int[],
     * int[], byte[], Colors, int, int, boolean, boolean) the segment form} with no squared-error tolerance, as one
     * segment.
     *
     * @param tolerance extra distance allowed, in the units of {@link #distance}
     * @return the code stream (without GIF's sub-block framing)
     */
    public byte[] encodeLossy(byte[] indices, int length, int[] source, int[] canvasIndex, Colors colors,
                              int tolerance) {
        return encodeLossy(indices, 0, length, source, canvasIndex, null, colors, tolerance, 0, true, true).toBytes();
    }

    /**
     * Compresses {@code indices[from, from + length)} as one segment of an image's code stream, letting a pixel
     * take another index than the one given where that continues a string of the table, and writes the indices
     * actually coded back into {@code indices}.
     *
     * <p>An index {@code s} may stand in for the wanted index {@code c} at a position when the colour it shows is
     * within {@code tolerance} of the distance ({@link #distance}) of {@code c}'s colour from the source colour,
     * or, when {@code squaredTolerance > 0}, within {@code squaredTolerance} of its squared error (the sum over R,
     * G and B of the squared differences in levels). The colour an index shows is its palette colour, or, for the
     * transparent index, the colour already on the canvas there. Where the wanted index is the transparent one
     * and {@code mappedIndex} gives the colour the pixel was mapped to, that colour is the reference instead (so
     * tolerances do not add up over a pixel left unchanged), and transparency and the colour it reveals stay
     * allowed. With both tolerances 0 no pixel gets further from its source; in particular an unchanged pixel may
     * be coded either as transparent or as the colour it already shows. Only transparency, the colour it reveals
     * and the {@value #NEAR} palette colours closest to the reference are candidates, and only indices below
     * {@code 1 << minCodeSize}.
     *
     * <p>Each string is chosen by a bounded depth-first search of the table: from each position the coder looks
     * for the longest string in the table whose every index may stand at its position. It follows the wanted
     * index while that extends the string; where it does not, the closest allowed colour that does, and it tries
     * at most {@value #BRANCH_BUDGET} side branches for a string (other allowed extensions, other first indices);
     * of equally long strings it keeps the first found. This finds much longer strings than extending greedily
     * where noise or transparency offers several good indices: about an eighth fewer bytes than the greedy
     * choice on sensor noise at the same tolerance.
     *
     * @param source           the wanted colour at each position, {@code 0xRRGGBB} (same positions as indices)
     * @param canvasIndex      the palette index showing at each position (what transparency reveals), or
     *                         {@code null} when nothing shows yet (then the transparent index is never a candidate)
     * @param mappedIndex      the index each pixel was mapped to before unchanged ones were made transparent, or
     *                         {@code null}
     * @param colors           the palette and its transparent index
     * @param tolerance        extra distance allowed, in the units of {@link #distance}
     * @param squaredTolerance extra squared error allowed (levels squared, summed over R, G, B)
     * @param first            this segment starts the image: it begins with a clear code (other segments start
     *                         with the empty table the previous segment's final clear code leaves)
     * @param last             this segment ends the image: it ends with the end code (other segments with a clear
     *                         code)
     */
    public Segment encodeLossy(byte[] indices, int from, int length, int[] source, int[] canvasIndex,
                               byte[] mappedIndex, Colors colors, int tolerance, int squaredTolerance, boolean first,
                               boolean last) {
        if (from < 0 || length < 1 || from + length > indices.length) {
            throw new IllegalArgumentException("positions [" + from + ", " + (from + length) + ") are not within "
                    + indices.length + " indices");
        }
        if (tolerance < 0 || squaredTolerance < 0) {
            throw new IllegalArgumentException("tolerances must be >= 0, were " + tolerance + ", " + squaredTolerance);
        }
        if (source.length < from + length || (canvasIndex != null && canvasIndex.length < from + length)
                || (mappedIndex != null && mappedIndex.length < from + length)) {
            throw new IllegalArgumentException("source, canvasIndex and mappedIndex must cover the positions coded");
        }
        int stop = from + length;
        int t = canvasIndex == null ? -1 : colors.transparent;
        for (int j = from; j < stop; j++) {
            int c = indices[j] & 0xFF;
            if (c >= clearCode || (c == colors.transparent && t < 0) || (c != t && c >= colors.rgb.length)) {
                throw new IllegalArgumentException("index " + c + " at " + j + " has no colour or does not fit "
                        + "a minimum code size of " + minCodeSize);
            }
        }
        if (tolerance == 0 && squaredTolerance == 0) {
            return encodeRevealing(indices, from, length, canvasIndex, colors, first, last);
        }
        start(indices, stop, source, canvasIndex, mappedIndex, colors, tolerance, squaredTolerance);
        childBits = true;
        outLength = 0;
        begin(first);
        int prev = -1;
        int prevStart = 0;
        int prevLength = 0;
        int p = from;
        while (p < stop) {
            search(p);
            int code = bestCode;
            int depth = bestDepth;
            boolean repeat = false;
            if (prev >= 0) {
                // the entry about to be made (previous string + this string's first index) is itself usable when
                // this string repeats the previous one and its first index ("KwKwK")
                int s0 = indices[prevStart] & 0xFF;
                int root = firstOf(code, depth);
                repeat = prevLength + 1 > depth && s0 == root && repeats(indices, prevStart, prevLength, p, s0);
                int next = nextCode;
                boolean cleared = addEntry(prev, root);
                if (cleared) {
                    repeat = false;
                    search(p);
                    code = bestCode;
                    depth = bestDepth;
                } else if (repeat) {
                    code = next;
                    depth = prevLength + 1;
                }
            }
            if (repeat) {
                System.arraycopy(indices, prevStart, indices, p, prevLength);
                indices[p + prevLength] = indices[prevStart];
            } else {
                for (int k = depth - 1, c = code; k >= 0; k--) {
                    indices[p + k] = suffix[c];
                    c = prefixOf[c];
                }
            }
            emit(code);
            prev = code;
            prevStart = p;
            prevLength = depth;
            p += depth;
        }
        emit(last ? endCode : clearCode);
        wanted = null;
        this.source = null;
        canvas = null;
        mappedAt = null;
        colors = null;
        return flush();
    }

    /**
     * The lossless case, greedily: codes the indices as given, except that a transparent pixel is coded as the
     * colour it reveals where that continues the string and the transparent index would not.
     */
    private Segment encodeRevealing(byte[] indices, int from, int length, int[] canvasIndex, Colors colors,
                                    boolean first, boolean last) {
        int t = canvasIndex == null ? -1 : colors.transparent;
        childBits = false;
        outLength = 0;
        begin(first);
        int prefix = indices[from] & 0xFF;
        int limit = clearCode;
        int stop = from + length;
        for (int i = from + 1; i < stop; i++) {
            int c = indices[i] & 0xFF;
            int key = (prefix << 8) | c;
            int tagged = (generation << 20) | key;
            int h = (key * 0x9E3779B1) >>> (32 - HASH_BITS);
            int stored;
            while ((stored = hashKeys[h]) != tagged && (stored >>> 20) == generation) {
                h = (h + 1) & HASH_MASK;
            }
            if (stored == tagged) {
                prefix = hashCodes[h];
                continue;
            }
            if (c == t && canvasIndex[i] < limit) {
                int code = find(prefix, canvasIndex[i]);
                if (code >= 0) {
                    prefix = code;
                    indices[i] = (byte) canvasIndex[i];
                    continue;
                }
            }
            emit(prefix);
            add(h, tagged);
            prefix = c;
        }
        emit(prefix);
        emit(last ? endCode : clearCode);
        return flush();
    }

    /** Sets up the search over positions below {@code stop}. */
    private void start(byte[] indices, int stop, int[] src, int[] canvasIndex, byte[] mappedIndex, Colors colors,
                       int tolerance, int sqTolerance) {
        if (maskAt.length < stop) {
            int n = Math.max(stop, maskAt.length * 2);
            maskAt = new short[n];
            stampAt = new int[n];
            stamp = 0;
        }
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(stampAt, 0);
            stamp = 1;
        }
        wanted = indices;
        source = src;
        canvas = canvasIndex;
        mappedAt = mappedIndex;
        pal = colors.rgb;
        nearIdx = colors.near;
        nearDiff = colors.nearDiff;
        this.colors = colors;
        Arrays.fill(residualMasks, null);
        validNear = colors.validNear(clearCode);
        transparent = canvasIndex == null ? -1 : colors.transparent;
        squaredTolerance = sqTolerance;
        l1Tolerance = tolerance;
        useSq = sqTolerance > 0;
        useL1 = tolerance > 0;
        end = stop;
    }

    /**
     * Which indices may stand at position {@code j} besides the wanted one: bit k for the k-th near colour of the
     * reference colour ({@link #referenceAt}), bit {@value #NEAR} for transparency, the next for the colour on the
     * canvas. Computed once a position.
     */
    private int mask(int j) {
        if (stampAt[j] == stamp) {
            return maskAt[j];
        }
        int c = wanted[j] & 0xFF;
        int t = transparent;
        int ref = referenceAt(j);
        int s = source[j];
        int pc = pal[ref];
        int rr = (s >> 16 & 0xFF) - (pc >> 16 & 0xFF);
        int rg = (s >> 8 & 0xFF) - (pc >> 8 & 0xFF);
        int rb = (s & 0xFF) - (pc & 0xFF);
        int w = rr * rr + rg * rg + rb * rb;
        int lim = Colors.RESIDUAL;
        int mask;
        if (rr >= -lim && rr <= lim && rg >= -lim && rg <= lim && rb >= -lim && rb <= lim) {
            short[] table = residualMasks[ref];
            if (table == null) {
                table = colors.residualMasks(ref, l1Tolerance, squaredTolerance);
                residualMasks[ref] = table;
            }
            mask = table[((rr + lim) * Colors.SIDE + rg + lim) * Colors.SIDE + rb + lim];
        } else {
            mask = colors.nearMask(ref, rr, rg, rb, l1Tolerance, squaredTolerance);
        }
        int wl = useL1 ? distance(s, pc) + l1Tolerance : 0;
        mask &= validNear[ref];
        if (t >= 0) {
            int v = canvas[j];
            boolean fits = v < clearCode;
            if (c == t) {
                mask |= T_BIT | (fits ? R_BIT : 0);
            } else {
                int vc = pal[v];
                if ((useSq && sq(s, vc) <= w + squaredTolerance) || (useL1 && distance(s, vc) <= wl)) {
                    mask |= T_BIT | (fits ? R_BIT : 0);
                }
            }
        }
        maskAt[j] = (short) mask;
        stampAt[j] = stamp;
        return mask;
    }

    /** The index of bit {@code k} of the mask at position {@code j} with reference colour {@code ref}. */
    private int indexOf(int k, int ref, int j) {
        return k < NEAR ? nearIdx[ref * NEAR + k] : k == NEAR ? transparent : canvas[j];
    }

    /**
     * The palette index the tolerances at {@code j} are measured from: the wanted index, or where that is the
     * transparent one, the index the pixel was mapped to (or, when not known, the one showing).
     */
    private int referenceAt(int j) {
        int c = wanted[j] & 0xFF;
        if (c != transparent) {
            return c;
        }
        return mappedAt != null ? mappedAt[j] & 0xFF : canvas[j];
    }

    /** The first index of the string of {@code code}, {@code depth} long. */
    private int firstOf(int code, int depth) {
        int c = code;
        for (int k = depth - 1; k > 0; k--) {
            c = prefixOf[c];
        }
        return c;
    }

    /** Whether index {@code s} may stand at position {@code j}. */
    private boolean allowed(int j, int s) {
        if (s == (wanted[j] & 0xFF)) {
            return true;
        }
        int mask = mask(j);
        if (s == transparent) {
            return (mask & T_BIT) != 0;
        }
        if ((mask & R_BIT) != 0 && s == canvas[j]) {
            return true;
        }
        int base = referenceAt(j) * NEAR;
        for (int m = mask & (T_BIT - 1); m != 0; m &= m - 1) {
            if (nearIdx[base + Integer.numberOfTrailingZeros(m)] == s) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code indices[from, from + n)} followed by {@code s0} may stand at {@code at}. */
    private boolean repeats(byte[] indices, int from, int n, int at, int s0) {
        if (at + n >= end) {
            return false;
        }
        for (int k = 0; k <= n; k++) {
            int s = k < n ? indices[from + k] & 0xFF : s0;
            if (!allowed(at + k, s)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether index {@code s} shows at unchanged position {@code j} the colour that transparency (the wanted
     * index there) reveals: the search does not branch between the two, it prefers transparency.
     */
    private boolean revealing(int j, int s) {
        int t = transparent;
        return (wanted[j] & 0xFF) == t && s == canvas[j];
    }

    /** Finds the longest acceptable string from position {@code p}: sets bestCode and bestDepth. */
    private void search(int p) {
        searchStart = p;
        bestDepth = 0;
        bestCode = -1;
        budget = BRANCH_BUDGET;
        // every index is a string of one: start from the wanted one, then try the others
        int c = wanted[p] & 0xFF;
        follow(c, 1);
        if (budget > 0) {
            int ref = referenceAt(p);
            for (int m = mask(p); m != 0 && budget > 0; m &= m - 1) {
                int s = indexOf(Integer.numberOfTrailingZeros(m), ref, p);
                if (s != c && !revealing(p, s)) {
                    budget--;
                    follow(s, 1);
                }
            }
        }
    }

    /**
     * Follows the table from {@code node} (a string {@code depth} long): by the wanted index while it extends the
     * string; where it does not, by the closest allowed index that does, branching to the others that do while
     * the budget lasts.
     */
    private void follow(int node, int depth) {
        long[] ch = children;
        while (true) {
            if (depth > bestDepth) {
                bestDepth = depth;
                bestCode = node;
            }
            int j = searchStart + depth;
            if (j >= end) {
                return;
            }
            int c = wanted[j] & 0xFF;
            if ((ch[node << 2 | c >>> 6] & (1L << c)) != 0) {
                node = find(node, c);
                depth++;
                continue;
            }
            int mask = mask(j);
            if (mask == 1 && c != transparent) {
                return; // only the wanted index may stand here
            }
            int ref = referenceAt(j);
            int next = -1;
            for (int m = mask; m != 0; m &= m - 1) {
                int s = indexOf(Integer.numberOfTrailingZeros(m), ref, j);
                if (s == c || (ch[node << 2 | s >>> 6] & (1L << s)) == 0) {
                    continue;
                }
                if (next < 0) {
                    next = find(node, s);
                } else if (budget > 0) {
                    budget--;
                    follow(find(node, s), depth + 1);
                } else {
                    break;
                }
            }
            if (next < 0) {
                return;
            }
            node = next;
            depth++;
        }
    }

    /** Squared difference of two colours, summed over R, G and B. */
    static int sq(int a, int b) {
        int dr = (a >> 16 & 0xFF) - (b >> 16 & 0xFF);
        int dg = (a >> 8 & 0xFF) - (b >> 8 & 0xFF);
        int db = (a & 0xFF) - (b & 0xFF);
        return dr * dr + dg * dg + db * db;
    }

    /**
     * Makes the table entry (prefix, next) that the decoder will make, even when the same string is already in
     * the table (the decoder numbers it all the same). Returns whether the table filled and was cleared.
     */
    private boolean addEntry(int prefix, int next) {
        int key = (prefix << 8) | next;
        int tagged = (generation << 20) | key;
        int h = (key * 0x9E3779B1) >>> (32 - HASH_BITS);
        while (true) {
            int stored = hashKeys[h];
            if (stored == tagged) {
                int code = nextCode++;
                suffix[code] = (byte) next;
                prefixOf[code] = (short) prefix;
                int b = code << 2;
                children[b] = 0;
                children[b + 1] = 0;
                children[b + 2] = 0;
                children[b + 3] = 0;
                if (nextCode == MAX_CODES) {
                    emit(clearCode);
                    reset();
                    return true;
                }
                return false;
            }
            if ((stored >>> 20) != generation) {
                boolean full = nextCode + 1 == MAX_CODES;
                add(h, tagged);
                return full;
            }
            h = (h + 1) & HASH_MASK;
        }
    }

    /** The code of string (prefix, next index), or -1. */
    private int find(int prefix, int next) {
        int key = (prefix << 8) | next;
        int tagged = (generation << 20) | key;
        int h = (key * 0x9E3779B1) >>> (32 - HASH_BITS);
        while (true) {
            int stored = hashKeys[h];
            if (stored == tagged) {
                return hashCodes[h];
            }
            if ((stored >>> 20) != generation) {
                return -1;
            }
            h = (h + 1) & HASH_MASK;
        }
    }

    /**
     * The colour distance of the still test and of the {@code lossy} tolerance: {@code 3|ΔR| + 4|ΔG| + 3|ΔB|}, a
     * cheap L1 distance leaning slightly to green (a change of one level in all three channels counts 10).
     */
    public static int distance(int rgb1, int rgb2) {
        int dr = (rgb1 >> 16 & 0xFF) - (rgb2 >> 16 & 0xFF);
        int dg = (rgb1 >> 8 & 0xFF) - (rgb2 >> 8 & 0xFF);
        int db = (rgb1 & 0xFF) - (rgb2 & 0xFF);
        return 3 * Math.abs(dr) + 4 * Math.abs(dg) + 3 * Math.abs(db);
    }

    private void checkLength(byte[] indices, int length) {
        if (length < 1 || length > indices.length) {
            throw new IllegalArgumentException("length must be in [1, " + indices.length + "], was " + length);
        }
    }

    private void checkIndex(int c) {
        if (c >= clearCode) {
            throw new IllegalArgumentException("index " + c + " does not fit a minimum code size of " + minCodeSize);
        }
    }

    /** Starts a stream or segment: an empty table, announced by a clear code unless the segment before did. */
    private void begin(boolean clear) {
        bitBuffer = 0;
        bitCount = 0;
        decoderNext = clearCode + 2;
        if (clear) {
            emit(clearCode);
        }
        reset();
    }

    private void reset() {
        nextCode = clearCode + 2;
        decoderNext = clearCode + 2;
        firstAfterClear = true;
        if (childBits) {
            Arrays.fill(children, 0, clearCode << 2, 0L);
        }
        if (++generation == 4096) {
            Arrays.fill(hashKeys, 0);
            generation = 1;
        }
    }

    private void add(int slot, int tagged) {
        int code = nextCode++;
        hashKeys[slot] = tagged;
        hashCodes[slot] = (short) code;
        suffix[code] = (byte) tagged;
        int prefix = (tagged >>> 8) & 0xFFF;
        prefixOf[code] = (short) prefix;
        if (childBits) {
            int b = code << 2;
            children[b] = 0;
            children[b + 1] = 0;
            children[b + 2] = 0;
            children[b + 3] = 0;
            int next = tagged & 0xFF;
            children[(prefix << 2) | (next >>> 6)] |= 1L << next;
        }
        if (nextCode == MAX_CODES) {
            emit(clearCode);
            reset();
        }
    }

    /** Writes a code at the width the decoder will read it with, and follows the decoder's table growth. */
    private void emit(int code) {
        int width = Math.min(12, 32 - Integer.numberOfLeadingZeros(decoderNext));
        bitBuffer |= (long) code << bitCount;
        bitCount += width;
        if (code < clearCode || code > endCode) {
            if (!firstAfterClear && decoderNext < MAX_CODES) {
                decoderNext++;
            }
            firstAfterClear = false;
        }
        if (bitCount >= 32) {
            if (outLength + 4 > out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            long v = bitBuffer;
            byte[] o = out;
            int n = outLength;
            o[n] = (byte) v;
            o[n + 1] = (byte) (v >>> 8);
            o[n + 2] = (byte) (v >>> 16);
            o[n + 3] = (byte) (v >>> 24);
            outLength = n + 4;
            bitBuffer = v >>> 32;
            bitCount -= 32;
        }
    }

    /** What was written since the last begin, as a segment. */
    private Segment flush() {
        long bits = (long) outLength * 8 + bitCount;
        while (bitCount > 0) {
            if (outLength == out.length) {
                out = Arrays.copyOf(out, out.length + 8);
            }
            out[outLength++] = (byte) bitBuffer;
            bitBuffer >>>= 8;
            bitCount -= 8;
        }
        bitBuffer = 0;
        bitCount = 0;
        return new Segment(Arrays.copyOf(out, outLength), bits);
    }

    /**
     * A piece of an image's code stream: {@code bits} bits, least significant bit first, in {@code bytes} (the
     * last byte padded with zeros).
     */
    public record Segment(byte[] bytes, long bits) {
        /** The bytes of a segment that ends the stream (its padding is the stream's). */
        public byte[] toBytes() {
            return bytes;
        }
    }

    /** Joins the segments of one image, in order, bit-exactly, into its code stream. */
    public static byte[] join(Segment... segments) {
        if (segments.length == 1) {
            return segments[0].bytes();
        }
        long bits = 0;
        for (Segment s : segments) {
            bits += s.bits();
        }
        byte[] joined = new byte[(int) ((bits + 7) >>> 3)];
        long at = 0;
        for (Segment s : segments) {
            byte[] b = s.bytes();
            int shift = (int) (at & 7);
            int pos = (int) (at >>> 3);
            int n = (int) ((s.bits() + 7) >>> 3);
            if (shift == 0) {
                for (int i = 0; i < n; i++) {
                    joined[pos + i] |= b[i];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    int v = (b[i] & 0xFF) << shift;
                    joined[pos + i] |= (byte) v;
                    if (pos + i + 1 < joined.length) {
                        joined[pos + i + 1] |= (byte) (v >>> 8);
                    }
                }
            }
            at += s.bits();
        }
        return joined;
    }
}
