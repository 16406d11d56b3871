package io.github.video2gif.core.testing;

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

/** A decoder over {@link SyntheticVideo}s registered under made-up paths: exact frames, no codec. */
public final class SyntheticVideoDecoder implements VideoDecoder {
    private final Map<Path, SyntheticVideo> videos = new ConcurrentHashMap<>();
    public volatile int opened;

    public SyntheticVideoDecoder register(Path path, SyntheticVideo video) {
        videos.put(path, video);
        return this;
    }

    @Override
    public VideoInfo probe(Path video) throws VideoNotFoundException {
        SyntheticVideo v = videos.get(video);
        if (v == null) {
            throw new VideoNotFoundException(video, "No synthetic video at \"" + video + "\"");
        }
        return new VideoInfo(video, v.durationSec(), v.fps(), v.frameCount(), v.width(), v.height(), 0, "synthetic");
    }

    @Override
    public FrameStream open(Path video, DecodeOptions options) throws VideoNotFoundException {
        VideoInfo info = probe(video);
        SyntheticVideo v = videos.get(video);
        int[] size = options.format().resolve(v.width(), v.height());
        opened++;
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
