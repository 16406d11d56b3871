package io.github.video2gif.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_QSCALE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_new;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_format;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_SMPTE170M;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.FF_QP2LAMBDA;
import static org.bytedeco.ffmpeg.global.avutil.av_d2q;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import io.github.video2gif.api.OutputException;
import io.github.video2gif.api.VideoFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;

/**
 * Writes {@link VideoFrame}s to a video file with FFmpeg (in process, no {@code ffmpeg} program needed): MP4,
 * MOV or Matroska with H.264 (OpenH264) where the size allows it, else MPEG-4 Part 2; WebM with VP8; animated
 * WebP ({@code .webp}) with libwebp.
 *
 * <p>Each frame is written at its own {@link VideoFrame#timestampSec() timestamp}, rounded to the stream's time
 * base (by default {@code 1/fps}; give a finer one with {@link Builder#timeBase(int, int)} for variable frame
 * rate), so timestamps must increase. The file is written under a temporary name in the target's directory and
 * moved into place by {@link #finish()}; {@link #close()} without {@code finish()} deletes it and leaves any
 * existing target untouched. Not thread-safe.
 *
 * <pre>{@code
 * try (FfmpegVideoWriter w = FfmpegVideoWriter.builder(path, 640, 360).fps(24).open()) {
 *     for (int i = 0; i < 48; i++) {
 *         w.write(new VideoFrame(i, i / 24.0, 640, 360, pixels(i)));
 *     }
 *     w.finish();
 * }
 * }</pre>
 */
public final class FfmpegVideoWriter implements AutoCloseable {
    /** The video codec to write. */
    public enum Codec {
        /** H.264 (OpenH264) for MP4/MOV/Matroska when both sizes are even, MPEG-4 Part 2 otherwise; VP8 for WebM. */
        AUTO,
        /** H.264 through Cisco's OpenH264 encoder (even sizes only). */
        H264,
        /** MPEG-4 Part 2 (FFmpeg's own encoder; any size, optional B-frames). */
        MPEG4,
        /** VP8 through libvpx (for WebM). */
        VP8,
        /**
         * Animated WebP through libwebp's animation encoder ({@code libwebp_anim}, lossy, any size): the only codec
         * of the {@code .webp} container.
         */
        WEBP
    }

    private final Path target;
    private final int width;
    private final int height;
    private final AtomicOutput output;
    private final String codecName;
    private final Codec codec;
    private final int webpLoops;

    private AVFormatContext oc;
    private AVCodecContext enc;
    private AVStream stream;
    private AVFrame yuv;
    private AVPacket pkt;
    private SwsContext sws;
    /** The RGB input to swscale, in an FFmpeg-allocated frame (aligned, padded rows that SIMD may over-read). */
    private AVFrame rgbFrame;
    private long lastPts = Long.MIN_VALUE;
    private long firstPts = Long.MIN_VALUE;
    private long lastDuration;
    /** Durations (ticks) of frames sent to the encoder whose packets have not come out yet, by pts. */
    private final java.util.Map<Long, Long> pendingDurations = new java.util.HashMap<>();
    private long frames;
    private int tbNum;
    private int tbDen;
    private boolean finished;
    private boolean closed;

    private FfmpegVideoWriter(Builder b) throws OutputException {
        this.target = b.target;
        this.width = b.width;
        this.height = b.height;
        FfmpegNatives.load();
        AVOutputFormat format = b.container != null ? containerFormat(b.container) : guessFormat(b.target);
        Codec codec = chooseCodec(b.codec, format, b.width, b.height);
        this.codec = codec;
        this.webpLoops = b.webpLoops;
        this.output = AtomicOutput.create(b.target, "video");
        try {
            String[] chosen = new String[1];
            open(b, format, codec, chosen);
            this.codecName = chosen[0];
        } catch (OutputException | RuntimeException e) {
            release();
            output.close();
            throw e;
        }
    }

    /** Starts describing a writer for {@code target} with frames of {@code width x height} pixels. */
    public static Builder builder(Path target, int width, int height) {
        return new Builder(target, width, height);
    }

    /** The encoder in use, as FFmpeg names it (for example {@code libopenh264}, {@code mpeg4}, {@code libvpx}). */
    public String codecName() {
        return codecName;
    }

    /** Frames written so far. */
    public long framesWritten() {
        return frames;
    }

