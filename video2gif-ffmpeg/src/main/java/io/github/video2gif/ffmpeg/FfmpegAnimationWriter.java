package io.github.video2gif.ffmpeg;

import io.github.video2gif.api.GifWriter;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.VideoFrame;

/**
 * A {@link GifWriter} over {@link FfmpegVideoWriter}, for the animation formats other than GIF: each frame is
 * encoded at the time the durations before it add up to, with its own duration (the last one's included, so the
 * file lasts exactly as long as the frames' durations add up to). Frames larger than the video (an odd size
 * cropped to an even one for H.264) lose their last column or row. The file appears only on {@link #finish()}.
 */
final class FfmpegAnimationWriter implements GifWriter {
    private final FfmpegVideoWriter writer;
    private final int width;
    private final int height;
    private final int videoWidth;
    private final int videoHeight;
    private double timeSec;
    private long index;

    /**
     * @param writer the open video writer, of {@code videoWidth x videoHeight} (at most the frames' size)
     * @param width  the width of the frames to come
     * @param height the height of the frames to come
     */
    FfmpegAnimationWriter(FfmpegVideoWriter writer, int width, int height, int videoWidth, int videoHeight) {
        this.writer = writer;
        this.width = width;
        this.height = height;
        this.videoWidth = videoWidth;
        this.videoHeight = videoHeight;
    }

    @Override
    public void add(VideoFrame frame, double durationSec) throws Video2GifException {
        if (frame.width() != width || frame.height() != height) {
            throw new IllegalArgumentException("frame " + frame.index() + " is " + frame.width() + "x"
                    + frame.height() + ", the animation is " + width + "x" + height);
        }
        if (!(durationSec > 0) || durationSec > 655.35) {
            throw new IllegalArgumentException("duration must be in (0, 655.35] s, was " + durationSec);
        }
        byte[] rgb = frame.rgb();
        if (videoWidth != width || videoHeight != height) {
            rgb = crop(rgb, width, videoWidth, videoHeight);
        }
        writer.write(new VideoFrame(index++, timeSec, videoWidth, videoHeight, rgb), durationSec);
        timeSec += durationSec;
    }

    private static byte[] crop(byte[] rgb, int width, int w, int h) {
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            System.arraycopy(rgb, y * width * 3, out, y * w * 3, w * 3);
        }
        return out;
    }

    @Override
    public void finish() throws Video2GifException {
        if (index == 0) {
            throw new IllegalStateException("no frames were added");
        }
        try {
            writer.finish();
        } finally {
            writer.close();
        }
    }

    @Override
    public void close() {
        writer.close();
    }
}
