package io.github.video2gif.bench.shots;

import io.github.video2gif.core.image.FrameMeasures;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * The tool used to annotate shot boundaries by eye: it decodes a video with JavaCV, writes contact sheets of
 * every frame (labelled with its 0-based decode index), sheets of the frames around each place where the
 * colour histogram jumps (bigger thumbnails), and a CSV of per-frame measures (histogram distance to the
 * previous frame, mean luma, luma standard deviation).
 *
 * <pre>
 * java -cp ... io.github.video2gif.bench.shots.ContactSheets VIDEO OUTDIR [columns] [rows] [thumbWidth]
 * </pre>
 *
 * A person then looks at the sheets and writes down the first frame of every new shot.
 */
public final class ContactSheets {
    private ContactSheets() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ContactSheets VIDEO OUTDIR [columns] [rows] [thumbWidth]");
            System.exit(2);
        }
        Path video = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int cols = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int rows = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        int thumbW = args.length > 4 ? Integer.parseInt(args[4]) : 128;
        Files.createDirectories(out);

        List<BufferedImage> thumbs = new ArrayList<>();
        List<double[]> stats = new ArrayList<>();
        double fps;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile());
             Java2DFrameConverter conv = new Java2DFrameConverter()) {
            g.start();
            fps = g.getFrameRate();
            float[] prev = null;
            Frame f;
            while ((f = g.grabImage()) != null) {
                BufferedImage img = conv.convert(f);
                int w = img.getWidth();
                int h = img.getHeight();
                int thumbH = Math.max(2, Math.round((float) thumbW * h / w));
                thumbs.add(scale(img, thumbW, thumbH));
                byte[] rgb = rgb(img);
                float[] hist = new float[FrameMeasures.HISTOGRAM_BINS];
                FrameMeasures.hsvHistogram(rgb, w * h, hist);
                int[] luma = new int[w * h];
                FrameMeasures.luma(rgb, luma);
                double mean = FrameMeasures.mean(luma);
                stats.add(new double[] {prev == null ? 0 : FrameMeasures.histogramDistance(prev, hist), mean,
                        FrameMeasures.std(luma, mean)});
                prev = hist;
            }
            g.stop();
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("frames.csv"), StandardCharsets.UTF_8))) {
            w.println("frame,seconds,histDistance,meanLuma,stdLuma");
            for (int i = 0; i < stats.size(); i++) {
                double[] s = stats.get(i);
                w.printf(Locale.ROOT, "%d,%.4f,%.4f,%.2f,%.2f%n", i, i / fps, s[0], s[1], s[2]);
            }
        }
        int per = cols * rows;
        for (int start = 0; start < thumbs.size(); start += per) {
            List<Integer> idx = new ArrayList<>();
            for (int i = start; i < Math.min(thumbs.size(), start + per); i++) {
                idx.add(i);
            }
            write(sheet(thumbs, idx, cols), out.resolve(String.format(Locale.ROOT, "all-%05d.png", start)));
        }
        // around every histogram jump: 3 frames before, 5 from the jump on, four to a row
        int k = 0;
        for (int i = 1; i < stats.size(); i++) {
            if (stats.get(i)[0] >= 0.15) {
                List<Integer> idx = new ArrayList<>();
                for (int j = Math.max(0, i - 3); j < Math.min(thumbs.size(), i + 5); j++) {
                    idx.add(j);
                }
                write(sheet(thumbs, idx, 4), out.resolve(String.format(Locale.ROOT, "jump-%05d.png", i)));
                k++;
            }
        }
        System.out.printf(Locale.ROOT, "%d frames at %.3f fps; %d jump sheets in %s%n", thumbs.size(), fps, k, out);
    }

    private static BufferedImage sheet(List<BufferedImage> thumbs, List<Integer> idx, int cols) {
        int tw = thumbs.get(0).getWidth();
        int th = thumbs.get(0).getHeight();
        int label = 14;
        int rows = (idx.size() + cols - 1) / cols;
        BufferedImage s = new BufferedImage(cols * (tw + 2), rows * (th + label + 2), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = s.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.MONOSPACED, Font.BOLD, 12));
        for (int k = 0; k < idx.size(); k++) {
            int x = (k % cols) * (tw + 2);
            int y = (k / cols) * (th + label + 2);
            g.setColor(Color.WHITE);
            g.drawString(String.valueOf(idx.get(k)), x + 2, y + 11);
            g.drawImage(thumbs.get(idx.get(k)), x, y + label, null);
        }
        g.dispose();
        return s;
    }

    private static BufferedImage scale(BufferedImage img, int w, int h) {
        BufferedImage t = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = t.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        return t;
    }

    private static byte[] rgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] rgb = new byte[w * h * 3];
        int p = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = img.getRGB(x, y);
                rgb[p++] = (byte) (c >> 16);
                rgb[p++] = (byte) (c >> 8);
                rgb[p++] = (byte) c;
            }
        }
        return rgb;
    }

    private static void write(BufferedImage img, Path file) throws IOException {
        ImageIO.write(img, "png", file.toFile());
    }
}
