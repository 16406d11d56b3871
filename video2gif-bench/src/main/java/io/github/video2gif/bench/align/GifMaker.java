package io.github.video2gif.bench.align;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a GIF out of a real video the way GIF makers do: a time range sampled at the GIF's frame rate (each GIF
 * frame is the video frame on screen at its time), optionally cropped and captioned, scaled to a width by area
 * averaging, reduced to a palette (median cut or uniform, global or per frame, with or without dithering), and
 * written by {@code javax.imageio}'s GIF writer with delays rounded to centiseconds.
 */
public final class GifMaker {
    /** How the picture is cropped before scaling. */
    public enum Crop { NONE, CENTRE_10, SQUARE, TOP_LEFT_15 }

    /**
     * One GIF to cut.
     *
     * @param startSec      video time of the first GIF frame
     * @param durationSec   video seconds covered
     * @param fps           GIF frames per video second
     * @param width         GIF width
     * @param crop          crop before scaling
     * @param caption       caption text drawn near the bottom, or null
     * @param colours       palette size (2 to 256)
     * @param uniform       a uniform palette (levels^3 colours nearest to {@code colours}) instead of median cut
     * @param perFrame      one median-cut palette per frame (local colour tables) instead of one for the GIF
     * @param dither        Floyd-Steinberg dithering
     */
    public record Spec(double startSec, double durationSec, double fps, int width, Crop crop, String caption,
                       int colours, boolean uniform, boolean perFrame, boolean dither) {
        public double endSec() {
            return startSec + durationSec;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%5.2f+%.1fs %2.0ffps w%-3d %-11s %-7s %3d%s%s%s", startSec,
                    durationSec, fps, width, crop, caption == null ? "" : "caption", colours,
                    uniform ? " uniform" : " median", perFrame ? " local" : "", dither ? " dither" : "");
        }
    }

    private GifMaker() {
    }

    /**
     * Writes the GIF of {@code spec} from {@code video} (decoded at {@code decodeWidth} pixels wide) to
     * {@code out}.
     */
    public static void make(Path video, int decodeWidth, Spec spec, Path out) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        int[] size = new int[2];
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile())) {
            g.start();
            int dw = decodeWidth;
            int dh = (int) Math.round((double) g.getImageHeight() * dw / g.getImageWidth()) & ~1;
            g.stop();
            g.setImageWidth(dw);
            g.setImageHeight(dh);
            g.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            g.start();
            size[0] = dw;
            size[1] = dh;
            int count = (int) Math.round(spec.durationSec() * spec.fps());
            byte[] current = null;
            Frame f;
            int k = 0;
            while (k < count && (f = g.grabImage()) != null) {
                double t = f.timestamp / 1e6;
                // Every GIF sample time before this frame shows the previous frame.
                while (k < count && spec.startSec() + k / spec.fps() < t - 1e-6 && current != null) {
                    frames.add(current);
                    k++;
                }
                current = GrabberVideoDecoder.packed(f);
            }
            while (k < count && current != null) {
                frames.add(current);
                k++;
            }
        }
        if (frames.isEmpty()) {
            throw new IOException("no frames in " + spec + " of " + video);
        }
        int[] rect = cropRect(spec.crop(), size[0], size[1]);
        int w = spec.width();
        int h = Math.max(2, (int) Math.round((double) w * rect[3] / rect[2]));
        List<byte[]> scaled = new ArrayList<>();
        for (byte[] frame : frames) {
            byte[] s = scale(frame, size[0], rect, w, h);
            if (spec.caption() != null) {
                s = caption(s, w, h, spec.caption());
            }
            scaled.add(s);
        }
        MedianCutPalette global = spec.uniform() ? MedianCutPalette.uniform(levels(spec.colours()))
                : MedianCutPalette.of(scaled, spec.colours());
        int delayCs = (int) Math.round(100 / spec.fps());
        Files.deleteIfExists(out);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out.toFile())) {
            writer.setOutput(ios);
            writer.prepareWriteSequence(null);
            for (byte[] s : scaled) {
                MedianCutPalette palette = spec.perFrame() && !spec.uniform()
                        ? MedianCutPalette.of(List.of(s), spec.colours()) : global;
                BufferedImage image = indexed(palette, palette.map(s, w, h, spec.dither()), w, h);
                IIOMetadata meta = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), null);
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode gce = new IIOMetadataNode("GraphicControlExtension");
                gce.setAttribute("disposalMethod", "none");
                gce.setAttribute("userInputFlag", "FALSE");
                gce.setAttribute("transparentColorFlag", "FALSE");
                gce.setAttribute("delayTime", Integer.toString(delayCs));
                gce.setAttribute("transparentColorIndex", "0");
                root.appendChild(gce);
                meta.setFromTree("javax_imageio_gif_image_1.0", root);
                writer.writeToSequence(new IIOImage(image, null, meta), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }

    private static int levels(int colours) {
        int l = 2;
        while ((l + 1) * (l + 1) * (l + 1) <= colours) {
            l++;
        }
        return l;
    }

    private static int[] cropRect(Crop crop, int w, int h) {
        return switch (crop) {
            case NONE -> new int[] {0, 0, w, h};
            case CENTRE_10 -> new int[] {w / 10, h / 10, w - 2 * (w / 10), h - 2 * (h / 10)};
            case SQUARE -> new int[] {(w - h) / 2, 0, h, h};
            case TOP_LEFT_15 -> new int[] {0, 0, w - w * 15 / 100, h - h * 15 / 100};
        };
    }

    private static byte[] scale(byte[] rgb, int srcW, int[] rect, int w, int h) {
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            int y0 = rect[1] + y * rect[3] / h;
            int y1 = Math.max(y0 + 1, rect[1] + (y + 1) * rect[3] / h);
            for (int x = 0; x < w; x++) {
                int x0 = rect[0] + x * rect[2] / w;
                int x1 = Math.max(x0 + 1, rect[0] + (x + 1) * rect[2] / w);
                int r = 0;
                int g = 0;
                int b = 0;
                for (int yy = y0; yy < y1; yy++) {
                    for (int xx = x0; xx < x1; xx++) {
                        int p = (yy * srcW + xx) * 3;
                        r += rgb[p] & 0xFF;
                        g += rgb[p + 1] & 0xFF;
                        b += rgb[p + 2] & 0xFF;
                    }
                }
                int n = (y1 - y0) * (x1 - x0);
                int o = (y * w + x) * 3;
                out[o] = (byte) (r / n);
                out[o + 1] = (byte) (g / n);
                out[o + 2] = (byte) (b / n);
            }
        }
        return out;
    }

    /** Draws white text with a black outline near the bottom, meme style. */
    private static byte[] caption(byte[] rgb, int w, int h, String text) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < w * h; i++) {
            bgr[i * 3] = rgb[i * 3 + 2];
            bgr[i * 3 + 1] = rgb[i * 3 + 1];
            bgr[i * 3 + 2] = rgb[i * 3];
        }
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, h / 9));
        TextLayout layout = new TextLayout(text, font, g.getFontRenderContext());
        double scale = Math.min(1.0, 0.9 * w / layout.getBounds().getWidth());
        AffineTransform at = new AffineTransform();
        at.translate((w - layout.getBounds().getWidth() * scale) / 2, h * 0.92);
        at.scale(scale, scale);
        Shape outline = layout.getOutline(at);
        g.setStroke(new BasicStroke(Math.max(1.5f, h / 90f)));
        g.setColor(Color.BLACK);
        g.draw(outline);
        g.setColor(Color.WHITE);
        g.fill(outline);
        g.dispose();
        byte[] out = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            out[i * 3] = bgr[i * 3 + 2];
            out[i * 3 + 1] = bgr[i * 3 + 1];
            out[i * 3 + 2] = bgr[i * 3];
        }
        return out;
    }

    private static BufferedImage indexed(MedianCutPalette palette, byte[] indices, int w, int h) {
        int[] c = palette.colours();
        int n = Math.max(2, c.length);
        byte[] r = new byte[n];
        byte[] g = new byte[n];
        byte[] b = new byte[n];
        for (int i = 0; i < c.length; i++) {
            r[i] = (byte) (c[i] >> 16);
            g[i] = (byte) (c[i] >> 8);
            b[i] = (byte) c[i];
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, n, r, g, b));
        System.arraycopy(indices, 0, ((DataBufferByte) img.getRaster().getDataBuffer()).getData(), 0, w * h);
        return img;
    }
}
