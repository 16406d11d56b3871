package io.github.video2gif.ffmpeg;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.spi.Availability;
import io.github.video2gif.api.spi.ProviderUnavailableException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avfilter;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;

/**
 * The one place that loads FFmpeg's native libraries (avutil, avcodec, avformat, swscale, avfilter; never
 * avdevice, which needs libraries a headless machine often lacks) and sets FFmpeg's log level.
 *
 * <p>FFmpeg's own log output is silenced ({@code AV_LOG_QUIET}): every failure this module reports carries the
 * native error code and text in its exception message instead. Set the system property {@code video2gif.debug}
 * (or the environment variable {@code VIDEO2GIF_DEBUG}) to {@code true} to see FFmpeg's messages at INFO level.
 *
 * <p>A failed load is remembered: later calls fail at once with the same reason, and {@link #availability()}
 * reports it without trying again.
 */
public final class FfmpegNatives {
    /** {@code AVERROR(EAGAIN)} on Linux. */
    static final int AVERROR_EAGAIN = -11;

    private static final Object LOCK = new Object();
    private static volatile boolean loaded;
    private static volatile String failure;

    private FfmpegNatives() {
    }

    /**
     * Loads the native libraries once and sets the log level.
     *
     * @throws ProviderUnavailableException when the libraries cannot be loaded on this machine (the reason is
     *                                      remembered and repeated on every later call)
     */
    public static void load() {
        if (loaded) {
            return;
        }
        synchronized (LOCK) {
            if (loaded) {
                return;
            }
            if (failure != null) {
                throw new ProviderUnavailableException(failure);
            }
            try {
                Loader.load(avutil.class);
                Loader.load(avcodec.class);
                Loader.load(avformat.class);
                Loader.load(swscale.class);
                Loader.load(avfilter.class);
                avutil.av_log_set_level(debug() ? avutil.AV_LOG_INFO : avutil.AV_LOG_QUIET);
                loaded = true;
            } catch (Throwable t) {
                // UnsatisfiedLinkError, ExceptionInInitializerError, NoClassDefFoundError: all mean "not here".
                failure = "FFmpeg's native libraries (org.bytedeco:ffmpeg " + Loader.getPlatform()
                        + ") could not be loaded: " + t;
                throw new ProviderUnavailableException(failure);
            }
        }
    }

    /** Whether the natives can be used: cheap, never throws, never loads anything. */
    public static Availability availability() {
        String f = failure;
        if (f != null) {
            return Availability.no(f);
        }
        if (loaded) {
            return Availability.yes();
        }
        try {
            ClassLoader cl = FfmpegNatives.class.getClassLoader();
            Class.forName("org.bytedeco.ffmpeg.global.avformat", false, cl);
            Class.forName("org.bytedeco.javacpp.Loader", false, cl);
            String platform = System.getProperty("os.name", "") + "/" + System.getProperty("os.arch", "");
            String dir = "org/bytedeco/ffmpeg/" + Loader.getPlatform() + "/";
            if (cl.getResource(dir + "libjniavformat.so") == null && cl.getResource(dir + "libjniavformat.dylib") == null
                    && cl.getResource(dir + "jniavformat.dll") == null) {
                return Availability.no("no FFmpeg natives for this platform (" + platform + ", JavaCPP platform "
                        + Loader.getPlatform() + ") on the class path: add org.bytedeco:ffmpeg with classifier "
                        + Loader.getPlatform());
            }
            return Availability.yes();
        } catch (ClassNotFoundException | LinkageError e) {
            return Availability.no("JavaCPP / FFmpeg presets (org.bytedeco:javacpp, org.bytedeco:ffmpeg) are not on "
                    + "the class path: " + e);
        } catch (RuntimeException e) {
            return Availability.no("cannot inspect FFmpeg natives: " + e);
        }
    }

    /**
     * Whether this FFmpeg build has an encoder: cheap, never throws; before the natives are loaded it answers for
     * the natives only (the encoder is checked by {@link #requireEncoder} when the provider creates its service).
     *
     * @param encoder FFmpeg's name of the encoder ({@code libwebp_anim})
     * @param what    what it writes, for the message ("animated WebP")
     */
    public static Availability encoderAvailability(String encoder, String what) {
        Availability a = availability();
        if (!a.available() || !loaded) {
            return a;
        }
        try {
            return hasEncoder(encoder) ? a : Availability.no(noEncoder(encoder, what));
        } catch (RuntimeException | LinkageError e) {
            return Availability.no("cannot look up FFmpeg's " + encoder + " encoder: " + e);
        }
    }

    /**
     * Loads the natives and checks that this FFmpeg build has an encoder.
     *
     * @throws ProviderUnavailableException when the natives cannot load or the encoder is missing
     */
    public static void requireEncoder(String encoder, String what) {
        load();
        if (!hasEncoder(encoder)) {
            throw new ProviderUnavailableException(noEncoder(encoder, what));
        }
    }

    private static boolean hasEncoder(String encoder) {
        org.bytedeco.ffmpeg.avcodec.AVCodec c = avcodec.avcodec_find_encoder_by_name(encoder);
        return c != null && !c.isNull();
    }

    private static String noEncoder(String encoder, String what) {
        return "this FFmpeg build (org.bytedeco:ffmpeg " + Loader.getPlatform() + ") has no " + encoder + " encoder, so"
                + " it cannot write " + what;
    }

    /** Whether FFmpeg's own log output should be shown ({@code video2gif.debug=true}). */
    static boolean debug() {
        try {
            return Config.defaults().flag("debug", false);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code name() error CODE (TEXT)}, FFmpeg's wording of a native error code. */
    static String describe(String function, int code) {
        return function + " error " + code + " (" + errorText(code) + ")";
    }

    /** FFmpeg's text for an error code, for example "Invalid data found when processing input". */
    static String errorText(int code) {
        byte[] buf = new byte[256];
        if (avutil.av_strerror(code, buf, buf.length) < 0) {
            return "unknown error";
        }
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    /** A native string for a file name, encoded as the JVM encodes file names (so non-ASCII names work). */
    static BytePointer fileName(Path path) {
        return new BytePointer(path.toString(), fileNameCharset());
    }

    private static Charset fileNameCharset() {
        String jnu = System.getProperty("sun.jnu.encoding");
        try {
            return jnu == null ? StandardCharsets.UTF_8 : Charset.forName(jnu);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** A native C string as Java text (null for a null pointer). */
    static String string(BytePointer p) {
        return p == null || p.isNull() ? null : p.getString(StandardCharsets.UTF_8);
    }
}
