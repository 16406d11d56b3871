package io.github.video2gif.core.align;

import io.github.video2gif.api.DecodeOptions;
import io.github.video2gif.api.FrameFormat;
import io.github.video2gif.api.FrameStream;
import io.github.video2gif.api.Progress;
import io.github.video2gif.api.ProgressListener;
import io.github.video2gif.api.UnreadableGifException;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.VideoDecoder;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.api.VideoInfo;
import io.github.video2gif.core.gif.GifReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Aligns a GIF with the video it was cut from, to turn GIFs users already have into training labels (Video2GIF's
 * dataset was built this way).
 *
 * <pre>{@code
 * GifAlignment a = new GifAligner().align(gif, video, decoder, ProgressListener.NONE);
 * if (a.found()) {
 *     System.out.printf("%.2f s to %.2f s (confidence %.2f)%n", a.startSec(), a.endSec(), a.confidence());
 * }
 * }</pre>
 *
 * <p>Every GIF frame (composited, transparent pixels over black) and every video frame gets
 * {@link DctPerceptualHash}es (whole frame, centred crops and caption-free bands, see {@link CropView}); the
 * {@link LineFitMatcher} then finds the stretch of video the GIF shows and decides whether it is there at all, and
 * the {@link ThumbnailRefiner} times a found stretch finely. The video is decoded once, streaming, at a small
 * analysis size ({@link #ANALYSIS_FORMAT}); only its hashes are kept (about 130 bytes a frame with the standard
 * views), and the refinement re-decodes only the matched seconds. For many GIFs of one video, hash the video once
 * with {@link #hashVideo} and call {@link #align(Path, Path, HashTrack, VideoDecoder)}; {@link AlignmentBatch}
 * does so.
 *
 * <p>Thread-safe: each call uses its own hasher.
 */
public final class GifAligner {
    /**
     * Size at which video frames are decoded for hashing: at most 160 x 160, aspect kept. The hash averages the
     * frame down to 32 x 32 anyway; a small decode size makes scaling cheap without changing the hash much.
     */
    public static final FrameFormat ANALYSIS_FORMAT = FrameFormat.fit(160, 160);

    /** Progress task name for hashing a video. */
    public static final String TASK = "align";

    private static final Logger LOG = LoggerFactory.getLogger(GifAligner.class);

    private final LineFitMatcher matcher;
    private final GifReader.Limits gifLimits;
    private final List<CropView> views;
    private final ThumbnailRefiner refiner;

    /** An aligner with the default matcher options, GIF limits and the {@link CropView#STANDARD} crops. */
    public GifAligner() {
        this(new LineFitMatcher(), GifReader.Limits.DEFAULT, CropView.STANDARD);
    }

    /**
     * @param views crops of every video frame to hash; the whole frame must be among them
     */
    public GifAligner(LineFitMatcher matcher, GifReader.Limits gifLimits, List<CropView> views) {
        this.matcher = Objects.requireNonNull(matcher, "matcher");
        this.gifLimits = Objects.requireNonNull(gifLimits, "gifLimits");
        this.views = List.copyOf(Objects.requireNonNull(views, "views"));
        if (!this.views.contains(CropView.FULL)) {
            throw new IllegalArgumentException("the views must include the whole frame, CropView.FULL");
        }
        this.refiner = new ThumbnailRefiner(gifLimits);
    }

    /**
     * Finds where {@code gif} sits in {@code video}.
     *
     * @return the alignment; {@link GifAlignment#found()} is false when the GIF is not from this video
     * @throws UnreadableGifException when the GIF cannot be read
     * @throws Video2GifException     when the video cannot be read (the decoder's precise subclass)
     */
    public GifAlignment align(Path gif, Path video, VideoDecoder decoder, ProgressListener listener)
            throws Video2GifException {
        Objects.requireNonNull(gif, "gif");
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(listener, "listener");
        HashTrack gifTrack = hashGif(gif);
        HashTrack videoTrack = hashVideo(video, decoder, listener);
        return align(gif, gifTrack, video, videoTrack, decoder);
    }

    /**
     * Finds where {@code gif} sits in {@code video}, whose hashes were computed earlier by {@link #hashVideo} (the
     * way to align many GIFs with one video). A found alignment is timed finely by {@link ThumbnailRefiner}, which
     * re-decodes only the matched stretch of the video.
     */
    public GifAlignment align(Path gif, Path video, HashTrack videoTrack, VideoDecoder decoder)
            throws Video2GifException {
        Objects.requireNonNull(gif, "gif");
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(videoTrack, "videoTrack");
        Objects.requireNonNull(decoder, "decoder");
        return align(gif, hashGif(gif), video, videoTrack, decoder);
    }

    private GifAlignment align(Path gif, HashTrack gifTrack, Path video, HashTrack videoTrack, VideoDecoder decoder)
            throws Video2GifException {
        GifAlignment coarse = align(gifTrack, videoTrack);
        GifAlignment result = coarse.found() ? refiner.refine(coarse, gif, video, videoTrack, decoder) : coarse;
        LOG.debug("aligned {} in {}: {} (hashes alone: {})", gif, video, result, coarse);
        return result;
    }

    /**
     * Aligns hashes computed earlier, by hashes alone (no fine timing: that needs the files, see
     * {@link #align(Path, Path, HashTrack, VideoDecoder)}).
     */
    public GifAlignment align(HashTrack gif, HashTrack video) {
        return matcher.match(gif, video);
    }

    /**
     * Hashes every frame of a GIF as shown (composited over black), whole and as a middle band
     * ({@link CropView#GIF}), with the times browsers show them at.
     */
    public HashTrack hashGif(Path gif) throws UnreadableGifException {
        CropViewHasher hasher = new CropViewHasher(CropView.GIF);
        double end = 0;
        try (GifReader reader = GifReader.open(gif, gifLimits)) {
            GifReader.Frame f = reader.next();
            HashTrack track = new HashTrack(CropView.GIF, f.width(), f.height(), 64);
            for (; f != null; f = reader.next()) {
                track.add(f.index(), f.timestampSec(), hasher.hashArgb(f.argb(), f.width(), f.height(), 0));
                end = f.timestampSec() + f.delaySec();
            }
            track.setEndSec(end);
            return track;
        }
    }

    /**
     * Hashes every frame of a video, decoded at {@link #ANALYSIS_FORMAT}, reporting progress as task
     * {@value #TASK} (frames done of the container's frame count).
     */
    public HashTrack hashVideo(Path video, VideoDecoder decoder, ProgressListener listener)
            throws Video2GifException {
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(decoder, "decoder");
        ProgressListener progress = SafeProgress.wrap(listener);
        CropViewHasher hasher = new CropViewHasher(views);
        try (FrameStream stream = decoder.open(video, DecodeOptions.whole(ANALYSIS_FORMAT))) {
            VideoInfo info = stream.info();
            long total = info.frameCount() > 0 ? info.frameCount() : -1;
            int[] size = stream.frameSize();
            HashTrack track = new HashTrack(views, size[0], size[1],
                    (int) Math.min(1 << 20, Math.max(256, total + 16)));
            String detail = video.getFileName() == null ? video.toString() : video.getFileName().toString();
            progress.onProgress(new Progress(TASK, 0, total, detail));
            long done = 0;
            double last = Double.NaN;
            for (VideoFrame f = stream.next(); f != null; f = stream.next()) {
                track.add(f.index(), f.timestampSec(), hasher.hashRgb(f.rgb(), f.width(), f.height()));
                last = f.timestampSec();
                if (++done % 250 == 0) {
                    progress.onProgress(new Progress(TASK, done, Math.max(total, done), detail));
                }
            }
            if (track.size() == 0) {
                throw new io.github.video2gif.api.EmptyVideoException(video, "Cannot align with video \"" + video
                        + "\": it has no decodable frame");
            }
            double end = last + track.medianInterval();
            if (info.durationSec() > last && info.durationSec() < end + 1.0) {
                end = Math.max(end, info.durationSec());
            }
            track.setEndSec(end);
            progress.onProgress(new Progress(TASK, done, done, detail));
            return track;
        }
    }
}
