package io.github.video2gif.core.testing;

import io.github.video2gif.api.GifEncoder;
import io.github.video2gif.api.GifOptions;
import io.github.video2gif.api.GifWriter;
import io.github.video2gif.api.VideoFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Records what would be written, and writes a marker file on finish (no GIF encoding: facade tests only). */
public final class RecordingGifEncoder implements GifEncoder {
    public final List<List<VideoFrame>> frames = new ArrayList<>();
    public final List<List<Double>> durations = new ArrayList<>();

    @Override
    public GifWriter open(Path target, int width, int height, GifOptions options) {
        List<VideoFrame> fs = new ArrayList<>();
        List<Double> ds = new ArrayList<>();
        return new GifWriter() {
            @Override
            public void add(VideoFrame frame, double durationSec) {
                if (frame.width() != width || frame.height() != height) {
                    throw new IllegalArgumentException("frame size " + frame.width() + "x" + frame.height());
                }
                fs.add(frame);
                ds.add(durationSec);
            }

            @Override
            public void finish() {
                frames.add(fs);
                durations.add(ds);
                try {
                    Files.writeString(target, "recorded " + fs.size() + " frames");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public void close() {
            }
        };
    }
}
