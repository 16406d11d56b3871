package io.github.video2gif.api;

/** Receives the frames of one decode pass, in order. */
public interface FrameSink {
    void accept(VideoFrame frame) throws Video2GifException;
}
