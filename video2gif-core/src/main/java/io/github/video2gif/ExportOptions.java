package io.github.video2gif;

import java.util.Locale;

/**
 * What to do with a segment on export, beyond the frame size, rate and palette of
 * {@link io.github.video2gif.api.GifOptions}: the file format, a file-size budget, loop-aware trimming and a bounce.
 *
 * @param format        the file format, a lower-case extension ({@code gif}, {@code webp}, {@code mp4}, or that of
 *                      any {@link io.github.video2gif.api.spi.GifEncoderProvider#format() plug-in}); {@code null} to
 *                      take it from the output file's name ({@code .webp}, {@code .mp4}...), else the GIF encoder's
 * @param maxBytes      0 for no budget; else the file may have at most this many bytes, and the width, frame rate,
 *                      colours and lossiness are chosen to meet it ({@link io.github.video2gif.core.gif.GifSizeBudget};
 *                      GIF with the {@code java} encoder only)
 * @param loopWindowSec 0 to export the segment as it is; else the start and the end may each move up to this many
 *                      seconds (staying inside the video, and inside the segment's shot in
 *                      {@link Video2Gif#exportTop}) to where the loop's seam is least visible
 *                      ({@link io.github.video2gif.core.gif.LoopSeamFinder})
 * @param bounce        play the frames forward, then backward ({@link io.github.video2gif.core.gif.Bounce}); the
 *                      loop then has no seam, so it does not go with a loop window
 */
public record ExportOptions(String format, long maxBytes, double loopWindowSec, boolean bounce) {
    /** The format from the file name (GIF for {@code .gif} or an unknown extension), no budget, no loop search. */
    public static final ExportOptions DEFAULT = new ExportOptions(null, 0, 0, false);
    /** Largest loop window, in seconds. */
    public static final double MAX_LOOP_WINDOW_SEC = 10;

    public ExportOptions {
        if (format != null) {
            format = format.trim().toLowerCase(Locale.ROOT);
            if (!format.matches("[a-z0-9]+")) {
                throw new IllegalArgumentException("format must be a file extension such as gif, webp or mp4, was \""
                        + format + "\"");
            }
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be 0 (no budget) or positive, was " + maxBytes);
        }
        if (!(loopWindowSec >= 0 && loopWindowSec <= MAX_LOOP_WINDOW_SEC)) {
            throw new IllegalArgumentException("loopWindowSec must be in [0, " + MAX_LOOP_WINDOW_SEC + "], was "
                    + loopWindowSec);
        }
        if (bounce && loopWindowSec > 0) {
            throw new IllegalArgumentException("a bounce plays forward then backward and has no seam to hide: use"
                    + " either bounce or a loop window, not both");
        }
    }

    public ExportOptions withFormat(String newFormat) {
        return new ExportOptions(newFormat, maxBytes, loopWindowSec, bounce);
    }

    public ExportOptions withMaxBytes(long bytes) {
        return new ExportOptions(format, bytes, loopWindowSec, bounce);
    }

    public ExportOptions withLoopWindow(double seconds) {
        return new ExportOptions(format, maxBytes, seconds, bounce);
    }

    public ExportOptions withBounce(boolean on) {
        return new ExportOptions(format, maxBytes, loopWindowSec, on);
    }

    /**
     * A byte count as people write it: {@code 500000}, {@code 500k} or {@code 500kB} (thousands), {@code 2M},
     * {@code 1G}; {@code 512Ki}/{@code 512KiB}, {@code 2Mi}/{@code 2MiB} for powers of 1024. Case does not matter.
     *
     * @throws IllegalArgumentException when {@code text} is not such a count or not positive
     */
    public static long parseBytes(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace("_", "");
        if (s.endsWith("b")) {
            s = s.substring(0, s.length() - 1);
        }
        long unit = 1;
        int cut = s.length();
        if (s.endsWith("ki") || s.endsWith("mi") || s.endsWith("gi")) {
            unit = s.charAt(s.length() - 2) == 'k' ? 1L << 10 : s.charAt(s.length() - 2) == 'm' ? 1L << 20 : 1L << 30;
            cut -= 2;
        } else if (s.endsWith("k") || s.endsWith("m") || s.endsWith("g")) {
            char c = s.charAt(s.length() - 1);
            unit = c == 'k' ? 1_000L : c == 'm' ? 1_000_000L : 1_000_000_000L;
            cut -= 1;
        }
        String number = s.substring(0, cut).trim();
        double v;
        try {
            if (!number.matches("[0-9]+(\\.[0-9]+)?")) {
                throw new NumberFormatException(number);
            }
            v = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a byte count: \"" + text + "\" (use for example 800000, 500k, 2M"
                    + " or 512KiB)");
        }
        double bytes = Math.floor(v * unit);
        if (!(bytes >= 1) || bytes > 1e15) {
            throw new IllegalArgumentException("a byte count must be between 1 byte and 1 PB, was \"" + text + "\"");
        }
        return (long) bytes;
    }
}