    /**
     * Encodes one frame at its timestamp.
     *
     * @throws IllegalArgumentException when the frame's size differs from the writer's or its timestamp does
     *                                  not come after the previous one (at the stream's time base)
     * @throws OutputException          when the encoder or the disk fails
     */
    public void write(VideoFrame frame) throws OutputException {
        write(frame, 0);
    }

    /**
     * Encodes one frame at its timestamp, shown for {@code durationSec} seconds. The duration matters for the last
     * frame, whose length the container otherwise takes from the nominal frame rate; 0 means that default.
     *
     * @throws IllegalArgumentException when the frame's size differs from the writer's, its timestamp does not
     *                                  come after the previous one (at the stream's time base), or the duration is
     *                                  negative
     * @throws OutputException          when the encoder or the disk fails
     */
    public void write(VideoFrame frame, double durationSec) throws OutputException {
        Objects.requireNonNull(frame, "frame");
        if (!(durationSec >= 0) || Double.isInfinite(durationSec)) {
            throw new IllegalArgumentException("duration must be finite and >= 0, was " + durationSec);
        }
        checkOpen();
        if (frame.width() != width || frame.height() != height) {
            throw new IllegalArgumentException("frame is " + frame.width() + "x" + frame.height() + ", the writer takes "
                    + width + "x" + height);
        }
        AVRational tb = enc.time_base();
        long pts = Math.round(frame.timestampSec() * tb.den() / tb.num());
        if (pts <= lastPts) {
            throw new IllegalArgumentException("frame timestamps must increase at the time base " + tb.num() + "/"
                    + tb.den() + " s: " + frame.timestampSec() + " s comes after tick " + lastPts);
        }
        BytePointer data = rgbFrame.data(0);
        int stride = rgbFrame.linesize(0);
        int row = width * 3;
        for (int y = 0; y < height; y++) {
            data.position((long) y * stride).put(frame.rgb(), y * row, row);
        }
        data.position(0);
        check(av_frame_make_writable(yuv), "av_frame_make_writable()");
        sws_scale(sws, rgbFrame.data(), rgbFrame.linesize(), 0, height, yuv.data(), yuv.linesize());
        yuv.pts(pts);
        long ticks = durationSec > 0 ? Math.max(1, Math.round(durationSec * tb.den() / tb.num())) : 0;
        yuv.duration(ticks);
        if (ticks > 0) {
            pendingDurations.put(pts, ticks);
        }
        check(avcodec_send_frame(enc, yuv), "avcodec_send_frame()");
        drain();
        if (firstPts == Long.MIN_VALUE) {
            firstPts = pts;
        }
        lastPts = pts;
        lastDuration = ticks;
        frames++;
    }

    /**
     * Flushes the encoder, completes the file and moves it over the target.
     *
     * @return the target
     */
    public Path finish() throws OutputException {
        checkOpen();
        check(avcodec_send_frame(enc, null), "avcodec_send_frame(flush)");
        drain();
        check(av_write_trailer(oc), "av_write_trailer()");
        AVIOContext pb = oc.pb();
        int err = pb.error();
        check(err, "avio_write()");
        check(avio_closep(pb), "avio_close()");
        oc.pb(null);
        finished = true;
        release();
        if (codec == Codec.WEBP) {
            long endMs = lastDuration > 0
                    ? Math.round((lastPts + lastDuration - firstPts) * 1000.0 * tbNum / tbDen) : -1;
            fixWebpAnimation(output.temp(), webpLoops, endMs);
        }
        output.commit("video");
        return target;
    }

