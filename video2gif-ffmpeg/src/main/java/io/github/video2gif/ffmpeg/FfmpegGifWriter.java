package io.github.video2gif.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_GIF;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_frame;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_add_frame_flags;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_get_by_name;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_config;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_create_filter;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_free;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_parse_ptr;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_inout_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_inout_free;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_PAL8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;
import static org.bytedeco.ffmpeg.global.avutil.av_strdup;

import io.github.video2gif.api.GifOptions;
import io.github.video2gif.api.GifWriter;
import io.github.video2gif.api.OutputException;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.VideoFrame;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avfilter.AVFilterInOut;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;

/**
 * One GIF being written by {@link FfmpegGifEncoder}: RGB frames go into a libavfilter graph ending in
 * palettegen/paletteuse; on {@link #finish()} the graph is drained into the gif encoder and muxer, writing a
 * temporary file that is then moved over the target.
 */
final class FfmpegGifWriter implements GifWriter {
    private static final int CENTIS = 100;

    private final Path target;
    private final int width;
    private final int height;
    private final int outWidth;
    private final int outHeight;
    private final GifOptions options;
    private final GifTimeline timeline;
    private final AtomicOutput output;

    private AVFilterGraph graph;
    private AVFilterContext source;
    private AVFilterContext sink;
    private AVFrame inFrame;
    private AVFrame outFrame;
    private AVCodecContext encoder;
    private AVFormatContext muxer;
    private AVStream stream;
    private AVPacket packet;
    private long framesIn;
    private long framesOut;
    private long lastPts = -1;
    /** GIF start time (centiseconds) of the last frame kept. */
    private long lastKeptPts;
    private boolean finished;
    private boolean closed;

