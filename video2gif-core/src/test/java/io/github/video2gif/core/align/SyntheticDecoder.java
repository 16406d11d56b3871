package io.github.video2gif.core.align;

import io.github.video2gif.api.DecodeOptions;
import io.github.video2gif.api.FrameStream;
import io.github.video2gif.api.UnreadableVideoException;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.VideoDecoder;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A decoder over {@link SyntheticFootage}: paths name registered footage, frames are rendered on demand. */
final class SyntheticDecoder implements VideoDecoder {
    private final Map<Path, SyntheticFootage> videos = new HashMap<>();
    private final int width;
    private final int height;
    int framesDelivered;
    /** How many streams were opened over a whole video (not a range). */
    int wholePasses;

    SyntheticDecoder(int displayWidth, int displayHeight) {
        this.width = displayWidth;
        this.height = displayHeight;
    }

    SyntheticDecoder register(Path path, SyntheticFootage footage) {
        videos.put(path, footage);
        return this;
    }

    @Override
    public VideoInfo probe(Path video) throws Video2GifException {
        SyntheticFootage f = videos.get(video);
        if (f == null) {
            throw new UnreadableVideoException(video, "Cannot read video \"" + video + "\": unknown synthetic video");
        }
        return new VideoInfo(video, f.durationSec(), f.fps(), f.frameCount(), width, height, 0, "synthetic");
    }

    @Override
    public FrameStream open(Path video, DecodeOptions options) throws Video2GifException {
        VideoInfo info = probe(video);
        SyntheticFootage f = videos.get(video);
        int[] size = options.format().resolve(width, height);
        if (options.startSec() == 0 && options.endSec() == Double.POSITIVE_INFINITY) {
            wholePasses++;
        }
        return new FrameStream() {
            int next = (int) Math.ceil(options.startSec() * f.fps() - 1e-9);

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
                if (next >= f.frameCount() || f.timeOf(next) >= options.endSec()) {
                    return null;
                }
                int i = next++;
                framesDelivered++;
                return new VideoFrame(i, f.timeOf(i), size[0], size[1], f.render(i, size[0], size[1]));
            }

            @Override
            public void close() {
            }
        };
    }
}
