package io.github.video2gif.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_DEFAULT;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_frame_rate;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_sample_aspect_ratio;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;
import static org.bytedeco.ffmpeg.global.avutil.av_get_media_type_string;

import io.github.video2gif.api.EmptyVideoException;
import io.github.video2gif.api.NoVideoStreamException;
import io.github.video2gif.api.TruncatedVideoException;
import io.github.video2gif.api.UnreadableVideoException;
import io.github.video2gif.api.UnsupportedVideoException;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.VideoInfo;
import io.github.video2gif.api.VideoNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.IntPointer;

/**
 * An opened media file with its chosen video stream and what is known about it. Owns the
 * {@code AVFormatContext}; {@link #close()} frees it (idempotent).
 */
final class VideoInput implements AutoCloseable {
    final Path path;
    AVFormatContext formatContext;
    final AVStream stream;
    final int streamIndex;
    /** Stream time base, copied out of native memory. */
    final int timeBaseNum;
    final int timeBaseDen;
    /** The stream's first timestamp in time-base ticks (0 when unknown); timestamps are measured from it. */
    final long originPts;
    /** Coded frame size. */
    final int codedWidth;
    final int codedHeight;
    /** Display size: sample aspect ratio applied, then rotation. */
    final int displayWidth;
    final int displayHeight;
    /** Clockwise rotation to apply to coded frames: 0, 90, 180, 270. */
    final int rotation;
    final VideoInfo info;
    /** When the file is an MP4 cut short: what was seen. */
    final Optional<String> truncation;

    private VideoInput(Path path, AVFormatContext oc, Optional<String> truncation) throws Video2GifException {
        this.path = path;
        this.formatContext = oc;
        this.truncation = truncation;
        int idx = chooseVideoStream(path, oc);
        this.streamIndex = idx;
        this.stream = oc.streams(idx);
        for (int i = 0; i < oc.nb_streams(); i++) {
            if (i != idx) {
                oc.streams(i).discard(AVDISCARD_ALL); // the demuxer then skips their packets cheaply
            }
        }
        AVCodecParameters par = stream.codecpar();
        AVRational tb = stream.time_base();
        this.timeBaseNum = tb.num();
        this.timeBaseDen = tb.den();
        if (timeBaseNum <= 0 || timeBaseDen <= 0) {
            throw new UnreadableVideoException(path, message(path, "the video stream has no time base ("
                    + timeBaseNum + "/" + timeBaseDen + ")"));
        }
        long start = stream.start_time();
        this.originPts = start == AV_NOPTS_VALUE ? 0 : start;
        String codecName = FfmpegNatives.string(avcodec_get_name(par.codec_id()));
        if (codecName == null) {
            codecName = "unknown";
        }
        long containerFrames = Math.max(0, stream.nb_frames());
        this.codedWidth = par.width();
        this.codedHeight = par.height();
        if (codedWidth <= 0 || codedHeight <= 0) {
            if (containerFrames == 0) {
                throw new EmptyVideoException(path, message(path, "its " + codecName + " video stream holds no frames"));
            }
            throw new UnreadableVideoException(path, message(path, "the frame size of its " + codecName
                    + " video stream is unknown (" + codedWidth + "x" + codedHeight + "); the stream may be corrupt"));
        }
        AVCodec decoder = avcodec_find_decoder(par.codec_id());
        if (decoder == null || decoder.isNull()) {
            throw new UnsupportedVideoException(path, message(path, "its video codec " + codecName
                    + " is not supported by this FFmpeg build"));
        }
        this.rotation = displayRotation(par);

        AVRational sar = av_guess_sample_aspect_ratio(oc, stream, null);
        double w = codedWidth;
        if (sar != null && sar.num() > 0 && sar.den() > 0 && sar.num() != sar.den()) {
            w = codedWidth * (double) sar.num() / sar.den();
        }
        int dw = (int) Math.max(1, Math.min(16384, Math.round(w)));
        int dh = codedHeight;
        if (rotation == 90 || rotation == 270) {
            this.displayWidth = dh;
            this.displayHeight = dw;
        } else {
            this.displayWidth = dw;
            this.displayHeight = dh;
        }

        double duration = 0;
        if (stream.duration() != AV_NOPTS_VALUE && stream.duration() > 0) {
            duration = stream.duration() * (double) timeBaseNum / timeBaseDen;
        } else if (oc.duration() != AV_NOPTS_VALUE && oc.duration() > 0) {
            duration = oc.duration() / (double) AV_TIME_BASE;
        }
        double fps = rate(stream.avg_frame_rate());
        if (fps <= 0) {
            fps = rate(av_guess_frame_rate(oc, stream, null));
        }
        if (fps <= 0) {
            fps = rate(stream.r_frame_rate());
        }
        if (fps <= 0 && containerFrames > 0 && duration > 0) {
            fps = containerFrames / duration;
        }
        if (!(fps > 0) || fps > 10_000) {
            fps = 25; // unknown: FFmpeg's own default guess for a stream without timing
        }
        long frames = containerFrames > 0 ? containerFrames : Math.round(duration * fps);
        this.info = new VideoInfo(path, duration, fps, frames, displayWidth, displayHeight, rotation, codecName);
    }

