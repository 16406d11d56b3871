package io.github.video2gif.core.segment;

import io.github.video2gif.api.FrameFormat;
import io.github.video2gif.api.Segment;
import io.github.video2gif.api.Segmentation;
import io.github.video2gif.api.Segmenter;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Fixed windows of {@code seconds} each, one after another from the start, as the Video2GIF authors' public demo
 * segmented videos (5 s). It looks at no picture: no cuts, no transitions, the whole video one shot. A last
 * piece shorter than half a window is added to the window before it (so no candidate is a sliver); a video
 * shorter than one window is one candidate.
 */
public final class UniformSegmenter implements Segmenter {
    /** The smallest frames a decoder can give: the pictures are not looked at. */
    public static final FrameFormat FORMAT = FrameFormat.exact(2, 2);

    private final double seconds;

    /** @param seconds window length (&gt; 0) */
    public UniformSegmenter(double seconds) {
        if (!(seconds > 0 && seconds <= 3600)) {
            throw new IllegalArgumentException("window length must be in (0, 3600] s, was " + seconds);
        }
        this.seconds = seconds;
    }

    public double seconds() {
        return seconds;
    }

    @Override
    public FrameFormat frameFormat() {
        return FORMAT;
    }

    @Override
    public Session start(VideoInfo video) {
        Timeline timeline = new Timeline();
        return new Session() {
            @Override
            public void accept(VideoFrame frame) {
                timeline.add(frame.timestampSec());
            }

            @Override
            public Segmentation finish() {
                int n = timeline.frames();
                if (n == 0) {
                    return new Segmentation(List.of(), List.of(), List.of(), List.of());
                }
                double start = timeline.secondsAt(0);
                List<long[]> pieces = new ArrayList<>();
                long from = 0;
                for (int k = 1; ; k++) {
                    long to = timeline.frameAtOrAfter(start + k * seconds);
                    if (to >= n) {
                        pieces.add(new long[] {from, n});
                        break;
                    }
                    if (to > from) {
                        pieces.add(new long[] {from, to});
                        from = to;
                    }
                }
                if (pieces.size() > 1) {
                    long[] last = pieces.get(pieces.size() - 1);
                    if (timeline.secondsAt(last[1]) - timeline.secondsAt(last[0]) < seconds / 2 - 1e-9) {
                        pieces.remove(pieces.size() - 1);
                        pieces.get(pieces.size() - 1)[1] = last[1];
                    }
                }
                List<Segment> candidates = Shots.segments(pieces, timeline);
                List<Segment> shots = Shots.segments(List.of(new long[] {0, n}), timeline);
                return new Segmentation(List.of(), List.of(), shots, candidates);
            }
        };
    }
}