    FfmpegGifWriter(Path target, int width, int height, GifOptions options) throws Video2GifException {
        this.target = target;
        this.width = width;
        this.height = height;
        this.options = options;
        if (options.width() == 0 || options.width() == width) {
            this.outWidth = width;
            this.outHeight = height;
        } else {
            this.outWidth = options.width();
            long h = Math.round((double) options.width() * height / width);
            this.outHeight = (int) Math.max(2, h - (h & 1));
        }
        this.timeline = new GifTimeline(options.fps());
        this.output = AtomicOutput.create(target, "GIF");
        try {
            buildGraph();
        } catch (Video2GifException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private void buildGraph() throws OutputException {
        graph = avfilter_graph_alloc();
        if (graph == null || graph.isNull()) {
            throw new OutOfMemoryError("avfilter_graph_alloc() failed");
        }
        graph.nb_threads(1);
        String args = String.format(Locale.ROOT, "video_size=%dx%d:pix_fmt=%d:time_base=1/%d:pixel_aspect=1/1",
                width, height, AV_PIX_FMT_RGB24, CENTIS);
        source = new AVFilterContext(null);
        check(avfilter_graph_create_filter(source, avfilter_get_by_name("buffer"), "in", args, null, graph),
                "avfilter_graph_create_filter(buffer)");
        sink = new AVFilterContext(null);
        check(avfilter_graph_create_filter(sink, avfilter_get_by_name("buffersink"), "out", null, null, graph),
                "avfilter_graph_create_filter(buffersink)");

        String scale = outWidth == width && outHeight == height ? "" : "scale=" + outWidth + ":" + outHeight + ",";
        String palettegen = options.maxColors() == 256 ? "palettegen" : "palettegen=max_colors=" + options.maxColors();
        String description = "[in]" + scale + "split[a][b];[a]" + palettegen + "[p];[b][p]paletteuse[out]";

        AVFilterInOut outputs = avfilter_inout_alloc();
        AVFilterInOut inputs = avfilter_inout_alloc();
        try {
            outputs.name(av_strdup(new BytePointer("in")));
            outputs.filter_ctx(source);
            outputs.pad_idx(0);
            outputs.next(null);
            inputs.name(av_strdup(new BytePointer("out")));
            inputs.filter_ctx(sink);
            inputs.pad_idx(0);
            inputs.next(null);
            check(avfilter_graph_parse_ptr(graph, description, inputs, outputs, null),
                    "avfilter_graph_parse_ptr(\"" + description + "\")");
            check(avfilter_graph_config(graph, null), "avfilter_graph_config()");
        } finally {
            avfilter_inout_free(inputs);
            avfilter_inout_free(outputs);
        }
        inFrame = av_frame_alloc();
        outFrame = av_frame_alloc();
        packet = av_packet_alloc();
        if (inFrame == null || outFrame == null || packet == null) {
            throw new OutOfMemoryError("av_frame_alloc()/av_packet_alloc() failed");
        }
    }

    @Override
    public void add(VideoFrame frame, double durationSec) throws Video2GifException {
        Objects.requireNonNull(frame, "frame");
        if (closed || finished) {
            throw new IllegalStateException("the GIF writer for \"" + target + "\" is " + (finished ? "finished" : "closed"));
        }
        if (frame.width() != width || frame.height() != height) {
            throw new IllegalArgumentException("frame is " + frame.width() + "x" + frame.height()
                    + ", this GIF writer takes " + width + "x" + height);
        }
        long pts = timeline.add(durationSec);
        if (pts < 0) {
            return; // shorter than the GIF's frame interval: not shown
        }
        inFrame.format(AV_PIX_FMT_RGB24);
        inFrame.width(width);
        inFrame.height(height);
        check(av_frame_get_buffer(inFrame, 0), "av_frame_get_buffer()");
        BytePointer data = inFrame.data(0);
        int stride = inFrame.linesize(0);
        byte[] rgb = frame.rgb();
        int row = width * 3;
        if (stride == row) {
            data.position(0).put(rgb, 0, rgb.length);
        } else {
            for (int y = 0; y < height; y++) {
                data.position((long) y * stride).put(rgb, y * row, row);
            }
        }
        data.position(0);
        inFrame.pts(pts);
        int ret = av_buffersrc_add_frame_flags(source, inFrame, 0);
        av_frame_unref(inFrame);
        check(ret, "av_buffersrc_add_frame()");
        framesIn++;
        lastKeptPts = pts;
    }

    @Override
    public void finish() throws Video2GifException {
        if (closed || finished) {
            throw new IllegalStateException("the GIF writer for \"" + target + "\" is " + (finished ? "finished" : "closed"));
        }
        if (framesIn == 0) {
            throw new IllegalStateException("no frames were added to the GIF \"" + target + "\"");
        }
        try {
            drainGraphIntoFile();
        } catch (Video2GifException | RuntimeException | Error e) {
            close();
            throw e;
        }
        output.commit("GIF");
    }

    private void drainGraphIntoFile() throws Video2GifException {
        check(av_buffersrc_add_frame_flags(source, null, 0), "av_buffersrc_add_frame(end)");
        openMuxer();
        AVRational sinkTb = av_make_q(1, CENTIS);
        while (true) {
            int ret = av_buffersink_get_frame(sink, outFrame);
            if (ret == AVERROR_EOF || ret == FfmpegNatives.AVERROR_EAGAIN) {
                break;
            }
            check(ret, "av_buffersink_get_frame()");
            try {
                AVRational tb = org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_time_base(sink);
                outFrame.pts(av_rescale_q(outFrame.pts(), tb, sinkTb));
                check(avcodec_send_frame(encoder, outFrame), "avcodec_send_frame()");
            } finally {
                av_frame_unref(outFrame);
            }
            framesOut++;
            drainEncoder();
        }
        check(avcodec_send_frame(encoder, null), "avcodec_send_frame(flush)");
        drainEncoder();
        if (framesOut != framesIn) {
            throw new OutputException(target, "Cannot write GIF \"" + target + "\": the palette filters returned "
                    + framesOut + " of " + framesIn + " frames", null);
        }
        check(av_write_trailer(muxer), "av_write_trailer()");
        AVIOContext pb = muxer.pb();
        check(pb.error(), "avio_write()");
        check(avio_closep(pb), "avio_close()");
        muxer.pb(null);
        finished = true;
        release();
    }

    private void openMuxer() throws OutputException {
        AVCodec gif = avcodec_find_encoder(AV_CODEC_ID_GIF);
        if (gif == null || gif.isNull()) {
            throw new OutputException(target, "Cannot write GIF \"" + target + "\": this FFmpeg build has no gif encoder",
                    null);
        }
        encoder = avcodec_alloc_context3(gif);
        encoder.width(outWidth);
        encoder.height(outHeight);
        encoder.pix_fmt(AV_PIX_FMT_PAL8);
        encoder.time_base(av_make_q(1, CENTIS));
        check(avcodec_open2(encoder, gif, (AVDictionary) null), "avcodec_open2(gif)");

        muxer = new AVFormatContext(null);
        check(avformat_alloc_output_context2(muxer, null, new BytePointer("gif"), FfmpegNatives.fileName(output.temp())),
                "avformat_alloc_output_context2(gif)");
        stream = avformat_new_stream(muxer, null);
        if (stream == null || stream.isNull()) {
            throw new OutputException(target, "Cannot write GIF \"" + target + "\": avformat_new_stream() failed", null);
        }
        check(avcodec_parameters_from_context(stream.codecpar(), encoder), "avcodec_parameters_from_context()");
        stream.time_base(av_make_q(1, CENTIS));
        AVIOContext pb = new AVIOContext(null);
        check(avio_open(pb, FfmpegNatives.fileName(output.temp()), AVIO_FLAG_WRITE), "avio_open()");
        muxer.pb(pb);
        AVDictionary opts = new AVDictionary(null);
        av_dict_set(opts, "loop", Integer.toString(options.loopCount()), 0);
        long lastDelay = timeline.endCentis() - lastKeptPts;
        av_dict_set(opts, "final_delay", Long.toString(Math.max(1, lastDelay)), 0);
        int ret = avformat_write_header(muxer, opts);
        av_dict_free(opts);
        check(ret, "avformat_write_header()");
    }

    private void drainEncoder() throws OutputException {
        while (true) {
            int ret = avcodec_receive_packet(encoder, packet);
            if (ret == FfmpegNatives.AVERROR_EAGAIN || ret == AVERROR_EOF) {
                return;
            }
            check(ret, "avcodec_receive_packet()");
            packet.stream_index(stream.index());
            av_packet_rescale_ts(packet, encoder.time_base(), stream.time_base());
            if (packet.pts() <= lastPts) {
                av_packet_unref(packet);
                throw new OutputException(target, "Cannot write GIF \"" + target + "\": frame times out of order ("
                        + packet.pts() + " after " + lastPts + ")", null);
            }
            lastPts = packet.pts();
            int w = av_write_frame(muxer, packet);
            av_packet_unref(packet);
            check(w, "av_write_frame()");
        }
    }

    private void check(int ret, String function) throws OutputException {
        if (ret < 0) {
            throw new OutputException(target, "Cannot write GIF \"" + target + "\": "
                    + FfmpegNatives.describe(function, ret), null);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        release();
        output.close();
    }

    private void release() {
        if (graph != null) {
            avfilter_graph_free(graph);
            graph = null;
            source = null;
            sink = null;
        }
        if (inFrame != null) {
            av_frame_free(inFrame);
            inFrame = null;
        }
        if (outFrame != null) {
            av_frame_free(outFrame);
            outFrame = null;
        }
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (encoder != null) {
            avcodec_free_context(encoder);
            encoder = null;
        }
        if (muxer != null) {
            if (muxer.pb() != null && !muxer.pb().isNull()) {
                avio_closep(muxer.pb());
                muxer.pb(null);
            }
            avformat_free_context(muxer);
            muxer = null;
        }
        stream = null;
    }

    @Override
    public String toString() {
        return "FfmpegGifWriter[" + target + ", " + outWidth + "x" + outHeight + ", " + framesIn + " frames]";
    }
}
