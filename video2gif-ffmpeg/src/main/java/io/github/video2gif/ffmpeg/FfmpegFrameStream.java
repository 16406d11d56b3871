package io.github.video2gif.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_seek_file;
import static org.bytedeco.ffmpeg.global.avformat.avio_feof;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_RESERVED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import io.github.video2gif.api.DecodeOptions;
import io.github.video2gif.api.EmptyVideoException;
import io.github.video2gif.api.FrameStream;
import io.github.video2gif.api.TruncatedVideoException;
import io.github.video2gif.api.UnreadableVideoException;
import io.github.video2gif.api.UnsupportedVideoException;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames of one video stream, decoded by libavcodec and converted by libswscale to packed RGB at the requested
 * size, rotated upright in Java. Owns all native state of one decode; {@link #close()} frees it.
 */
final class FfmpegFrameStream implements FrameStream {
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegFrameStream.class);
    /** Timestamps within half a microsecond of a range bound count as on it (decimal round-off). */
    private static final double EPS = 5e-7;
    /** How far back (seconds) to retry when a seek lands after the requested start. */
    private static final double[] SEEK_BACKOFF = {1, 4, 16, 64};
    /** Undecodable packets or frames in a row after which a stream counts as unreadable. */
    private static final int MAX_CONSECUTIVE_ERRORS = 10_000;

    private final VideoInput input;
    private final DecodeOptions options;
    private final int scalerFlags;
    private final int outWidth;
    private final int outHeight;

    private AVCodecContext decoder;
    private AVPacket packet;
    private AVFrame frame;
    /** The requested size, and the companion size if one was asked for (else null). */
    private Output main;
    private Output second;
    private VideoFrame companion;

    private boolean inputEnded;
    private boolean finished;
    private boolean closed;
    private long delivered;
    private long decodedTotal;
    private double lastSeconds = Double.NaN;
    private int readError;
    private int decodeErrors;
    private int firstDecodeError;
    private int consecutiveErrors;
    /** After a seek: whether the first decoded frame still has to be checked against the start. */
    private boolean checkSeekLanding;
    private int seekAttempt;
    private boolean seekedToOrigin;

    FfmpegFrameStream(VideoInput input, DecodeOptions options, int threads, int scalerFlags) throws Video2GifException {
        this.input = input;
        this.options = options;
        this.scalerFlags = scalerFlags;
        int[] out = options.format().resolve(input.displayWidth, input.displayHeight);
        this.outWidth = out[0];
        this.outHeight = out[1];
        try {
            openDecoder(threads);
            main = new Output(outWidth, outHeight);
            if (options.companion() != null) {
                int[] c = options.companion().resolve(input.displayWidth, input.displayHeight);
                second = new Output(c[0], c[1]);
            }
            if (options.startSec() > 0) {
                seek(options.startSec());
            }
        } catch (Video2GifException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private void openDecoder(int threads) throws Video2GifException {
        AVCodec codec = avcodec_find_decoder(input.stream.codecpar().codec_id());
        if (codec == null || codec.isNull()) {
            throw new UnsupportedVideoException(input.path, VideoInput.message(input.path, "its video codec "
                    + input.info.codec() + " is not supported by this FFmpeg build"));
        }
        decoder = avcodec_alloc_context3(codec);
        if (decoder == null || decoder.isNull()) {
            decoder = null;
            throw new OutOfMemoryError("avcodec_alloc_context3() failed");
        }
        int ret = avcodec_parameters_to_context(decoder, input.stream.codecpar());
        if (ret < 0) {
            throw new UnreadableVideoException(input.path, VideoInput.message(input.path,
                    FfmpegNatives.describe("avcodec_parameters_to_context()", ret)));
        }
        decoder.pkt_timebase(input.stream.time_base());
        decoder.thread_count(threads);
        ret = avcodec_open2(decoder, codec, (AVDictionary) null);
        if (ret < 0) {
            throw new UnsupportedVideoException(input.path, VideoInput.message(input.path,
                    FfmpegNatives.describe("avcodec_open2(" + input.info.codec() + ")", ret)));
        }
        packet = av_packet_alloc();
        frame = av_frame_alloc();
        if (packet == null || frame == null) {
            throw new OutOfMemoryError("av_packet_alloc()/av_frame_alloc() failed");
        }
    }

    @Override
    public VideoInfo info() {
        return input.info;
    }

    @Override
    public int[] frameSize() {
        return new int[] {outWidth, outHeight};
    }

    @Override
    public VideoFrame next() throws Video2GifException {
        if (closed) {
            throw new IllegalStateException("the frame stream of \"" + input.path + "\" is closed");
        }
        if (finished) {
            return null;
        }
        while (true) {
            int ret = avcodec_receive_frame(decoder, frame);
            if (ret >= 0) {
                VideoFrame v;
                try {
                    v = accept();
                } finally {
                    av_frame_unref(frame);
                }
                if (finished) {
                    return null;
                }
                if (v != null) {
                    return v;
                }
                continue;
            }
            if (ret == AVERROR_EOF) {
                finished = true;
                endOfStream();
                if (decodeErrors > 0) {
                    LOG.warn("{}: {} frames could not be decoded and were skipped (first error: {})", input.path,
                            decodeErrors, FfmpegNatives.errorText(firstDecodeError));
                }
                return null;
            }
            if (ret != FfmpegNatives.AVERROR_EAGAIN) {
                // A frame that failed to decode (reported here with frame threading): skip it as FFmpeg's own
                // tools do, unless the decoder does nothing else.
                noteDecodeError(ret);
                if (++consecutiveErrors > MAX_CONSECUTIVE_ERRORS) {
                    finished = true;
                    throw new UnreadableVideoException(input.path, VideoInput.message(input.path,
                            FfmpegNatives.describe("avcodec_receive_frame()", ret) + " " + consecutiveErrors
                                    + " times in a row" + at()));
                }
                continue;
            }
            feed();
        }
    }

    /** Sends the next packet of the video stream to the decoder (or the end-of-stream signal). */
    private void feed() throws Video2GifException {
        if (inputEnded) {
            // The decoder asked for more input after the flush: it is done.
            int ret = avcodec_send_packet(decoder, null);
            if (ret < 0 && ret != AVERROR_EOF) {
                throw new UnreadableVideoException(input.path, VideoInput.message(input.path,
                        FfmpegNatives.describe("avcodec_send_packet(flush)", ret)));
            }
            return;
        }
        while (true) {
            int ret = av_read_frame(input.formatContext, packet);
            if (ret < 0) {
                if (ret != AVERROR_EOF && ret != FfmpegNatives.AVERROR_EAGAIN) {
                    readError = ret;
                }
                inputEnded = true;
                avcodec_send_packet(decoder, null);
                return;
            }
            try {
                if (packet.stream_index() != input.streamIndex) {
                    continue;
                }
                ret = avcodec_send_packet(decoder, packet);
            } finally {
                av_packet_unref(packet);
            }
            if (ret < 0 && ret != FfmpegNatives.AVERROR_EAGAIN && ret != AVERROR_EOF) {
                // A corrupt packet: skip it as FFmpeg's own tools do, remember why.
                noteDecodeError(ret);
                if (++consecutiveErrors > MAX_CONSECUTIVE_ERRORS) {
                    throw new UnreadableVideoException(input.path, VideoInput.message(input.path,
                            FfmpegNatives.describe("avcodec_send_packet()", ret) + " " + consecutiveErrors
                                    + " times in a row" + at()));
                }
                continue;
            }
            return;
        }
    }

    private void noteDecodeError(int ret) {
        if (decodeErrors++ == 0) {
            firstDecodeError = ret;
        }
    }

    /** Handles one decoded frame: range checks, seek landing check, conversion. */
    private VideoFrame accept() throws Video2GifException {
        consecutiveErrors = 0;
        long pts = frame.best_effort_timestamp();
        if (pts == AV_NOPTS_VALUE) {
            pts = frame.pts();
        }
        double t;
        if (pts == AV_NOPTS_VALUE) {
            // No timing at all: continue from the previous frame at the average rate.
            t = Double.isNaN(lastSeconds) ? 0 : lastSeconds + 1.0 / input.info.fps();
        } else {
            t = input.seconds(pts);
        }
        decodedTotal++;
        if (checkSeekLanding) {
            checkSeekLanding = false;
            if (t > options.startSec() + EPS && !seekedToOrigin) {
                // The seek landed after the start: frames in between would be lost. Seek further back.
                seekBack();
                return null;
            }
        }
        if (t < options.startSec() - EPS) {
            return null;
        }
        if (t >= options.endSec() - EPS) {
            finished = true;
            return null;
        }
        lastSeconds = t;
        byte[] pixels = main.convert();
        companion = second == null ? null : new VideoFrame(delivered, t, second.width, second.height, second.convert());
        return new VideoFrame(delivered++, t, outWidth, outHeight, pixels);
    }

    @Override
    public VideoFrame companion() {
        return companion;
    }

    /**
     * One output size: libswscale's contexts from the decoder's pixel format to packed RGB at that size, and the
     * buffers they write. The requested size has one; a companion size another, both fed the same decoded frame.
     */
    private final class Output {
        final int width;
        final int height;
        /** Size swscale produces (before rotation). */
        private final int scaledWidth;
        private final int scaledHeight;
        /** YUV (or RGB) -> RGB24 at the scaled size. */
        private SwsContext sws;
        /** For 4:2:0 input that needs resizing: the YUV resize step before {@link #sws}, and its output. */
        private SwsContext resize;
        private AVFrame resized;
        /**
         * swscale's RGB output, allocated by FFmpeg with aligned, padded rows: its vectorised writers may run past
         * the end of a row, so a tightly packed buffer would be overrun.
         */
        private AVFrame rgbFrame;
        private byte[] scratch;
        private int swsSrcWidth = -1;
        private int swsSrcHeight = -1;
        private int swsSrcFormat = -1;
        private int swsColorspace = -1;
        private int swsRange = -1;

        Output(int width, int height) {
            this.width = width;
            this.height = height;
            boolean quarter = input.rotation == 90 || input.rotation == 270;
            this.scaledWidth = quarter ? height : width;
            this.scaledHeight = quarter ? width : height;
            rgbFrame = av_frame_alloc();
            if (rgbFrame == null) {
                throw new OutOfMemoryError("av_frame_alloc() failed");
            }
            rgbFrame.format(AV_PIX_FMT_RGB24);
            rgbFrame.width(scaledWidth);
            rgbFrame.height(scaledHeight);
            int ret = av_frame_get_buffer(rgbFrame, 0);
            if (ret < 0) {
                av_frame_free(rgbFrame);
                rgbFrame = null;
                throw new OutOfMemoryError(FfmpegNatives.describe("av_frame_get_buffer()", ret));
            }
            if (input.rotation != 0) {
                scratch = new byte[scaledWidth * scaledHeight * 3];
            }
        }

        private void configureScaler(int w, int h, int fmt, int cs, int range) throws Video2GifException {
            freeScalers();
            boolean twoStep = (fmt == AV_PIX_FMT_YUV420P || fmt == AV_PIX_FMT_YUVJ420P)
                    && (w != scaledWidth || h != scaledHeight);
            int convertFrom = fmt;
            if (twoStep) {
                resize = sws_getContext(w, h, fmt, scaledWidth, scaledHeight, fmt, scalerFlags, null, null,
                        (DoublePointer) null);
                resized = av_frame_alloc();
                if (resize == null || resize.isNull() || resized == null) {
                    freeScalers();
                    throw new UnsupportedVideoException(input.path, VideoInput.message(input.path,
                            "cannot resize " + w + "x" + h + " frames of pixel format " + fmt));
                }
                resized.format(fmt);
                resized.width(scaledWidth);
                resized.height(scaledHeight);
                int ret = av_frame_get_buffer(resized, 0);
                if (ret < 0) {
                    freeScalers();
                    throw new OutOfMemoryError(FfmpegNatives.describe("av_frame_get_buffer()", ret));
                }
                w = scaledWidth;
                h = scaledHeight;
            }
            sws = sws_getContext(w, h, convertFrom, scaledWidth, scaledHeight, AV_PIX_FMT_RGB24, scalerFlags, null, null,
                    (DoublePointer) null);
            if (sws == null || sws.isNull()) {
                sws = null;
                freeScalers();
                throw new UnsupportedVideoException(input.path, VideoInput.message(input.path,
                        "cannot convert " + w + "x" + h + " frames of pixel format " + fmt + " to RGB"));
            }
            int matrix = cs == AVCOL_SPC_UNSPECIFIED || cs == AVCOL_SPC_RESERVED || cs <= 0 ? SWS_CS_DEFAULT : cs;
            // YUV -> RGB: source matrix and range from the frame, full-range RGB out. A no-op for RGB input.
            sws_setColorspaceDetails(sws, sws_getCoefficients(matrix), range, sws_getCoefficients(SWS_CS_DEFAULT), 1,
                    0, 1 << 16, 1 << 16);
            swsSrcWidth = frame.width();
            swsSrcHeight = frame.height();
            swsSrcFormat = fmt;
            swsColorspace = cs;
            swsRange = range;
        }

        private void freeScalers() {
            if (sws != null) {
                sws_freeContext(sws);
                sws = null;
            }
            if (resize != null) {
                sws_freeContext(resize);
                resize = null;
            }
            if (resized != null) {
                av_frame_free(resized);
                resized = null;
            }
        }

        private byte[] convert() throws Video2GifException {
            int w = frame.width();
            int h = frame.height();
            int fmt = frame.format();
            int cs = frame.colorspace();
            int range = frame.color_range() == AVCOL_RANGE_JPEG || fmt == AV_PIX_FMT_YUVJ420P
                    || fmt == AV_PIX_FMT_YUVJ422P || fmt == AV_PIX_FMT_YUVJ444P ? 1 : 0;
            if (w <= 0 || h <= 0 || fmt < 0) {
                throw new UnreadableVideoException(input.path, VideoInput.message(input.path,
                        "the decoder returned a frame without pixels (" + w + "x" + h + ", format " + fmt + ")" + at()));
            }
            if (sws == null || w != swsSrcWidth || h != swsSrcHeight || fmt != swsSrcFormat || cs != swsColorspace
                    || range != swsRange) {
                configureScaler(w, h, fmt, cs, range);
            }
            int lines;
            if (resize != null) {
                // Two steps: resize the planes in YUV (swscale's vectorised planar path), then convert to RGB at
                // the small size (its vectorised unscaled path). Measured about twice as fast as one scaled
                // YUV -> RGB24 pass, whose packed-RGB output with a multi-tap vertical filter is plain C.
                lines = sws_scale(resize, frame.data(), frame.linesize(), 0, h, resized.data(), resized.linesize());
                if (lines > 0) {
                    lines = sws_scale(sws, resized.data(), resized.linesize(), 0, scaledHeight, rgbFrame.data(),
                            rgbFrame.linesize());
                }
            } else {
                lines = sws_scale(sws, frame.data(), frame.linesize(), 0, h, rgbFrame.data(), rgbFrame.linesize());
            }
            if (lines <= 0) {
                throw new UnreadableVideoException(input.path, VideoInput.message(input.path,
                        FfmpegNatives.describe("sws_scale()", lines) + at()));
            }
            byte[] out = new byte[width * height * 3];
            if (input.rotation == 0) {
                copyRows(out);
            } else {
                copyRows(scratch);
                Rotation.rotate(scratch, scaledWidth, scaledHeight, input.rotation, out);
            }
            return out;
        }

        /** Copies swscale's padded rows into a packed array (the one copy out of native memory per frame). */
        private void copyRows(byte[] packed) {
            BytePointer data = rgbFrame.data(0);
            int stride = rgbFrame.linesize(0);
            int row = scaledWidth * 3;
            for (int y = 0; y < scaledHeight; y++) {
                data.position((long) y * stride).get(packed, y * row, row);
            }
            data.position(0);
        }

        void free() {
            freeScalers();
            if (rgbFrame != null) {
                av_frame_free(rgbFrame);
                rgbFrame = null;
            }
        }
    }

    private void seek(double seconds) {
        checkSeekLanding = true;
        long target = input.ticks(seconds);
        int ret = av_seek_frame(input.formatContext, input.streamIndex, target, AVSEEK_FLAG_BACKWARD);
        if (ret < 0) {
            ret = avformat_seek_file(input.formatContext, input.streamIndex, Long.MIN_VALUE, target, target, 0);
        }
        if (ret < 0) {
            // Not seekable: decode from where we are (the start) and drop the frames before the range.
            checkSeekLanding = false;
            seekedToOrigin = true;
            return;
        }
        avcodec_flush_buffers(decoder);
        inputEnded = false;
        readError = 0;
    }

    private void seekBack() {
        double start = options.startSec();
        if (seekAttempt < SEEK_BACKOFF.length && start - SEEK_BACKOFF[seekAttempt] > 0) {
            seek(start - SEEK_BACKOFF[seekAttempt++]);
            return;
        }
        seekAttempt = SEEK_BACKOFF.length;
        seekedToOrigin = true;
        checkSeekLanding = false;
        int ret = avformat_seek_file(input.formatContext, input.streamIndex, Long.MIN_VALUE, input.originPts,
                input.originPts, AVSEEK_FLAG_BACKWARD);
        if (ret < 0) {
            ret = av_seek_frame(input.formatContext, -1, Long.MIN_VALUE, AVSEEK_FLAG_BACKWARD);
        }
        avcodec_flush_buffers(decoder);
        inputEnded = false;
        readError = 0;
    }

    /** At the decoder's end: report a read error, a truncation or an empty video. */
    private void endOfStream() throws Video2GifException {
        if (readError != 0) {
            AVIOContext pb = input.formatContext.pb();
            boolean atEnd = pb != null && !pb.isNull() && avio_feof(pb) != 0;
            String native_ = FfmpegNatives.describe("av_read_frame()", readError);
            if (atEnd || input.truncation.isPresent()) {
                throw new TruncatedVideoException(input.path, VideoInput.message(input.path, native_
                        + " at the end of the file" + at() + ": the file is cut short (an interrupted download or copy?)"));
            }
            throw new UnreadableVideoException(input.path, VideoInput.message(input.path, native_ + at()
                    + ": the file is corrupt"));
        }
        if (input.truncation.isPresent()) {
            throw new TruncatedVideoException(input.path, VideoInput.message(input.path, "the file is cut short: "
                    + input.truncation.get()));
        }
        if (decodedTotal == 0 && options.startSec() == 0) {
            String why = decodeErrors == 0 ? ""
                    : ": " + decodeErrors + " frames failed to decode, the first with "
                    + FfmpegNatives.describe("avcodec", firstDecodeError);
            throw new EmptyVideoException(input.path, VideoInput.message(input.path, "its " + input.info.codec()
                    + " video stream (" + input.codedWidth + "x" + input.codedHeight + ") holds no decodable frame"
                    + why));
        }
    }

    private String at() {
        if (Double.isNaN(lastSeconds)) {
            return " before the first frame";
        }
        return String.format(Locale.ROOT, " after %d frames (%.3f s of %.3f s)", delivered, lastSeconds,
                input.info.durationSec());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        finished = true;
        if (decoder != null) {
            avcodec_free_context(decoder);
            decoder = null;
        }
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (frame != null) {
            av_frame_free(frame);
            frame = null;
        }
        if (main != null) {
            main.free();
            main = null;
        }
        if (second != null) {
            second.free();
            second = null;
        }
        companion = null;
        input.close();
    }

    @Override
    public String toString() {
        return "FfmpegFrameStream[" + input.path + ", " + outWidth + "x" + outHeight + ", " + delivered + " frames]";
    }
}
