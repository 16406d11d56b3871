package io.github.video2gif.core.align;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Cuts GIFs out of {@link SyntheticFootage} the way users make them: a time range sampled at a GIF frame rate,
 * cropped, captioned, scaled, reduced to a fixed palette with or without dithering, with frames dropped or
 * repeated, written by {@code javax.imageio}'s GIF writer with delays rounded to centiseconds.
 */
final class TestGifs {
    private TestGifs() {
    }

    /**
     * What to cut.
     *
     * @param startSec    video time of the first GIF frame
     * @param durationSec video seconds covered
     * @param gifFps      GIF frames per video second
     * @param width       GIF width in pixels
     * @param crop        fraction cut from each side (0 to 0.3)
     * @param caption     whether to draw a caption bar of white blocks
     * @param levels      palette levels per channel (2 to 6)
     * @param dither      Floyd-Steinberg error diffusion
     * @param dropRate    share of GIF frames left out (the GIF's timeline shifts)
     * @param repeatRate  share of GIF frames shown twice
     * @param playSpeed   GIF seconds per video second (1: delays match the content; 2: a slowed-down GIF)
     * @param seed        for drops, repeats and the caption
     */
    record Cut(double startSec, double durationSec, double gifFps, int width, double crop, boolean caption,
               int levels, boolean dither, double dropRate, double repeatRate, double playSpeed, long seed) {
        static Cut plain(double startSec, double durationSec, double gifFps, int width) {
            return new Cut(startSec, durationSec, gifFps, width, 0, false, 6, false, 0, 0, 1, 1);
        }

        double endSec() {
            return startSec + durationSec;
        }
    }

    static Path write(Path file, SyntheticFootage footage, int srcW, int srcH, Cut cut) throws IOException {
        Random rnd = new Random(cut.seed());
        int frames = (int) Math.round(cut.durationSec() * cut.gifFps());
        int cx = (int) Math.round(srcW * cut.crop());
        int cy = (int) Math.round(srcH * cut.crop());
        int cw = srcW - 2 * cx;
        int ch = srcH - 2 * cy;
        int w = cut.width();
        int h = Math.max(2, (int) Math.round((double) w * ch / cw));
        int delayCs = (int) Math.round(100.0 * cut.playSpeed() / cut.gifFps());
        int[][] captionBlocks = captionBlocks(rnd, w, h);
        List<BufferedImage> images = new ArrayList<>();
        List<Integer> delays = new ArrayList<>();
        for (int k = 0; k < frames; k++) {
            if (k > 0 && rnd.nextDouble() < cut.dropRate()) {
                continue;
            }
            double t = cut.startSec() + k / cut.gifFps();
            int videoFrame = (int) Math.floor(t * footage.fps() + 1e-6);
            byte[] rgb = footage.render(Math.min(videoFrame, footage.frameCount() - 1), srcW, srcH);
            float[] img = scale(rgb, srcW, cx, cy, cw, ch, w, h);
            if (cut.caption()) {
                drawCaption(img, w, captionBlocks);
            }
            images.add(quantize(img, w, h, cut.levels(), cut.dither()));
            delays.add(delayCs);
            if (rnd.nextDouble() < cut.repeatRate()) {
                images.add(images.get(images.size() - 1));
                delays.add(delayCs);
            }
        }
        writeGif(file, images, delays);
        return file;
    }

