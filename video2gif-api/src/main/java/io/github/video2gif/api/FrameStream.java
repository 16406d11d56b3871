package io.github.video2gif.api;

/**
 * A stream of decoded frames over native resources. Not thread-safe; always close it (try-with-resources).
 */
public interface FrameStream extends AutoCloseable {
    /** The video's metadata. */
    VideoInfo info();

    /** The frame size this stream delivers, as {@code {width, height}}. */
    int[] frameSize();

    /**
     * The next frame, or {@code null} at the end of the requested range.
     *
     * @throws Video2GifException when the video turns out to be corrupt or truncated mid-stream
     */
    VideoFrame next() throws Video2GifException;

    /**
     * The frame {@link #next()} returned last, at the companion size of {@link DecodeOptions#companion()}: same
     * index and timestamp, other pixels. Null when no companion was asked for, before the first frame, or when
     * this stream does not make companions (the default), in which case the caller resizes the frame itself.
     */
    default VideoFrame companion() {
        return null;
    }

    /** Releases native resources. Idempotent; never throws. */
    @Override
    void close();
}
