package io.github.video2gif.api;

/**
 * Cuts a video into shots and proposes GIF-length candidate segments. It sees every frame once, streaming, at
 * the size it asks for; it must keep bounded state per frame (no frames held beyond a window).
 */
public interface Segmenter {
    /** The frame size this segmenter analyses. */
    FrameFormat frameFormat();

    /** Starts the analysis of one video. */
    Session start(VideoInfo video);

    /** The analysis of one video. */
    interface Session extends FrameSink {
        /** Called once after the last frame. */
        Segmentation finish() throws Video2GifException;
    }
}
