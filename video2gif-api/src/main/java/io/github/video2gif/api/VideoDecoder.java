package io.github.video2gif.api;

import java.nio.file.Path;

/**
 * Reads videos. Implementations are thread-safe factories; each {@link FrameStream} belongs to one thread.
 */
public interface VideoDecoder {
    /**
     * Reads a video's metadata without decoding its frames.
     *
     * @throws VideoNotFoundException   when the path is missing, a directory or unreadable
     * @throws EmptyVideoException      when the file is empty
     * @throws NoVideoStreamException   when there is no video stream
     * @throws UnreadableVideoException when the file is not a readable video
     */
    VideoInfo probe(Path video) throws Video2GifException;

    /**
     * Opens a stream of frames. Frames come in presentation order with exact timestamps (variable frame rate
     * kept), rotated upright and at square pixels, at the requested size.
     */
    FrameStream open(Path video, DecodeOptions options) throws Video2GifException;
}
