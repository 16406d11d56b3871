package io.github.video2gif.core.gif;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Node;

/** Test helper: reads a GIF with the JDK's ImageIO and composites its frames the way a browser shows them. */
final class GifTestReader {
    /** One frame as stored and as shown. */
    record Frame(int left, int top, int width, int height, int delayCs, String disposal, int transparentIndex,
                 boolean localColorTable, int[] canvas) {
    }

    final int width;
    final int height;
    final List<Frame> frames;
    /** NETSCAPE2.0 loop count, or -1 when the extension is absent. */
    final int loopCount;

    private GifTestReader(int width, int height, List<Frame> frames, int loopCount) {
        this.width = width;
        this.height = height;
        this.frames = frames;
        this.loopCount = loopCount;
    }

    static GifTestReader read(Path gif) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in, false);
            Node screen = child(reader.getStreamMetadata().getAsTree("javax_imageio_gif_stream_1.0"),
                    "LogicalScreenDescriptor");
            int w = Integer.parseInt(attr(screen, "logicalScreenWidth"));
            int h = Integer.parseInt(attr(screen, "logicalScreenHeight"));
            int[] canvas = new int[w * h];
            List<Frame> frames = new ArrayList<>();
            int loop = -1;
            int n = reader.getNumImages(true);
            for (int i = 0; i < n; i++) {
                BufferedImage img = reader.read(i);
                Node tree = reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
                Node desc = child(tree, "ImageDescriptor");
                int left = Integer.parseInt(attr(desc, "imageLeftPosition"));
                int top = Integer.parseInt(attr(desc, "imageTopPosition"));
                Node gce = child(tree, "GraphicControlExtension");
                String disposal = gce == null ? "none" : attr(gce, "disposalMethod");
                int delay = gce == null ? 0 : Integer.parseInt(attr(gce, "delayTime"));
                int transparent = gce != null && Boolean.parseBoolean(attr(gce, "transparentColorFlag"))
                        ? Integer.parseInt(attr(gce, "transparentColorIndex")) : -1;
                Node apps = child(tree, "ApplicationExtensions");
                if (apps != null) {
                    for (Node a = apps.getFirstChild(); a != null; a = a.getNextSibling()) {
                        if ("NETSCAPE".equals(attr(a, "applicationID"))) {
                            byte[] data = (byte[]) ((javax.imageio.metadata.IIOMetadataNode) a).getUserObject();
                            loop = (data[1] & 0xFF) | (data[2] & 0xFF) << 8;
                        }
                    }
                }
                Raster raster = img.getRaster();
                IndexColorModel cm = (IndexColorModel) img.getColorModel();
                for (int y = 0; y < img.getHeight(); y++) {
                    for (int x = 0; x < img.getWidth(); x++) {
                        int idx = raster.getSample(x, y, 0);
                        if (idx != transparent && left + x < w && top + y < h) {
                            canvas[(top + y) * w + left + x] = cm.getRGB(idx) & 0xFFFFFF;
                        }
                    }
                }
                frames.add(new Frame(left, top, img.getWidth(), img.getHeight(), delay, disposal, transparent,
                        child(tree, "LocalColorTable") != null, canvas.clone()));
                if (disposal.equals("restoreToBackgroundColor")) {
                    for (int y = top; y < Math.min(h, top + img.getHeight()); y++) {
                        for (int x = left; x < Math.min(w, left + img.getWidth()); x++) {
                            canvas[y * w + x] = 0;
                        }
                    }
                }
            }
            reader.dispose();
            return new GifTestReader(w, h, frames, loop);
        }
    }

    /** Frame {@code i}'s canvas as packed RGB bytes. */
    byte[] rgb(int i) {
        int[] c = frames.get(i).canvas();
        byte[] out = new byte[c.length * 3];
        for (int p = 0; p < c.length; p++) {
            out[p * 3] = (byte) (c[p] >> 16);
            out[p * 3 + 1] = (byte) (c[p] >> 8);
            out[p * 3 + 2] = (byte) c[p];
        }
        return out;
    }

    private static Node child(Node parent, String name) {
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static String attr(Node node, String name) {
        Node a = node.getAttributes().getNamedItem(name);
        return a == null ? null : a.getNodeValue();
    }
}
