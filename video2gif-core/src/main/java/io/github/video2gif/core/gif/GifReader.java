package io.github.video2gif.core.gif;

import io.github.video2gif.api.UnreadableGifException;
import io.github.video2gif.api.VideoFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads an animated GIF (GIF87a or GIF89a) frame by frame and composites each frame onto the logical screen the
 * way browsers show it.
 *
 * <p>What it handles:
 * <ul>
 *   <li>frames smaller than the canvas at any offset (parts outside the canvas are clipped);</li>
 *   <li>global and local colour tables; colour indices beyond the table are drawn opaque black;</li>
 *   <li>transparency from the Graphic Control Extension: transparent pixels leave the canvas as it was;</li>
 *   <li>disposal methods 0 and 1 (leave the frame), 2 (clear its rectangle to transparent, as browsers do rather
 *       than painting the background colour) and 3 (restore the rectangle to what it was before the frame);
 *       reserved methods 4-7 act as 0;</li>
 *   <li>interlaced frames;</li>
 *   <li>delays in centiseconds; a delay of 0 or 1 is shown for 0.1 s, as browsers do ({@link Frame#delaySec()});
 *       the raw value stays available ({@link Frame#delayCentiseconds()});</li>
 *   <li>the NETSCAPE2.0 loop count; comments, plain text and unknown extensions are skipped.</li>
 * </ul>
 *
 * <p>Memory is bounded: the reader holds one canvas, one saved rectangle for disposal method 3 and a 64 KiB read
 * buffer, and hands out one frame at a time. Hostile files meet {@link Limits}: the canvas and every frame are
 * checked before anything is allocated, the number of frames is capped, and the decoded pixels of all frames
 * together are budgeted. LZW data beyond a frame's pixel count is skipped unread, so a decompression bomb costs
 * at most the budget. Truncated files raise {@link TruncatedGifException} at the damaged frame (earlier frames
 * were delivered); corrupt LZW codes, missing colour tables and other damage raise
 * {@link UnreadableGifException}. A file that simply lacks the final trailer byte, or has trailing garbage
 * after a complete frame, ends normally there (with a warning for garbage), as in browsers.
 *
 * <p>Not thread-safe. Always close it:
 * <pre>{@code
 * try (GifReader gif = GifReader.open(path)) {
 *     for (GifReader.Frame f = gif.next(); f != null; f = gif.next()) {
 *         use(f.argb(), f.width(), f.height(), f.timestampSec());
 *     }
 * }
 * }</pre>
 */
public final class GifReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GifReader.class);

    private static final int OPAQUE_BLACK = 0xFF000000;
    private static final int MAX_CODES = 4096;
    private static final int[] INTERLACE_START = {0, 4, 2, 1};
    private static final int[] INTERLACE_STEP = {8, 8, 4, 2};

    /**
     * Safety limits against hostile or absurd files.
     *
     * @param maxCanvasPixels largest logical screen, and largest single frame, in pixels (width x height)
     * @param maxFrames       most frames a file may hold
     * @param maxTotalPixels  budget of decoded pixels over the whole file: every frame costs its own area plus the
     *                        canvas area (the composite handed out)
     */
    public record Limits(long maxCanvasPixels, int maxFrames, long maxTotalPixels) {
        /**
         * 4096 x 4096 pixels per canvas or frame, 10 000 frames, 2 billion decoded pixels (a 500 x 280 GIF of
         * 10 000 frames fits; a 4096 x 4096 canvas allows about 60 frames).
         */
        public static final Limits DEFAULT = new Limits(4096L * 4096L, 10_000, 2_000_000_000L);

        public Limits {
            if (maxCanvasPixels < 1 || maxFrames < 1 || maxTotalPixels < 1) {
                throw new IllegalArgumentException("limits must be positive: " + maxCanvasPixels + ", "
                        + maxFrames + ", " + maxTotalPixels);
            }
        }
    }

    /**
     * One composited frame: the whole canvas as it is shown during this frame's delay.
     *
     * <p>Pixels are ARGB ints, rows top to bottom; alpha is 0 where no frame has painted yet (or a disposal
     * cleared it) and 255 elsewhere. The reader never touches a frame's array again, so a consumer may keep it.
     */
    public static final class Frame {
        private final int index;
        private final double timestampSec;
        private final int delayCentiseconds;
        private final double delaySec;
        private final int width;
        private final int height;
        private final int[] argb;

        Frame(int index, double timestampSec, int delayCentiseconds, double delaySec, int width, int height,
              int[] argb) {
            this.index = index;
            this.timestampSec = timestampSec;
            this.delayCentiseconds = delayCentiseconds;
            this.delaySec = delaySec;
            this.width = width;
            this.height = height;
            this.argb = argb;
        }

        /** 0-based frame number. */
        public int index() {
            return index;
        }

        /** When this frame appears, in seconds from the start: the sum of the shown delays before it. */
        public double timestampSec() {
            return timestampSec;
        }

        /** The delay as written in the file, in hundredths of a second (0 when there is no control block). */
        public int delayCentiseconds() {
            return delayCentiseconds;
        }

        /** How long the frame is shown, in seconds: the written delay, or 0.1 s when that is 0 or 0.01 s. */
        public double delaySec() {
            return delaySec;
        }

        /** Canvas width in pixels. */
        public int width() {
            return width;
        }

        /** Canvas height in pixels. */
        public int height() {
            return height;
        }

        /** The composited canvas as ARGB (shared, read only by convention). */
        public int[] argb() {
            return argb;
        }

        /** The ARGB value of one canvas pixel. */
        public int pixel(int x, int y) {
            Objects.checkIndex(x, width);
            Objects.checkIndex(y, height);
            return argb[y * width + x];
        }

        /**
         * The canvas as packed RGB, transparent pixels replaced by {@code matteRgb} ({@code 0xRRGGBB}).
         */
        public byte[] toRgb(int matteRgb) {
            byte[] rgb = new byte[argb.length * 3];
            for (int i = 0, o = 0; i < argb.length; i++, o += 3) {
                int p = argb[i];
                if ((p >>> 24) == 0) {
                    p = matteRgb;
                }
                rgb[o] = (byte) (p >> 16);
                rgb[o + 1] = (byte) (p >> 8);
                rgb[o + 2] = (byte) p;
            }
            return rgb;
        }

        /** The canvas as a {@link VideoFrame} over a matte colour, with this frame's index and timestamp. */
        public VideoFrame toVideoFrame(int matteRgb) {
            return new VideoFrame(index, timestampSec, width, height, toRgb(matteRgb));
        }

        @Override
        public String toString() {
            return "GifReader.Frame[index=" + index + ", t=" + timestampSec + "s, delay=" + delaySec + "s, "
                    + width + "x" + height + "]";
        }
    }

    private final Path input;
    private final String name;
    private final Limits limits;
    private final ByteSource src;

    private final int logicalWidth;
    private final int logicalHeight;
    private final int[] globalPalette;

    private int canvasWidth;
    private int canvasHeight;
    private int[] canvas;

    // Graphic Control Extension for the next image.
    private int gceDisposal;
    private int gceDelay;
    private int gceTransparent = -1;

    // The previous frame's disposal, pending until the next frame is drawn.
    private int pendingDisposal;
    private int pendingX0;
    private int pendingY0;
    private int pendingX1;
    private int pendingY1;
    private int[] savedRect;

    private int frameCount;
    private double clockSec;
    private long decodedPixels;
    private int loopCount = -1;
    private boolean finished;
    private boolean closed;

    // LZW tables, reused for every frame.
    private final short[] prefix = new short[MAX_CODES];
    private final short[] suffix = new short[MAX_CODES];
    private final short[] first = new short[MAX_CODES];
    private final short[] stack = new short[MAX_CODES + 1];

    private GifReader(Path input, String name, InputStream in, Limits limits) throws UnreadableGifException {
        this.input = input;
        this.name = name;
        this.limits = limits;
        this.src = new ByteSource(in);
        boolean ok = false;
        try {
            int b0 = src.read();
            if (b0 < 0) {
                throw new UnreadableGifException(input, "Cannot read GIF " + name + ": the file is empty");
            }
            byte[] sig = new byte[6];
            sig[0] = (byte) b0;
            for (int i = 1; i < 6; i++) {
                int b = src.read();
                if (b < 0) {
                    throw new UnreadableGifException(input, "Cannot read GIF " + name + ": only " + i
                            + " bytes, too short for a GIF header");
                }
                sig[i] = (byte) b;
            }
            if (sig[0] != 'G' || sig[1] != 'I' || sig[2] != 'F') {
                throw new UnreadableGifException(input, "Cannot read GIF " + name + ": it starts with "
                        + hex(sig) + ", not with the signature \"GIF87a\" or \"GIF89a\"");
            }
            logicalWidth = u16("the logical screen width");
            logicalHeight = u16("the logical screen height");
            int packed = u8("the logical screen descriptor");
            u8("the background colour index");
            u8("the pixel aspect ratio");
            if ((long) logicalWidth * logicalHeight > limits.maxCanvasPixels()) {
                throw new GifLimitException(input, "Refusing GIF " + name + ": its logical screen is "
                        + logicalWidth + "x" + logicalHeight + " pixels, above the limit of "
                        + limits.maxCanvasPixels() + " pixels");
            }
            globalPalette = (packed & 0x80) != 0 ? readPalette(packed & 7, "the global colour table") : null;
            ok = true;
        } finally {
            if (!ok) {
                src.close();
            }
        }
    }

    /** Opens a GIF file with the default limits. */
    public static GifReader open(Path gif) throws UnreadableGifException {
        return open(gif, Limits.DEFAULT);
    }

    /**
     * Opens a GIF file.
     *
     * @throws UnreadableGifException when the file is missing, empty, not a GIF, or its header breaks the limits
     */
    public static GifReader open(Path gif, Limits limits) throws UnreadableGifException {
        Objects.requireNonNull(gif, "gif");
        Objects.requireNonNull(limits, "limits");
        String name = "\"" + gif + "\"";
        if (Files.isDirectory(gif)) {
            throw new UnreadableGifException(gif, "Cannot read GIF " + name + ": it is a directory");
        }
        InputStream in;
        try {
            in = Files.newInputStream(gif);
        } catch (NoSuchFileException e) {
            throw new UnreadableGifException(gif, "Cannot read GIF " + name + ": the file does not exist", e);
        } catch (IOException e) {
            throw new UnreadableGifException(gif, "Cannot read GIF " + name + ": " + e, e);
        }
        return new GifReader(gif, name, in, limits);
    }

    /**
     * Reads a GIF from a stream, which the reader closes when it is closed.
     *
     * @param name how messages name the input (e.g. a URL)
     */
    public static GifReader open(InputStream in, String name, Limits limits) throws UnreadableGifException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(limits, "limits");
        return new GifReader(null, name, in, limits);
    }

    /** Width of the logical screen as the header states it (0 in some broken files: then the first frame's). */
    public int width() {
        return canvas != null ? canvasWidth : logicalWidth;
    }

    /** Height of the logical screen (see {@link #width()}). */
    public int height() {
        return canvas != null ? canvasHeight : logicalHeight;
    }

    /**
     * The NETSCAPE2.0 loop count seen so far: 0 loops forever, n plays n + 1 times, -1 when the file has no loop
     * extension (usually known after the header, since encoders write it before the first frame).
     */
    public int loopCount() {
        return loopCount;
    }

    /** Number of frames delivered so far. */
    public int framesRead() {
        return frameCount;
    }

    /**
     * The next composited frame, or {@code null} after the last.
     *
     * @throws TruncatedGifException  when the file ends inside a block
     * @throws GifLimitException      when the file exceeds the limits
     * @throws UnreadableGifException for any other damage
     */
    public Frame next() throws UnreadableGifException {
        if (closed) {
            throw new IllegalStateException("GifReader for " + name + " is closed");
        }
        while (!finished) {
            long at = src.offset();
            int block = src.read();
            if (block < 0) {
                if (frameCount == 0) {
                    throw new TruncatedGifException(input, "Cannot read GIF " + name + ": the file ends at byte "
                            + at + " before its first image");
                }
                LOG.debug("GIF {} has no trailer byte; ending after {} frames", name, frameCount);
                finished = true;
                break;
            }
            switch (block) {
                case 0x21 -> readExtension();
                case 0x2C -> {
                    return readImage();
                }
                case 0x3B -> finished = true;
                default -> {
                    if (frameCount == 0) {
                        throw new UnreadableGifException(input, "Cannot read GIF " + name + ": unexpected byte 0x"
                                + Integer.toHexString(block) + " at offset " + at
                                + "; expected an extension (0x21), an image (0x2c) or the trailer (0x3b)");
                    }
                    LOG.warn("GIF {}: unexpected byte 0x{} at offset {} after frame {}; treating it as the end",
                            name, Integer.toHexString(block), at, frameCount - 1);
                    finished = true;
                }
            }
        }
        if (frameCount == 0) {
            throw new UnreadableGifException(input, "Cannot read GIF " + name + ": it holds no image");
        }
        return null;
    }

    /** Closes the underlying stream. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            src.close();
        }
    }

    private void readExtension() throws UnreadableGifException {
        int label = u8("an extension label");
        if (label == 0xF9) {
            int size = u8("a graphic control extension");
            if (size < 4) {
                throw corrupt("its graphic control extension at offset " + (src.offset() - 1) + " has size "
                        + size + ", expected 4");
            }
            int packed = u8("a graphic control extension");
            int delay = u16("a frame delay");
            int transparent = u8("a transparent colour index");
            skip(size - 4, "a graphic control extension");
            skipSubBlocks();
            int disposal = (packed >> 2) & 7;
            gceDisposal = disposal <= 3 ? disposal : 0;
            gceDelay = delay;
            gceTransparent = (packed & 1) != 0 ? transparent : -1;
        } else if (label == 0xFF) {
            int size = u8("an application extension");
            byte[] id = new byte[size];
            for (int i = 0; i < size; i++) {
                id[i] = (byte) u8("an application extension");
            }
            String app = new String(id, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (app.equals("NETSCAPE2.0") || app.equals("ANIMEXTS1.0")) {
                int sub = u8("a loop extension");
                while (sub != 0) {
                    int kind = u8("a loop extension");
                    if (kind == 1 && sub >= 3) {
                        loopCount = u16("a loop count");
                        skip(sub - 3, "a loop extension");
                    } else {
                        skip(sub - 1, "a loop extension");
                    }
                    sub = u8("a loop extension");
                }
            } else {
                skipSubBlocks();
            }
        } else {
            skipSubBlocks();
        }
    }

    private Frame readImage() throws UnreadableGifException {
        int left = u16("an image position");
        int top = u16("an image position");
        int w = u16("an image width");
        int h = u16("an image height");
        int packed = u8("an image descriptor");
        boolean interlaced = (packed & 0x40) != 0;
        if (frameCount >= limits.maxFrames()) {
            throw new GifLimitException(input, "Refusing GIF " + name + ": it has more than "
                    + limits.maxFrames() + " frames (the limit)");
        }
        if ((long) w * h > limits.maxCanvasPixels()) {
            throw new GifLimitException(input, "Refusing GIF " + name + ": frame " + frameCount + " is " + w + "x"
                    + h + " pixels, above the limit of " + limits.maxCanvasPixels() + " pixels");
        }
        int[] local = (packed & 0x80) != 0 ? readPalette(packed & 7, "a local colour table") : null;
        int[] palette = local != null ? local : globalPalette;
        if (palette == null) {
            throw corrupt("frame " + frameCount + " has neither a local nor a global colour table");
        }
        if (canvas == null) {
            allocateCanvas(left, top, w, h);
        }
        long cost = (long) w * h + (long) canvasWidth * canvasHeight;
        decodedPixels += cost;
        if (decodedPixels > limits.maxTotalPixels()) {
            throw new GifLimitException(input, "Refusing GIF " + name + ": frame " + frameCount
                    + " takes the decoded pixels over the budget of " + limits.maxTotalPixels()
                    + " (a decompression bomb, or an animation too large for these limits)");
        }

        disposePrevious();

        int x0 = Math.min(left, canvasWidth);
        int y0 = Math.min(top, canvasHeight);
        int x1 = (int) Math.min((long) left + w, canvasWidth);
        int y1 = (int) Math.min((long) top + h, canvasHeight);
        int disposal = gceDisposal;
        if (disposal == 3) {
            savedRect = copyRect(x0, y0, x1, y1);
        }

        int minCodeSize = u8("the LZW minimum code size");
        if (minCodeSize < 1 || minCodeSize > 11) {
            throw corrupt("frame " + frameCount + " has LZW minimum code size " + minCodeSize
                    + " at offset " + (src.offset() - 1) + ", expected 2 to 8");
        }
        decodeLzw(minCodeSize, left, top, w, h, interlaced, palette, gceTransparent);

        pendingDisposal = disposal;
        pendingX0 = x0;
        pendingY0 = y0;
        pendingX1 = x1;
        pendingY1 = y1;

        int centis = gceDelay;
        double delaySec = centis <= 1 ? 0.1 : centis / 100.0;
        Frame frame = new Frame(frameCount, clockSec, centis, delaySec, canvasWidth, canvasHeight, canvas.clone());
        frameCount++;
        clockSec += delaySec;
        gceDisposal = 0;
        gceDelay = 0;
        gceTransparent = -1;
        return frame;
    }

    private void allocateCanvas(int left, int top, int w, int h) throws UnreadableGifException {
        int cw = logicalWidth > 0 ? logicalWidth : left + w;
        int ch = logicalHeight > 0 ? logicalHeight : top + h;
        if (cw <= 0 || ch <= 0) {
            throw corrupt("its logical screen is " + logicalWidth + "x" + logicalHeight + " and its first frame is "
                    + w + "x" + h + ": nothing to show");
        }
        if ((long) cw * ch > limits.maxCanvasPixels()) {
            throw new GifLimitException(input, "Refusing GIF " + name + ": its canvas would be " + cw + "x" + ch
                    + " pixels, above the limit of " + limits.maxCanvasPixels() + " pixels");
        }
        canvasWidth = cw;
        canvasHeight = ch;
        canvas = new int[cw * ch];
    }

    private void disposePrevious() {
        if (pendingDisposal == 2) {
            for (int y = pendingY0; y < pendingY1; y++) {
                java.util.Arrays.fill(canvas, y * canvasWidth + pendingX0, y * canvasWidth + pendingX1, 0);
            }
        } else if (pendingDisposal == 3 && savedRect != null) {
            int rw = pendingX1 - pendingX0;
            for (int y = pendingY0, i = 0; y < pendingY1; y++, i += rw) {
                System.arraycopy(savedRect, i, canvas, y * canvasWidth + pendingX0, rw);
            }
        }
        pendingDisposal = 0;
        savedRect = null;
    }

    private int[] copyRect(int x0, int y0, int x1, int y1) {
        int rw = x1 - x0;
        int[] copy = new int[rw * (y1 - y0)];
        for (int y = y0, i = 0; y < y1; y++, i += rw) {
            System.arraycopy(canvas, y * canvasWidth + x0, copy, i, rw);
        }
        return copy;
    }

    /**
     * Decodes one frame's LZW data straight onto the canvas. Stops at the end code, at the end of the data, or
     * once the frame's pixels are all written; whatever data remains is skipped without decoding.
     */
    private void decodeLzw(int minCodeSize, int left, int top, int w, int h, boolean interlaced, int[] palette,
                           int transparent) throws UnreadableGifException {
        final long total = (long) w * h;
        final int clear = 1 << minCodeSize;
        final int eoi = clear + 1;
        int codeSize = minCodeSize + 1;
        int next = clear + 2;
        int prev = -1;

        // Sub-block bit reader state.
        int blockLeft = 0;
        boolean dataEnded = false;
        int bitBuf = 0;
        int bitCount = 0;

        // Pixel writer state.
        long written = 0;
        int x = 0;
        int row = 0;
        int pass = 0;

        for (int i = 0; i < clear; i++) {
            first[i] = (short) i;
        }
        final int[] canvas = this.canvas;
        final int cw = canvasWidth;
        final int ch = canvasHeight;
        final int paletteSize = palette.length;

        decode:
        while (written < total) {
            // Read one code.
            while (bitCount < codeSize) {
                while (blockLeft == 0) {
                    int n = u8("LZW data of frame " + frameCount);
                    if (n == 0) {
                        dataEnded = true;
                        break decode;
                    }
                    blockLeft = n;
                }
                bitBuf |= u8("LZW data of frame " + frameCount) << bitCount;
                blockLeft--;
                bitCount += 8;
            }
            int code = bitBuf & ((1 << codeSize) - 1);
            bitBuf >>>= codeSize;
            bitCount -= codeSize;

            if (code == clear) {
                codeSize = minCodeSize + 1;
                next = clear + 2;
                prev = -1;
                continue;
            }
            if (code == eoi) {
                break;
            }
            int sp = 0;
            if (prev < 0) {
                if (code > clear) {
                    throw corrupt("frame " + frameCount + " has LZW code " + code + " at offset " + src.offset()
                            + " where a literal below " + clear + " must come");
                }
                stack[sp++] = (short) code;
            } else {
                int c;
                if (code < next) {
                    c = code;
                } else if (code == next && next < MAX_CODES) {
                    stack[sp++] = first[prev];
                    c = prev;
                } else {
                    throw corrupt("frame " + frameCount + " has LZW code " + code + " at offset " + src.offset()
                            + " but only " + next + " codes are defined");
                }
                while (c >= clear) {
                    stack[sp++] = suffix[c];
                    c = prefix[c];
                }
                stack[sp++] = (short) c;
                if (next < MAX_CODES) {
                    prefix[next] = (short) prev;
                    suffix[next] = (short) c;
                    first[next] = (short) c;
                    next++;
                    if (next == (1 << codeSize) && codeSize < 12) {
                        codeSize++;
                    }
                }
            }
            prev = code;

            // Emit the string (it sits reversed on the stack).
            while (sp > 0 && written < total) {
                int index = stack[--sp];
                if (row < h) {
                    int cx = left + x;
                    int cy = top + row;
                    if (index != transparent && cx < cw && cy < ch) {
                        canvas[cy * cw + cx] = index < paletteSize ? palette[index] : OPAQUE_BLACK;
                    }
                }
                written++;
                if (++x == w) {
                    x = 0;
                    if (interlaced) {
                        row += INTERLACE_STEP[pass];
                        while (row >= h && pass < 3) {
                            pass++;
                            row = INTERLACE_START[pass];
                        }
                    } else {
                        row++;
                    }
                }
            }
        }
        if (written < total) {
            LOG.debug("GIF {}: frame {} has data for {} of its {} pixels", name, frameCount, written, total);
        }
        // Skip what is left of the data: bytes after a full frame are never decoded.
        if (!dataEnded) {
            skip(blockLeft, "LZW data of frame " + frameCount);
            skipSubBlocks();
        }
    }

    private int[] readPalette(int sizeBits, String what) throws UnreadableGifException {
        int n = 1 << (sizeBits + 1);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            int r = u8(what);
            int g = u8(what);
            int b = u8(what);
            p[i] = OPAQUE_BLACK | (r << 16) | (g << 8) | b;
        }
        return p;
    }

    private void skipSubBlocks() throws UnreadableGifException {
        int n;
        while ((n = u8("a data sub-block")) != 0) {
            skip(n, "a data sub-block");
        }
    }

    private void skip(int n, String what) throws UnreadableGifException {
        for (int i = 0; i < n; i++) {
            u8(what);
        }
    }

    private int u8(String what) throws UnreadableGifException {
        int b = src.read();
        if (b < 0) {
            throw new TruncatedGifException(input, "Cannot read GIF " + name + ": the file ends at byte "
                    + src.offset() + " inside " + what + (frameCount > 0 || canvas != null
                    ? " (after " + frameCount + " complete frames)" : "") + "; it is truncated");
        }
        return b;
    }

    private int u16(String what) throws UnreadableGifException {
        int lo = u8(what);
        return lo | (u8(what) << 8);
    }

    private UnreadableGifException corrupt(String detail) {
        return new UnreadableGifException(input, "Cannot read GIF " + name + ": " + detail);
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x ", b & 0xFF));
        }
        return sb.toString().trim();
    }

    /** A buffered byte reader that counts its offset and turns I/O failures into unchecked signals. */
    private final class ByteSource {
        private final InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int len;
        private long base;

        ByteSource(InputStream in) {
            this.in = in;
        }

        int read() throws UnreadableGifException {
            if (pos == len) {
                base += len;
                pos = 0;
                len = 0;
                try {
                    int n;
                    do {
                        n = in.read(buf, 0, buf.length);
                    } while (n == 0);
                    if (n < 0) {
                        return -1;
                    }
                    len = n;
                } catch (IOException e) {
                    throw new UnreadableGifException(input, "Cannot read GIF " + name + " at byte " + base
                            + ": " + e, e);
                }
            }
            return buf[pos++] & 0xFF;
        }

        long offset() {
            return base + pos;
        }

        void close() {
            try {
                in.close();
            } catch (IOException e) {
                LOG.debug("closing {}", name, e);
            }
        }
    }
}