    /** Releases native resources; without {@link #finish()} the partial file is deleted. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        release();
        output.close();
    }

    /**
     * Completes an animated WebP file as FFmpeg's libwebp encoder cannot be told to: the loop count in the
     * {@code ANIM} chunk (it writes 1, play once) and the last frame's duration in its {@code ANMF} chunk (libwebp
     * repeats the previous frame's), so that the animation lasts until {@code endMs} (-1: leave it).
     */
    private void fixWebpAnimation(Path file, int loops, long endMs) throws OutputException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer head = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            long pos = 12; // after "RIFF" size "WEBP"
            long lastFrame = -1;
            long before = 0; // duration of the frames before the last one
            long lastFrameDuration = 0;
            while (pos + 8 <= ch.size()) {
                head.clear();
                ch.read(head, pos);
                String fourCc = new String(head.array(), 0, 4, StandardCharsets.ISO_8859_1);
                long size = head.getInt(4) & 0xffffffffL;
                if (fourCc.equals("ANIM") && size >= 6) {
                    ByteBuffer count = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort(0, (short) loops);
                    ch.write(count, pos + 8 + 4); // after the background colour
                } else if (fourCc.equals("ANMF") && size >= 16) {
                    before += lastFrameDuration;
                    lastFrame = pos;
                    lastFrameDuration = (head.get(20) & 0xff) | (head.get(21) & 0xff) << 8
                            | (head.get(22) & 0xff) << 16;
                }
                pos += 8 + size + (size & 1);
            }
            long last = endMs - before;
            if (lastFrame >= 0 && endMs > 0 && last > 0 && last <= 0xffffff && last != lastFrameDuration) {
                ByteBuffer d = ByteBuffer.wrap(new byte[] {(byte) last, (byte) (last >> 8), (byte) (last >> 16)});
                ch.write(d, lastFrame + 8 + 12); // frame X, Y, width-1, height-1 come first (3 bytes each)
            }
        } catch (IOException e) {
            throw new OutputException(target, "Cannot write video \"" + target + "\": " + e, e);
        }
    }

    private void checkOpen() {
        if (closed || finished) {
            throw new IllegalStateException("the writer for \"" + target + "\" is " + (finished ? "finished" : "closed"));
        }
    }

    private void drain() throws OutputException {
        while (true) {
            int ret = avcodec_receive_packet(enc, pkt);
            if (ret == FfmpegNatives.AVERROR_EAGAIN || ret == org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF) {
                return;
            }
            check(ret, "avcodec_receive_packet()");
            Long ticks = pendingDurations.remove(pkt.pts());
            if (ticks != null && codec != Codec.WEBP) {
                pkt.duration(ticks); // the container then knows how long the last frame lasts
            }
            pkt.stream_index(stream.index());
            av_packet_rescale_ts(pkt, enc.time_base(), stream.time_base());
            int w = av_interleaved_write_frame(oc, pkt);
            av_packet_unref(pkt);
            check(w, "av_interleaved_write_frame()");
        }
    }

    private void check(int ret, String function) throws OutputException {
        if (ret < 0) {
            throw new OutputException(target, "Cannot write video \"" + target + "\": "
                    + FfmpegNatives.describe(function, ret), null);
        }
    }

    private static AVOutputFormat containerFormat(String name) {
        AVOutputFormat f = av_guess_format(name, (String) null, (String) null);
        if (f == null || f.isNull()) {
            throw new IllegalArgumentException("this FFmpeg build has no \"" + name + "\" container (muxer)");
        }
        return f;
    }

    private static AVOutputFormat guessFormat(Path target) {
        String name = target.getFileName() == null ? "" : target.getFileName().toString();
        AVOutputFormat f = av_guess_format((String) null, name, (String) null);
        if (f == null || f.isNull()) {
            throw new IllegalArgumentException("unknown video container for \"" + target
                    + "\": use a name ending in .mp4, .mov, .mkv, .webm, .webp or .avi");
        }
        return f;
    }

    private static Codec chooseCodec(Codec wanted, AVOutputFormat format, int width, int height) {
        String fmt = FfmpegNatives.string(format.name());
        boolean webm = fmt != null && fmt.contains("webm");
        boolean webp = "webp".equals(fmt);
        if (wanted != Codec.AUTO) {
            if (webm && wanted != Codec.VP8) {
                throw new IllegalArgumentException("WebM holds VP8/VP9 only, not " + wanted);
            }
            if (webp != (wanted == Codec.WEBP)) {
                throw new IllegalArgumentException(webp ? "a .webp file holds WebP only, not " + wanted
                        : "WebP goes into a .webp file only");
            }
            if (wanted == Codec.H264 && (width % 2 != 0 || height % 2 != 0)) {
                throw new IllegalArgumentException("H.264 needs even sizes, was " + width + "x" + height
                        + " (use MPEG4 or AUTO)");
            }
            return wanted;
        }
        if (webm) {
            return Codec.VP8;
        }
        if (webp) {
            return Codec.WEBP;
        }
        return width % 2 == 0 && height % 2 == 0 && avcodec_find_encoder_by_name("libopenh264") != null
                ? Codec.H264 : Codec.MPEG4;
    }

    private void open(Builder b, AVOutputFormat format, Codec codec, String[] chosen) throws OutputException {
        oc = new AVFormatContext(null);
        check(avformat_alloc_output_context2(oc, format, (BytePointer) null, FfmpegNatives.fileName(output.temp())),
                "avformat_alloc_output_context2()");

        String encoderName = switch (codec) {
            case H264 -> "libopenh264";
            case MPEG4 -> "mpeg4";
            case VP8 -> "libvpx";
            case WEBP -> "libwebp_anim";
            case AUTO -> throw new AssertionError();
        };
        AVCodec encoder = avcodec_find_encoder_by_name(encoderName);
        if (encoder == null || encoder.isNull()) {
            throw new OutputException(target, "Cannot write video \"" + target + "\": this FFmpeg build has no "
                    + encoderName + " encoder" + (codec == Codec.WEBP ? " (WebP needs FFmpeg built with libwebp)" : ""),
                    null);
        }
        chosen[0] = encoderName;

        AVRational tb = b.timeBaseNum > 0 ? av_make_q(b.timeBaseNum, b.timeBaseDen) : defaultTimeBase(b.fps);
        tbNum = tb.num();
        tbDen = tb.den();
        if (codec == Codec.MPEG4 && tb.den() > 65535) {
            throw new IllegalArgumentException("MPEG-4 allows time bases up to 1/65535 s, was " + tb.num() + "/" + tb.den());
        }
        enc = avcodec_alloc_context3(encoder);
        enc.width(width);
        enc.height(height);
        enc.pix_fmt(AV_PIX_FMT_YUV420P);
        enc.time_base(tb);
        AVRational rate = av_d2q(b.fps, 100_000);
        enc.framerate(rate);
        enc.gop_size(b.keyframeInterval > 0 ? b.keyframeInterval : Math.max(1, (int) Math.round(b.fps * 2)));
        if (b.sarNum > 0) {
            enc.sample_aspect_ratio(av_make_q(b.sarNum, b.sarDen));
        }
        enc.color_range(AVCOL_RANGE_MPEG);
        enc.colorspace(AVCOL_SPC_SMPTE170M);
        enc.thread_count(0);
        long bitRate = b.bitRate > 0 ? b.bitRate
                : Math.max(200_000L, Math.min(20_000_000L, Math.round(width * (double) height * b.fps * 0.2)));
        switch (codec) {
            case MPEG4 -> {
                enc.flags(enc.flags() | AV_CODEC_FLAG_QSCALE);
                enc.global_quality(FF_QP2LAMBDA * 3);
                enc.max_b_frames(b.bFrames);
            }
            case H264 -> {
                enc.bit_rate(bitRate);
                av_opt_set(enc.priv_data(), "allow_skip_frames", "0", 0);
            }
            case VP8 -> {
                enc.bit_rate(bitRate);
                av_opt_set(enc.priv_data(), "deadline", "realtime", 0);
                av_opt_set(enc.priv_data(), "cpu-used", "8", 0);
            }
            case WEBP -> av_opt_set(enc.priv_data(), "quality", String.valueOf(b.quality), 0);
            default -> throw new AssertionError();
        }
        if (codec != Codec.MPEG4 && b.bFrames > 0) {
            throw new IllegalArgumentException("B-frames are only available with MPEG4");
        }
        if ((oc.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
            enc.flags(enc.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        check(avcodec_open2(enc, encoder, (AVDictionary) null), "avcodec_open2(" + encoderName + ")");

        stream = avformat_new_stream(oc, null);
        if (stream == null || stream.isNull()) {
            throw new OutputException(target, "Cannot write video \"" + target + "\": avformat_new_stream() failed", null);
        }
        stream.time_base(tb);
        stream.avg_frame_rate(rate);
        if (b.sarNum > 0) {
            stream.sample_aspect_ratio(av_make_q(b.sarNum, b.sarDen));
        }
        check(avcodec_parameters_from_context(stream.codecpar(), enc), "avcodec_parameters_from_context()");
        if (b.rotation != 0) {
            addDisplayRotation(stream.codecpar(), b.rotation);
        }

        AVIOContext pb = new AVIOContext(null);
        check(avio_open(pb, FfmpegNatives.fileName(output.temp()), AVIO_FLAG_WRITE), "avio_open()");
        oc.pb(pb);
        AVDictionary muxerOptions = new AVDictionary(null);
        if (b.fastStart) {
            av_dict_set(muxerOptions, "movflags", "+faststart", 0);
        }
        int ret = avformat_write_header(oc, muxerOptions);
        av_dict_free(muxerOptions);
        check(ret, "avformat_write_header()");

        yuv = av_frame_alloc();
        yuv.format(AV_PIX_FMT_YUV420P);
        yuv.width(width);
        yuv.height(height);
        check(av_frame_get_buffer(yuv, 0), "av_frame_get_buffer()");
        pkt = av_packet_alloc();
        sws = sws_getContext(width, height, AV_PIX_FMT_RGB24, width, height, AV_PIX_FMT_YUV420P, SWS_BICUBIC,
                null, null, (DoublePointer) null);
        if (sws == null || sws.isNull()) {
            throw new OutputException(target, "Cannot write video \"" + target + "\": sws_getContext() failed", null);
        }
        rgbFrame = av_frame_alloc();
        rgbFrame.format(AV_PIX_FMT_RGB24);
        rgbFrame.width(width);
        rgbFrame.height(height);
        check(av_frame_get_buffer(rgbFrame, 0), "av_frame_get_buffer()");
    }

    /** Display matrix side data: the picture is to be shown rotated {@code degrees} clockwise. */
    private static void addDisplayRotation(AVCodecParameters par, int degrees) {
        AVPacketSideData list = par.coded_side_data();
        if (list == null) {
            list = new AVPacketSideData(null);
        }
        int[] count = {par.nb_coded_side_data()};
        AVPacketSideData entry = av_packet_side_data_new(list, count, AV_PKT_DATA_DISPLAYMATRIX, 9 * 4, 0);
        if (entry == null || entry.isNull()) {
            throw new IllegalStateException("av_packet_side_data_new() failed");
        }
        par.coded_side_data(list);
        par.nb_coded_side_data(count[0]);
        // av_display_rotation_get(av_display_rotation_set(m, a)) == -a, and readers (FFmpeg included) take
        // -av_display_rotation_get() as the clockwise turn to apply, so the clockwise angle goes in as is.
        av_display_rotation_set(new IntPointer(entry.data()), degrees);
    }

    private static AVRational defaultTimeBase(double fps) {
        AVRational r = av_d2q(fps, 100_000);
        return av_make_q(r.den(), r.num());
    }

    private void release() {
        if (enc != null) {
            avcodec_free_context(enc);
            enc = null;
        }
        if (oc != null) {
            if (oc.pb() != null && !oc.pb().isNull()) {
                avio_closep(oc.pb());
                oc.pb(null);
            }
            avformat_free_context(oc);
            oc = null;
        }
        if (yuv != null) {
            av_frame_free(yuv);
            yuv = null;
        }
        if (pkt != null) {
            av_packet_free(pkt);
            pkt = null;
        }
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        if (rgbFrame != null) {
            av_frame_free(rgbFrame);
            rgbFrame = null;
        }
        stream = null;
    }

    @Override
    public String toString() {
        return "FfmpegVideoWriter[" + target + ", " + width + "x" + height + ", " + codecName + ", "
                + String.format(Locale.ROOT, "%d frames", frames) + "]";
    }

    /** Options of a {@link FfmpegVideoWriter}; {@link #open()} creates it. */
    public static final class Builder {
        private final Path target;
        private final int width;
        private final int height;
        private double fps = 25;
        private Codec codec = Codec.AUTO;
        private int timeBaseNum;
        private int timeBaseDen;
        private int keyframeInterval;
        private int bFrames;
        private long bitRate;
        private int rotation;
        private int sarNum;
        private int sarDen;
        private boolean fastStart;
        private int quality = 75;
        private int webpLoops;
        private String container;

        private Builder(Path target, int width, int height) {
            this.target = Objects.requireNonNull(target, "target");
            if (width < 2 || height < 2 || width > 8192 || height > 8192) {
                throw new IllegalArgumentException("video size must be in [2, 8192], was " + width + "x" + height);
            }
            this.width = width;
            this.height = height;
        }

        /** Nominal frame rate (the default time base is its inverse); default 25. */
        public Builder fps(double fps) {
            if (!(fps > 0 && fps <= 1000)) {
                throw new IllegalArgumentException("fps must be in (0, 1000], was " + fps);
            }
            this.fps = fps;
            return this;
        }

        /** The codec; default {@link Codec#AUTO}. */
        public Builder codec(Codec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /** Time base {@code num/den} seconds per tick for frame timestamps (for variable frame rate, e.g. 1/1000). */
        public Builder timeBase(int num, int den) {
            if (num <= 0 || den <= 0) {
                throw new IllegalArgumentException("time base must be positive, was " + num + "/" + den);
            }
            this.timeBaseNum = num;
            this.timeBaseDen = den;
            return this;
        }

        /** Frames between key frames; default two seconds' worth. */
        public Builder keyframeInterval(int frames) {
            if (frames < 1) {
                throw new IllegalArgumentException("keyframe interval must be >= 1, was " + frames);
            }
            this.keyframeInterval = frames;
            return this;
        }

        /** Consecutive B-frames (MPEG4 only); default 0. */
        public Builder bFrames(int count) {
            if (count < 0 || count > 4) {
                throw new IllegalArgumentException("B-frames must be in [0, 4], was " + count);
            }
            this.bFrames = count;
            return this;
        }

        /** Target bit rate in bits per second (H.264, VP8); default about 0.2 bits a pixel. */
        public Builder bitRate(long bitsPerSecond) {
            if (bitsPerSecond <= 0) {
                throw new IllegalArgumentException("bit rate must be positive, was " + bitsPerSecond);
            }
            this.bitRate = bitsPerSecond;
            return this;
        }

        /**
         * Display rotation written into the file (display matrix): players and decoders show the frames rotated
         * this many degrees clockwise. One of 0, 90, 180, 270.
         */
        public Builder rotation(int degreesClockwise) {
            if (degreesClockwise % 90 != 0 || degreesClockwise < 0 || degreesClockwise >= 360) {
                throw new IllegalArgumentException("rotation must be 0, 90, 180 or 270, was " + degreesClockwise);
            }
            this.rotation = degreesClockwise;
            return this;
        }

        /**
         * Sample (pixel) aspect ratio {@code num:den} written into the stream: players show each pixel
         * {@code num/den} times as wide as it is high. Default 1:1 (square pixels).
         */
        public Builder sampleAspectRatio(int num, int den) {
            if (num <= 0 || den <= 0 || num > 255 || den > 255) {
                throw new IllegalArgumentException("sample aspect ratio must be in 1..255 : 1..255, was " + num + ":"
                        + den);
            }
            this.sarNum = num;
            this.sarDen = den;
            return this;
        }

        /** MP4/MOV: put the index (moov atom) first so the file plays while it downloads; default false. */
        public Builder fastStart(boolean fastStart) {
            this.fastStart = fastStart;
            return this;
        }

        /**
         * The container by FFmpeg's muxer name ({@code mp4}, {@code webp}, {@code matroska}...), whatever the file's
         * name; by default it is guessed from the name's extension.
         */
        public Builder container(String muxerName) {
            this.container = Objects.requireNonNull(muxerName, "muxerName");
            return this;
        }

        /** WebP: lossy quality 0 (smallest) to 100 (best); default 75, libwebp's own default. */
        public Builder quality(int quality) {
            if (quality < 0 || quality > 100) {
                throw new IllegalArgumentException("quality must be in [0, 100], was " + quality);
            }
            this.quality = quality;
            return this;
        }

        /**
         * WebP: how many times the animation plays, 0 (the default) for ever; written into the file's {@code ANIM}
         * chunk (FFmpeg's libwebp encoder alone writes 1).
         */
        public Builder loops(int loops) {
            if (loops < 0 || loops > 65535) {
                throw new IllegalArgumentException("loops must be in [0, 65535], was " + loops);
            }
            this.webpLoops = loops;
            return this;
        }

        /**
         * Opens the writer (creates the temporary file).
         *
         * @throws OutputException          when the directory cannot be written or the encoder fails to open
         * @throws IllegalArgumentException when the container is unknown or the options do not fit it
         */
        public FfmpegVideoWriter open() throws OutputException {
            return new FfmpegVideoWriter(this);
        }
    }
}
