package io.github.video2gif.ffmpeg.cli;

import io.github.video2gif.api.Config;
import io.github.video2gif.api.ProgressListener;
import io.github.video2gif.api.Video2GifException;
import io.github.video2gif.api.VideoDecoder;
import io.github.video2gif.api.spi.Providers;
import io.github.video2gif.api.spi.VideoDecoderProvider;
import io.github.video2gif.core.align.AlignmentBatch;
import io.github.video2gif.core.align.GifAligner;
import io.github.video2gif.core.align.GifAlignment;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code video2gif align GIF VIDEO [--json]}: where a GIF was cut from its source video; and
 * {@code video2gif align --pairs FILE --out ANNOTATIONS}: a batch, written in the annotation format {@code train}
 * reads. A GIF that is not from the video is a "not found" result (exit 0), not an error.
 */
final class AlignCommand {
    private AlignCommand() {
    }

    static void run(Args args, ProgressListener progress, PrintStream out, Runnable finishBar)
            throws Video2GifException {
        String decoderName = args.string("decoder");
        Config config = Config.defaults();
        VideoDecoder decoder = Providers.select(VideoDecoderProvider.KIND, decoderName, config).provider()
                .create(config);
        String pairs = args.string("pairs");
        if (pairs != null) {
            String annotations = args.string("out");
            if (annotations == null) {
                throw new Args.UsageException("--pairs needs --out ANNOTATIONS");
            }
            if (!args.positional().isEmpty()) {
                throw new Args.UsageException("align --pairs takes no GIF or VIDEO");
            }
            AlignmentBatch.Summary s = new AlignmentBatch(new GifAligner())
                    .run(Path.of(pairs), Path.of(annotations), decoder, progress);
            finishBar.run();
            out.printf(Locale.ROOT, "%s: %d aligned, %d not found, %d failed (%d pairs)%n", annotations,
                    s.aligned(), s.notFound(), s.failed(), s.outcomes().size());
            return;
        }
        if (args.positional().size() != 2) {
            throw new Args.UsageException("align needs GIF VIDEO (or --pairs FILE --out ANNOTATIONS)");
        }
        Path gif = Path.of(args.positional().get(0));
        Path video = Path.of(args.positional().get(1));
        GifAlignment a = new GifAligner().align(gif, video, decoder, progress);
        finishBar.run();
        if (args.flag("json")) {
            out.println(new Json().beginObject().name("found").value(a.found())
                    .field("startSec", a.startSec()).field("endSec", a.endSec())
                    .field("startFrame", a.startFrame()).field("endFrame", a.endFrame())
                    .field("confidence", a.confidence()).endObject());
        } else if (a.found()) {
            out.printf(Locale.ROOT, "%s is %s %.3f-%.3f s (frames %d-%d), confidence %.2f%n", gif, video,
                    a.startSec(), a.endSec(), a.startFrame(), a.endFrame(), a.confidence());
        } else {
            out.printf(Locale.ROOT, "%s: not found in %s (confidence %.2f)%n", gif, video, a.confidence());
        }
    }
}
