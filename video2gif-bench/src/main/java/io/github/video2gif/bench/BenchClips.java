package io.github.video2gif.bench;

import io.github.video2gif.api.FrameFormat;
import io.github.video2gif.api.VideoFrame;
import io.github.video2gif.core.gif.SyntheticClips;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/** The clips the GIF benchmarks encode: real footage cut into pieces, and generated scenes, all 360 px, 10 fps. */
public final class BenchClips {
    /** Output width. */
    public static final int WIDTH = 360;
    /** Output frame rate. */
    public static final int FPS = 10;
    /** Length of a piece. */
    public static final double CLIP_SECONDS = 5;

    /** A named clip of frames at {@link #FPS}. */
    public record Clip(String name, List<VideoFrame> frames) {
    }

    private BenchClips() {
    }

    /** The Big Buck Bunny excerpt in the shared data folder ({@code video2gif.sharedData}). */
    public static String defaultVideo() {
        String shared = System.getProperty("video2gif.sharedData", "/work/shared/data");
        return shared + "/bbb/big_buck_bunny_0_30.webm";
    }

    /**
     * A video decoded with JavaCV's {@code FFmpegFrameGrabber}, scaled by FFmpeg to {@link #WIDTH} px (even height),
     * sampled at {@link #FPS} (the first frame at or after each 1/FPS tick) and cut into {@link #CLIP_SECONDS} pieces
     * named {@code bbb-<start>s}.
     */
    public static List<Clip> real(Path video) throws IOException {
        List<Clip> clips = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
            g.start();
            int[] size = FrameFormat.width(WIDTH).resolve(g.getImageWidth(), g.getImageHeight());
            g.stop();
            g.setImageWidth(size[0]);
            g.setImageHeight(size[1]);
            g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            g.start();
            List<VideoFrame> current = new ArrayList<>();
            long next = 0;
            int k = 0;
            int perClip = (int) (CLIP_SECONDS * FPS);
            Frame f;
            while ((f = g.grabImage()) != null) {
                if (f.timestamp + 1000 < next) {
                    continue;
                }
                byte[] rgb = new byte[size[0] * size[1] * 3];
                ByteBuffer buf = (ByteBuffer) f.image[0];
                int stride = f.imageStride;
                for (int y = 0; y < size[1]; y++) {
                    buf.position(y * stride);
                    buf.get(rgb, y * size[0] * 3, size[0] * 3);
                }
                current.add(new VideoFrame(current.size(), current.size() / (double) FPS, size[0], size[1], rgb));
                k++;
                next = Math.round(k * 1e6 / FPS);
                if (current.size() == perClip) {
                    int start = (int) Math.round((k - perClip) / (double) FPS);
                    clips.add(new Clip("bbb-" + start + "s", current));
                    current = new ArrayList<>();
                }
            }
        }
        return clips;
    }

    /** Every {@link SyntheticClips.Scene} at 360x202, 5 s, 10 fps, seed 42, named {@code gen-<scene>}. */
    public static List<Clip> synthetic() {
        int[] size = FrameFormat.width(WIDTH).resolve(640, 360);
        int frames = (int) (CLIP_SECONDS * FPS);
        List<Clip> clips = new ArrayList<>();
        for (SyntheticClips.Scene scene : SyntheticClips.Scene.values()) {
            clips.add(new Clip("gen-" + scene.label(), SyntheticClips.render(scene, size[0], size[1], frames, FPS, 42)));
        }
        return clips;
    }
}
