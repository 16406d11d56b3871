package io.github.video2gif.bench.align;

import io.github.video2gif.api.DecodeOptions;
import io.github.video2gif.api.FrameStream;
import io.github.video2gif.api.UnreadableVideoException;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.VideoDecoder;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import io.github.video2gif.api.VideoNotFoundException;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A minimal {@link VideoDecoder} over JavaCV's {@code FFmpegFrameGrabber}, for the alignment evaluation only (the
 * project's real decoder lives in {@code video2gif-ffmpeg}). Frames come as packed RGB24 scaled by FFmpeg to the
 * requested size, with the container's presentation timestamps.
 */
public final class GrabberVideoDecoder implements VideoDecoder {
    @Override
    public VideoInfo probe(Path video) throws Video2GifException {
        if (!Files.isRegularFile(video)) {
            throw new VideoNotFoundException(video, "Cannot read video \"" + video + "\": no such file");
        }
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile());
        try {
            g.start();
            double fps = g.getFrameRate() > 0 ? g.getFrameRate() : 25;
            return new VideoInfo(video, Math.max(0, g.getLengthInTime() / 1e6), fps,
                    Math.max(0, g.getLengthInVideoFrames()), g.getImageWidth(), g.getImageHeight(), 0,
                    String.valueOf(g.getVideoCodecName()));
        } catch (FrameGrabber.Exception e) {
            throw new UnreadableVideoException(video, "Cannot read video \"" + video + "\": " + e.getMessage(), e);
        } finally {
            close(g);
        }
    }

    @Override
    public FrameStream open(Path video, DecodeOptions options) throws Video2GifException {
        VideoInfo info = probe(video);
        int[] size = options.format().resolve(info.width(), info.height());
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile());
        g.setImageWidth(size[0]);
        g.setImageHeight(size[1]);
        g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        try {
            g.start();
            if (options.startSec() > 0) {
                g.setTimestamp((long) (options.startSec() * 1e6));
            }
        } catch (FrameGrabber.Exception e) {
            close(g);
            throw new UnreadableVideoException(video, "Cannot read video \"" + video + "\": " + e.getMessage(), e);
        }
        return new FrameStream() {
            long index;

            @Override
            public VideoInfo info() {
                return info;
            }

            @Override
            public int[] frameSize() {
                return size.clone();
            }

            @Override
            public VideoFrame next() throws Video2GifException {
                try {
                    while (true) {
                        Frame f = g.grabImage();
                        if (f == null) {
                            return null;
                        }
                        double t = f.timestamp / 1e6;
                        if (t < options.startSec()) {
                            continue;
                        }
                        if (t >= options.endSec()) {
                            return null;
                        }
                        return new VideoFrame(index++, t, f.imageWidth, f.imageHeight, packed(f));
                    }
                } catch (FrameGrabber.Exception e) {
                    throw new UnreadableVideoException(video, "Cannot decode video \"" + video + "\": "
                            + e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                GrabberVideoDecoder.close(g);
            }
        };
    }

    /** The frame's pixels as packed RGB, without the row padding FFmpeg may add. */
    static byte[] packed(Frame f) {
        ByteBuffer buf = (ByteBuffer) f.image[0];
        int w = f.imageWidth;
        int h = f.imageHeight;
        int stride = f.imageStride;
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            buf.position(y * stride);
            buf.get(out, y * w * 3, w * 3);
        }
        buf.rewind();
        return out;
    }

    private static void close(FFmpegFrameGrabber g) {
        try {
            g.stop();
            g.release();
        } catch (FrameGrabber.Exception e) {
            // Closing must not throw; nothing else to do.
        }
    }
}