    /**
     * Opens {@code path}: checks the file first (before touching native code), then lets FFmpeg read the
     * container header and probe the streams.
     */
    static VideoInput open(Path path) throws Video2GifException {
        checkFile(path);
        FfmpegNatives.load();
        Optional<String> truncation = FileSniffer.truncation(path);
        AVFormatContext oc = new AVFormatContext(null);
        int ret = avformat_open_input(oc, FfmpegNatives.fileName(path), null, (AVDictionary) null);
        if (ret < 0) {
            String native_ = FfmpegNatives.describe("avformat_open_input()", ret);
            if (truncation.isPresent()) {
                throw new TruncatedVideoException(path, message(path, native_ + "; the file is cut short: "
                        + truncation.get() + " (an interrupted download or copy?)"));
            }
            if (ret == org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF) {
                throw new EmptyVideoException(path, message(path, native_
                        + ": the file ends before its first frame (a container header without media data)"));
            }
            String seen = FileSniffer.looksLikeText(path) ? "; the file holds text, not video"
                    : FileSniffer.isIsoMedia(path) ? "; the file starts like an MP4 but its index is unreadable" : "";
            throw new UnreadableVideoException(path, message(path, native_ + seen));
        }
        try {
            ret = avformat_find_stream_info(oc, (AVDictionary) null);
            if (ret < 0) {
                throw new UnreadableVideoException(path, message(path,
                        FfmpegNatives.describe("avformat_find_stream_info()", ret)));
            }
            VideoInput in = new VideoInput(path, oc, truncation);
            if (truncation.isPresent()) {
                throw new TruncatedVideoException(path, message(path, "the file is cut short: " + truncation.get()
                        + " (an interrupted download or copy?)"));
            }
            return in;
        } catch (Video2GifException | RuntimeException | Error e) {
            avformat_close_input(oc);
            throw e;
        }
    }

    /** The checks that need no native code: exists, a regular readable file, not empty. */
    static void checkFile(Path path) throws Video2GifException {
        if (path == null) {
            throw new NullPointerException("video");
        }
        if (!Files.exists(path)) {
            throw new VideoNotFoundException(path, message(path, Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                    ? "it is a broken symbolic link" : "no such file"));
        }
        if (Files.isDirectory(path)) {
            throw new VideoNotFoundException(path, message(path, "it is a directory, not a video file"));
        }
        if (!Files.isRegularFile(path)) {
            throw new VideoNotFoundException(path, message(path, "it is not a regular file"));
        }
        if (!Files.isReadable(path)) {
            throw new VideoNotFoundException(path, message(path, "permission denied"));
        }
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            throw new VideoNotFoundException(path, message(path, "cannot read its size: " + e.getMessage()));
        }
        if (size == 0) {
            throw new EmptyVideoException(path, message(path, "the file is empty (0 bytes)"));
        }
    }

    /** {@code Cannot read video "PATH": DETAIL}. */
    static String message(Path path, String detail) {
        return "Cannot read video \"" + path + "\": " + detail;
    }

    /** Seconds from the stream's origin for a timestamp in stream ticks. */
    double seconds(long pts) {
        return (double) ((pts - originPts) * timeBaseNum) / timeBaseDen;
    }

    /** The stream tick at or before {@code seconds} from the origin. */
    long ticks(double seconds) {
        return originPts + (long) Math.floor(seconds * timeBaseDen / timeBaseNum);
    }

    private static int chooseVideoStream(Path path, AVFormatContext oc) throws Video2GifException {
        int best = -1;
        long bestScore = Long.MIN_VALUE;
        Map<String, Integer> others = new TreeMap<>();
        boolean coverOnly = false;
        for (int i = 0; i < oc.nb_streams(); i++) {
            AVStream st = oc.streams(i);
            AVCodecParameters par = st.codecpar();
            int type = par.codec_type();
            if (type != AVMEDIA_TYPE_VIDEO) {
                String t = FfmpegNatives.string(av_get_media_type_string(type));
                String c = FfmpegNatives.string(avcodec_get_name(par.codec_id()));
                others.merge((t == null ? "unknown" : t) + (c == null ? "" : " (" + c + ")"), 1, Integer::sum);
                continue;
            }
            if ((st.disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0) {
                coverOnly = true;
                continue;
            }
            long score = (long) Math.max(0, par.width()) * Math.max(0, par.height())
                    + ((st.disposition() & AV_DISPOSITION_DEFAULT) != 0 ? (1L << 40) : 0);
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        if (best < 0) {
            StringBuilder sb = new StringBuilder("no video stream");
            if (coverOnly) {
                sb.append(" (only a cover picture)");
            }
            if (others.isEmpty()) {
                sb.append("; the file holds no streams at all");
            } else {
                sb.append("; the file holds ");
                boolean firstEntry = true;
                for (Map.Entry<String, Integer> e : others.entrySet()) {
                    sb.append(firstEntry ? "" : ", ").append(e.getValue()).append(' ').append(e.getKey())
                            .append(e.getValue() == 1 ? " stream" : " streams");
                    firstEntry = false;
                }
            }
            throw new NoVideoStreamException(path, message(path, sb.toString()));
        }
        return best;
    }

    /** The clockwise rotation stored in the stream's display matrix, rounded to a quarter turn. */
    private static int displayRotation(AVCodecParameters par) {
        AVPacketSideData list = par.coded_side_data();
        if (list == null || list.isNull() || par.nb_coded_side_data() <= 0) {
            return 0;
        }
        AVPacketSideData sd = av_packet_side_data_get(list, par.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
        if (sd == null || sd.isNull() || sd.size() < 9 * 4 || sd.data() == null || sd.data().isNull()) {
            return 0;
        }
        double ccw = av_display_rotation_get(new IntPointer(sd.data()));
        if (Double.isNaN(ccw)) {
            return 0;
        }
        long quarter = Math.round(-ccw / 90.0);
        return (int) Math.floorMod(quarter * 90, 360L);
    }

    private static double rate(AVRational r) {
        if (r == null || r.num() <= 0 || r.den() <= 0) {
            return 0;
        }
        return (double) r.num() / r.den();
    }

    @Override
    public void close() {
        if (formatContext != null) {
            avformat_close_input(formatContext);
            formatContext = null;
        }
    }
}
