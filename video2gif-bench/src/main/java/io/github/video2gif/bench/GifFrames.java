package io.github.video2gif.bench;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Node;

/**
 * Reads a GIF the way a browser shows it: every frame composited onto the canvas (offsets, transparency and all
 * four disposal methods), with its delay. Uses the JDK's ImageIO GIF reader for the LZW decoding and the block
 * parsing, so it is independent of the encoders being measured.
 */
public final class GifFrames {
    /**
     * One displayed frame.
     *
     * @param rgb     the whole canvas as packed RGB
     * @param delayCs how long it shows, in centiseconds
     */
    public record Shown(byte[] rgb, int delayCs) {
    }

    private final int width;
    private final int height;
    private final List<Shown> frames;

    private GifFrames(int width, int height, List<Shown> frames) {
        this.width = width;
        this.height = height;
        this.frames = frames;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public List<Shown> frames() {
        return frames;
    }

    /** Total play time of one loop, in centiseconds. */
    public long durationCs() {
        long t = 0;
        for (Shown s : frames) {
            t += s.delayCs();
        }
        return t;
    }

    /** The canvas showing at {@code timeCs} centiseconds after the start (the last frame after the end). */
    public byte[] at(double timeCs) {
        double t = 0;
        for (Shown s : frames) {
            t += s.delayCs();
            if (timeCs < t) {
                return s.rgb();
            }
        }
        return frames.get(frames.size() - 1).rgb();
    }

    public static GifFrames read(Path gif) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("gif");
            ImageReader reader = readers.next();
            reader.setInput(in, false);
            IIOMetadata stream = reader.getStreamMetadata();
            Node screen = child(stream.getAsTree("javax_imageio_gif_stream_1.0"), "LogicalScreenDescriptor");
            int w = Integer.parseInt(attr(screen, "logicalScreenWidth"));
            int h = Integer.parseInt(attr(screen, "logicalScreenHeight"));
            int[] canvas = new int[w * h];
            List<Shown> out = new ArrayList<>();
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
                boolean transparentFlag = gce != null && Boolean.parseBoolean(attr(gce, "transparentColorFlag"));
                int transparent = transparentFlag ? Integer.parseInt(attr(gce, "transparentColorIndex")) : -1;
                int[] saved = disposal.equals("restoreToPrevious") ? canvas.clone() : null;
                Raster raster = img.getRaster();
                IndexColorModel cm = (IndexColorModel) img.getColorModel();
                int iw = img.getWidth();
                int ih = img.getHeight();
                for (int y = 0; y < ih; y++) {
                    int cy = top + y;
                    if (cy >= h) {
                        break;
                    }
                    for (int x = 0; x < iw; x++) {
                        int cx = left + x;
                        if (cx >= w) {
                            break;
                        }
                        int idx = raster.getSample(x, y, 0);
                        if (idx == transparent) {
                            continue;
                        }
                        canvas[cy * w + cx] = cm.getRGB(idx) & 0xFFFFFF;
                    }
                }
                byte[] rgb = new byte[w * h * 3];
                for (int p = 0; p < w * h; p++) {
                    rgb[p * 3] = (byte) (canvas[p] >> 16);
                    rgb[p * 3 + 1] = (byte) (canvas[p] >> 8);
                    rgb[p * 3 + 2] = (byte) canvas[p];
                }
                out.add(new Shown(rgb, delay));
                if (disposal.equals("restoreToBackgroundColor")) {
                    for (int y = top; y < Math.min(h, top + ih); y++) {
                        for (int x = left; x < Math.min(w, left + iw); x++) {
                            canvas[y * w + x] = 0;
                        }
                    }
                } else if (saved != null) {
                    canvas = saved;
                }
            }
            reader.dispose();
            return new GifFrames(w, h, out);
        }
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
        return node.getAttributes().getNamedItem(name).getNodeValue();
    }
}
