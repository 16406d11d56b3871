package io.github.video2gif.core.synthetic;

import io.github.video2gif.api.DecodeOptions;
import io.github.video2gif.api.FrameStream;
import io.github.video2gif.api.VideoDecoder;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import io.github.video2gif.api.VideoNotFoundException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link VideoDecoder} over {@link SyntheticVideo}s registered under made-up paths: frames are rendered straight
 * at the requested size, with exact timestamps and no codec. For tests and benchmarks of the rest of the pipeline
 * (and of plug-ins) on machines without FFmpeg's natives, or to measure what the pipeline costs next to decoding.
 * Thread-safe; not registered as a provider (pass an instance to {@code Video2Gif.builder().decoder(...)}).
 */
public final class SyntheticVideoDecoder implements VideoDecoder {
    private final Map<Path, SyntheticVideo> videos = new ConcurrentHashMap<>();
    private final AtomicInteger opened = new AtomicInteger();

    /** Makes {@code video} decodable at {@code path}; returns this decoder. */
    public SyntheticVideoDecoder register(Path path, SyntheticVideo video) {
        videos.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(video, "video"));
        return this;
    }

    /** How many frame streams were opened so far. */
    public int openCount() {
        return opened.get();
    }

    @Override
    public VideoInfo probe(Path video) throws VideoNotFoundException {
        SyntheticVideo v = videos.get(video);
        if (v == null) {
            throw new VideoNotFoundException(video, "No synthetic video is registered at \"" + video + "\"");
        }
        return new VideoInfo(video, v.durationSec(), v.fps(), v.frameCount(), v.width(), v.height(), 0, "synthetic");
    }

    @Override
    public FrameStream open(Path video, DecodeOptions options) throws VideoNotFoundException {
        VideoInfo info = probe(video);
        SyntheticVideo v = videos.get(video);
        int[] size = options.format().resolve(v.width(), v.height());
        opened.incrementAndGet();
        return new FrameStream() {
            long next = Math.max(0, (long) Math.ceil(options.startSec() * v.fps() - 1e-9));

            @Override
            public VideoInfo info() {
                return info;
            }

            @Override
            public int[] frameSize() {
                return size.clone();
            }

            @Override
            public VideoFrame next() {
                if (next >= v.frameCount() || next / v.fps() >= options.endSec() - 1e-9) {
                    return null;
                }
                return v.frame(next++, size[0], size[1]);
            }

            @Override
            public void close() {
            }
        };
    }
}
