package io.github.video2gif.bench.align;

import io.github.video2gif.api.FrameFormat;
import io.github.video2gif.core.align.CropView;
import io.github.video2gif.core.align.CropViewHasher;
import io.github.video2gif.core.align.GifAligner;
import io.github.video2gif.core.align.GifAlignment;
import io.github.video2gif.core.align.HashTrack;
import io.github.video2gif.core.align.SyntheticFootage;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The benchmark: how long aligning a 10 s GIF with a 10-minute video takes, and which share of it is
 * hashing.
 *
 * <p>The ten-minute video is {@link SyntheticFootage} (600 s at 25 fps, 15 000 frames) rendered at the aligner's
 * analysis size; rendering stands in for decoding and is not timed. Timed: hashing every video frame under the 14
 * standard views, reading and hashing the GIF (10 s at 10 fps, 320 px, written by {@code javax.imageio}), and the
 * matching (all pairs, line search, decision). Decoding is then measured for real in the same run: FFmpeg
 * decoding {@code big_buck_bunny_0_30.webm} (1280 x 720 VP8) to the analysis size, scaled to 15 000 frames, gives
 * the end-to-end estimate and the hashing share including decoding.
 *
 * <pre>java -cp ... io.github.video2gif.bench.align.AlignmentTiming [DATA_DIR] [--repeats N]</pre>
 */
public final class AlignmentTiming {
    private AlignmentTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of("../shared/data");
        int repeats = 3;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--repeats")) {
                repeats = Integer.parseInt(args[++i]);
            } else {
                data = Path.of(args[i]);
            }
        }
        SyntheticFootage footage = new SyntheticFootage(600, 600, 25);
        int[] size = GifAligner.ANALYSIS_FORMAT.resolve(1280, 720);
        System.out.printf(Locale.ROOT, "video: synthetic, %d frames (%.0f s at %.0f fps), analysis size %dx%d%n",
                footage.frameCount(), footage.durationSec(), footage.fps(), size[0], size[1]);
        // Render once (untimed) into a compact buffer: 15 000 frames of 160x90 RGB is 648 MB, too much to keep,
        // so frames are rendered again for every repeat and only the hashing is timed.
        Path gif = Files.createTempFile("timing", ".gif");
        SyntheticGif.write(footage, 300, 10, 10, 320, gif);
        GifAligner aligner = new GifAligner();
        for (int r = 0; r < repeats; r++) {
            CropViewHasher hasher = new CropViewHasher(CropView.STANDARD);
            HashTrack video = new HashTrack(CropView.STANDARD, size[0], size[1], footage.frameCount());
            long hashNanos = 0;
            for (int i = 0; i < footage.frameCount(); i++) {
                byte[] rgb = footage.render(i, size[0], size[1]);
                long t0 = System.nanoTime();
                long[] h = hasher.hashRgb(rgb, size[0], size[1]);
                hashNanos += System.nanoTime() - t0;
                video.add(i, footage.timeOf(i), h);
            }
            long t1 = System.nanoTime();
            HashTrack gifTrack = aligner.hashGif(gif);
            long t2 = System.nanoTime();
            GifAlignment a = aligner.align(gifTrack, video);
            long t3 = System.nanoTime();
            double hashVideo = hashNanos / 1e9;
            double hashGif = (t2 - t1) / 1e9;
            double match = (t3 - t2) / 1e9;
            double total = hashVideo + hashGif + match;
            System.out.printf(Locale.ROOT, "run %d: hash video %.2f s (%.0f us/frame, 14 views), read+hash GIF %.3f s"
                            + " (%d frames), match %.3f s; total %.2f s, hashing %.1f %%; found %s at %.2f-%.2f s"
                            + " (true 300.00-310.00)%n", r + 1, hashVideo, hashNanos / 1e3 / footage.frameCount(),
                    hashGif, gifTrack.size(), match, total, 100 * (hashVideo + hashGif) / total, a.found(),
                    a.startSec(), a.endSec());
            if (r == repeats - 1) {
                decodeReference(data, footage.frameCount(), total, hashVideo + hashGif);
            }
        }
        Files.deleteIfExists(gif);
    }

    /** Times FFmpeg decoding real footage to the analysis size and scales it to the synthetic video's length. */
    private static void decodeReference(Path data, int frames, double alignSec, double hashSec) throws Exception {
        Path video = data.resolve("bbb/big_buck_bunny_0_30.webm");
        if (!Files.isRegularFile(video)) {
            System.out.println("(no " + video + ": decoding reference skipped)");
            return;
        }
        FrameFormat format = GifAligner.ANALYSIS_FORMAT;
        double best = Double.POSITIVE_INFINITY;
        int decoded = 0;
        for (int rep = 0; rep < 2; rep++) {
            try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
                g.start();
                int[] size = format.resolve(g.getImageWidth(), g.getImageHeight());
                g.stop();
                g.setImageWidth(size[0]);
                g.setImageHeight(size[1]);
                g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
                long t0 = System.nanoTime();
                g.start();
                decoded = 0;
                for (Frame f = g.grabImage(); f != null; f = g.grabImage()) {
                    decoded++;
                }
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
        }
        double perFrame = best / decoded;
        double decodeSec = perFrame * frames;
        System.out.printf(Locale.ROOT, "FFmpeg decode of 1280x720 VP8 to the analysis size: %.0f fps (%d frames in"
                        + " %.2f s); for %d frames %.1f s. End to end: %.1f s, of which decoding %.1f %%, hashing %.1f"
                        + " %%, matching %.1f %%%n", decoded / best, decoded, best, frames, decodeSec,
                decodeSec + alignSec, 100 * decodeSec / (decodeSec + alignSec),
                100 * hashSec / (decodeSec + alignSec), 100 * (alignSec - hashSec) / (decodeSec + alignSec));
    }
}
