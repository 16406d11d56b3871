package io.github.video2gif.bench;

import io.github.video2gif.api.DecodeOptions;
import io.github.video2gif.api.FrameStream;
import io.github.video2gif.api.VideoDecoder;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import io.github.video2gif.api.VideoNotFoundException;
import io.github.video2gif.core.synthetic.SyntheticVideo;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A "decoder" that renders {@link SyntheticVideo}s registered under made-up paths straight at the requested size:
 * no codec, so a benchmark can run the whole pipeline on a machine without FFmpeg's natives (or measure what the
 * rest costs next to decoding).
 */
final class RenderedVideoDecoder implements VideoDecoder {
    private final Map<Path, SyntheticVideo> videos = new ConcurrentHashMap<>();

    RenderedVideoDecoder register(Path path, SyntheticVideo video) {
        videos.put(path, video);
        return this;
    }

    @Override
    public VideoInfo probe(Path video) throws VideoNotFoundException {
        SyntheticVideo v = videos.get(video);
        if (v == null) {
            throw new VideoNotFoundException(video, "No rendered video at \"" + video + "\"");
        }
        return new VideoInfo(video, v.durationSec(), v.fps(), v.frameCount(), v.width(), v.height(), 0, "rendered");
    }

    @Override
    public FrameStream open(Path video, DecodeOptions options) throws VideoNotFoundException {
        VideoInfo info = probe(video);
        SyntheticVideo v = videos.get(video);
        int[] size = options.format().resolve(v.width(), v.height());
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
