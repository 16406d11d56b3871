package io.github.video2gif.bench;

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
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_time_base;
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersrc_add_frame;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_get_by_name;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_config;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_create_filter;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_free;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_parse_ptr;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_inout_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_inout_free;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
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
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_strdup;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import io.github.video2gif.api.VideoFrame;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avfilter.AVFilterInOut;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;

/**
 * The reference GIF writer of the benchmark: FFmpeg's two-pass palette recipe,
 * {@code split[a][b];[a]palettegen[p];[b][p]paletteuse} with every filter at its default settings, then FFmpeg's
 * {@code gif} encoder and muxer (default flags: {@code offsetting+transdiff}), all in process through the raw
 * libavfilter/libavcodec/libavformat API of the JavaCPP presets. It is what
 * {@code ffmpeg -f rawvideo -pix_fmt rgb24 -s WxH -r FPS -i - -filter_complex "split[a][b];[a]palettegen[p];[b][p]paletteuse" out.gif}
 * does, without starting a process.
 */
public final class FfmpegPaletteGif {
    /** The filter graph, FFmpeg's defaults. */
    public static final String FILTERS = "split[a][b];[a]palettegen[p];[b][p]paletteuse";
    /** {@code AVERROR(EAGAIN)} on Linux. */
    private static final int EAGAIN = -11;

    private FfmpegPaletteGif() {
    }

    /** Loads the FFmpeg natives (once; the first call takes a moment). */
    public static void load() {
        Loader.load(org.bytedeco.ffmpeg.global.avfilter.class);
        Loader.load(org.bytedeco.ffmpeg.global.avformat.class);
    }

    /**
     * Writes the frames, each shown {@code 1/fps} s, to a GIF at {@code target}.
     */
    public static void write(List<VideoFrame> frames, int fps, Path target) throws IOException {
        load();
        VideoFrame f0 = frames.get(0);
        int w = f0.width();
        int h = f0.height();
        AVFilterGraph graph = avfilter_graph_alloc();
        AVFormatContext fmt = new AVFormatContext(null);
        AVCodecContext enc = null;
        AVPacket pkt = av_packet_alloc();
        AVFrame in = av_frame_alloc();
        AVFrame out = av_frame_alloc();
        try {
            AVFilterContext src = new AVFilterContext();
            AVFilterContext sink = new AVFilterContext();
            String args = "video_size=" + w + "x" + h + ":pix_fmt=" + AV_PIX_FMT_RGB24 + ":time_base=1/" + fps
                    + ":pixel_aspect=1/1";
            check(avfilter_graph_create_filter(src, avfilter_get_by_name("buffer"), "in", args, null, graph),
                    "buffer source");
            check(avfilter_graph_create_filter(sink, avfilter_get_by_name("buffersink"), "out", null, null, graph),
                    "buffer sink");
            AVFilterInOut outputs = avfilter_inout_alloc();
            AVFilterInOut inputs = avfilter_inout_alloc();
            outputs.name(av_strdup(new BytePointer("in"))).filter_ctx(src).pad_idx(0).next(null);
            inputs.name(av_strdup(new BytePointer("out"))).filter_ctx(sink).pad_idx(0).next(null);
            check(avfilter_graph_parse_ptr(graph, FILTERS, inputs, outputs, null), "parse " + FILTERS);
            check(avfilter_graph_config(graph, null), "configure filters");
            avfilter_inout_free(inputs);
            avfilter_inout_free(outputs);

            check(avformat_alloc_output_context2(fmt, null, "gif", target.toString()), "gif muxer");
            AVCodec codec = avcodec_find_encoder(AV_CODEC_ID_GIF);
            AVStream stream = avformat_new_stream(fmt, null);
            enc = avcodec_alloc_context3(codec);
            enc.width(w).height(h).pix_fmt(AV_PIX_FMT_PAL8).time_base(av_make_q(1, fps))
                    .framerate(av_make_q(fps, 1));
            check(avcodec_open2(enc, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null), "open gif encoder");
            check(avcodec_parameters_from_context(stream.codecpar(), enc), "codec parameters");
            stream.time_base(av_make_q(1, fps));
            AVIOContext pb = new AVIOContext(null);
            check(avio_open(pb, target.toString(), AVIO_FLAG_WRITE), "open " + target);
            fmt.pb(pb);
            check(avformat_write_header(fmt, (org.bytedeco.ffmpeg.avutil.AVDictionary) null), "write header");

            AVRational sinkTb = av_buffersink_get_time_base(sink);
            long pts = 0;
            for (VideoFrame f : frames) {
                in.format(AV_PIX_FMT_RGB24).width(w).height(h).pts(pts++);
                check(av_frame_get_buffer(in, 0), "frame buffer");
                BytePointer data = in.data(0);
                int stride = in.linesize(0);
                byte[] rgb = f.rgb();
                for (int y = 0; y < h; y++) {
                    data.position((long) y * stride).put(rgb, y * w * 3, w * 3);
                }
                data.position(0);
                check(av_buffersrc_add_frame(src, in), "push frame");
                av_frame_unref(in);
                drain(sink, out, enc, pkt, fmt, stream, sinkTb);
            }
            check(av_buffersrc_add_frame(src, null), "flush filters");
            drain(sink, out, enc, pkt, fmt, stream, sinkTb);
            check(avcodec_send_frame(enc, null), "flush encoder");
            receive(enc, pkt, fmt, stream);
            check(av_write_trailer(fmt), "write trailer");
        } finally {
            av_frame_free(in);
            av_frame_free(out);
            av_packet_free(pkt);
            if (enc != null) {
                avcodec_free_context(enc);
            }
            if (fmt.pb() != null) {
                avio_closep(fmt.pb());
            }
            avformat_free_context(fmt);
            avfilter_graph_free(graph);
        }
    }

    private static void drain(AVFilterContext sink, AVFrame out, AVCodecContext enc, AVPacket pkt,
                              AVFormatContext fmt, AVStream stream, AVRational sinkTb) throws IOException {
        while (true) {
            int r = av_buffersink_get_frame(sink, out);
            if (r == EAGAIN || r == AVERROR_EOF()) {
                return;
            }
            check(r, "pull filtered frame");
            // the sink's time base is the source's (1/fps), as is the encoder's
            check(avcodec_send_frame(enc, out), "encode frame");
            av_frame_unref(out);
            receive(enc, pkt, fmt, stream);
        }
    }

    private static void receive(AVCodecContext enc, AVPacket pkt, AVFormatContext fmt, AVStream stream)
            throws IOException {
        while (true) {
            int r = avcodec_receive_packet(enc, pkt);
            if (r == EAGAIN || r == AVERROR_EOF()) {
                return;
            }
            check(r, "receive packet");
            pkt.stream_index(stream.index());
            if (pkt.duration() <= 0) {
                // one frame interval, as the ffmpeg program sets from the input frame rate (the muxer takes the
                // last frame's delay from it)
                pkt.duration(1);
            }
            av_packet_rescale_ts(pkt, enc.time_base(), stream.time_base());
            check(av_interleaved_write_frame(fmt, pkt), "write packet");
            av_packet_unref(pkt);
        }
    }

    private static void check(int r, String what) throws IOException {
        if (r < 0) {
            byte[] buf = new byte[256];
            av_strerror(r, buf, buf.length);
            int n = 0;
            while (n < buf.length && buf[n] != 0) {
                n++;
            }
            throw new IOException("FFmpeg: " + what + " failed: error " + r + " ("
                    + new String(buf, 0, n, java.nio.charset.StandardCharsets.US_ASCII) + ")");
        }
    }
}
