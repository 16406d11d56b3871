package io.github.video2gif.bench.align;

import io.github.video2gif.core.align.SyntheticFootage;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a GIF of {@link SyntheticFootage}, for the evaluation's negatives and the timing benchmark. */
final class SyntheticGif {
    private SyntheticGif() {
    }

    static void write(SyntheticFootage footage, double startSec, double durationSec, double fps, int width,
                      Path out) throws IOException {
        int height = width * 9 / 16;
        List<byte[]> frames = new ArrayList<>();
        for (int k = 0; k < Math.round(durationSec * fps); k++) {
            frames.add(footage.renderAt(startSec + k / fps, width, height));
        }
        MedianCutPalette palette = MedianCutPalette.of(frames, 128);
        int[] c = palette.colours();
        byte[] r = new byte[Math.max(2, c.length)];
        byte[] g = new byte[r.length];
        byte[] b = new byte[r.length];
        for (int i = 0; i < c.length; i++) {
            r[i] = (byte) (c[i] >> 16);
            g[i] = (byte) (c[i] >> 8);
            b[i] = (byte) c[i];
        }
        IndexColorModel cm = new IndexColorModel(8, r.length, r, g, b);
        Files.deleteIfExists(out);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out.toFile())) {
            writer.setOutput(ios);
            writer.prepareWriteSequence(null);
            for (byte[] f : frames) {
                BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, cm);
                byte[] idx = palette.map(f, width, height, true);
                System.arraycopy(idx, 0, ((DataBufferByte) img.getRaster().getDataBuffer()).getData(), 0, idx.length);
                IIOMetadata meta = writer.getDefaultImageMetadata(new ImageTypeSpecifier(img), null);
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode gce = new IIOMetadataNode("GraphicControlExtension");
                gce.setAttribute("disposalMethod", "none");
                gce.setAttribute("userInputFlag", "FALSE");
                gce.setAttribute("transparentColorFlag", "FALSE");
                gce.setAttribute("delayTime", Integer.toString((int) Math.round(100 / fps)));
                gce.setAttribute("transparentColorIndex", "0");
                root.appendChild(gce);
                meta.setFromTree("javax_imageio_gif_image_1.0", root);
                writer.writeToSequence(new IIOImage(img, null, meta), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }
}