    /** Area-averaging scale of the crop rectangle to {@code w x h}, as float RGB. */
    private static float[] scale(byte[] rgb, int srcW, int cx, int cy, int cw, int ch, int w, int h) {
        float[] out = new float[w * h * 3];
        for (int y = 0; y < h; y++) {
            int y0 = cy + y * ch / h;
            int y1 = Math.max(y0 + 1, cy + (y + 1) * ch / h);
            for (int x = 0; x < w; x++) {
                int x0 = cx + x * cw / w;
                int x1 = Math.max(x0 + 1, cx + (x + 1) * cw / w);
                float r = 0;
                float g = 0;
                float b = 0;
                for (int yy = y0; yy < y1; yy++) {
                    for (int xx = x0; xx < x1; xx++) {
                        int o = (yy * srcW + xx) * 3;
                        r += rgb[o] & 0xFF;
                        g += rgb[o + 1] & 0xFF;
                        b += rgb[o + 2] & 0xFF;
                    }
                }
                int n = (y1 - y0) * (x1 - x0);
                int o = (y * w + x) * 3;
                out[o] = r / n;
                out[o + 1] = g / n;
                out[o + 2] = b / n;
            }
        }
        return out;
    }

    private static int[][] captionBlocks(Random rnd, int w, int h) {
        List<int[]> blocks = new ArrayList<>();
        int top = (int) (h * 0.8);
        int glyphH = Math.max(2, h / 12);
        int x = w / 10;
        while (x < w * 9 / 10) {
            int gw = Math.max(1, glyphH * (1 + rnd.nextInt(2)) / 2);
            if (rnd.nextInt(6) != 0) {
                blocks.add(new int[] {x, top, gw, glyphH});
            }
            x += gw + Math.max(1, glyphH / 3);
        }
        return blocks.toArray(new int[0][]);
    }

    private static void drawCaption(float[] img, int w, int[][] blocks) {
        for (int[] b : blocks) {
            for (int y = b[1] - 1; y <= b[1] + b[3]; y++) {
                for (int x = b[0] - 1; x <= b[0] + b[2]; x++) {
                    if (x < 0 || x >= w || y < 0 || y * w + x >= img.length / 3) {
                        continue;
                    }
                    boolean edge = y < b[1] || y == b[1] + b[3] || x < b[0] || x == b[0] + b[2];
                    float v = edge ? 0 : 255;
                    int o = (y * w + x) * 3;
                    img[o] = v;
                    img[o + 1] = v;
                    img[o + 2] = v;
                }
            }
        }
    }

    private static BufferedImage quantize(float[] img, int w, int h, int levels, boolean dither) {
        int n = levels * levels * levels;
        byte[] r = new byte[n];
        byte[] g = new byte[n];
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            r[i] = (byte) level(i / (levels * levels), levels);
            g[i] = (byte) level(i / levels % levels, levels);
            b[i] = (byte) level(i % levels, levels);
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, n, r, g, b));
        float[] work = img.clone();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * 3;
                int index = 0;
                for (int c = 0; c < 3; c++) {
                    float v = Math.max(0, Math.min(255, work[o + c]));
                    int q = Math.round(v * (levels - 1) / 255f);
                    index = index * levels + q;
                    float err = v - level(q, levels);
                    if (dither) {
                        spread(work, w, h, x + 1, y, c, err * 7 / 16);
                        spread(work, w, h, x - 1, y + 1, c, err * 3 / 16);
                        spread(work, w, h, x, y + 1, c, err * 5 / 16);
                        spread(work, w, h, x + 1, y + 1, c, err / 16);
                    }
                }
                out.getRaster().setSample(x, y, 0, index);
            }
        }
        return out;
    }

    private static void spread(float[] work, int w, int h, int x, int y, int c, float e) {
        if (x >= 0 && x < w && y < h) {
            work[(y * w + x) * 3 + c] += e;
        }
    }

    private static int level(int q, int levels) {
        return Math.round(q * 255f / (levels - 1));
    }

    private static void writeGif(Path file, List<BufferedImage> images, List<Integer> delays) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        Files.deleteIfExists(file);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < images.size(); i++) {
                BufferedImage image = images.get(i);
                IIOMetadata meta = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), null);
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode gce = new IIOMetadataNode("GraphicControlExtension");
                gce.setAttribute("disposalMethod", "none");
                gce.setAttribute("userInputFlag", "FALSE");
                gce.setAttribute("transparentColorFlag", "FALSE");
                gce.setAttribute("delayTime", Integer.toString(delays.get(i)));
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
}
