package io.github.video2gif.ffmpeg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Node;

/** What Java's ImageIO GIF reader sees in a GIF file: screen size, per-frame delays, loop extension. */
record GifFile(int width, int height, List<Integer> delaysCentis, Integer loopCount) {

    static GifFile read(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("gif");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false);
                int frames = reader.getNumImages(true);
                IIOMetadata stream = reader.getStreamMetadata();
                IIOMetadataNode root = (IIOMetadataNode) stream.getAsTree("javax_imageio_gif_stream_1.0");
                IIOMetadataNode screen = child(root, "LogicalScreenDescriptor");
                int w = Integer.parseInt(screen.getAttribute("logicalScreenWidth"));
                int h = Integer.parseInt(screen.getAttribute("logicalScreenHeight"));
                List<Integer> delays = new ArrayList<>();
                Integer loop = null;
                for (int i = 0; i < frames; i++) {
                    reader.read(i); // decode every frame: a broken frame fails here
                    IIOMetadataNode image = (IIOMetadataNode) reader.getImageMetadata(i)
                            .getAsTree("javax_imageio_gif_image_1.0");
                    IIOMetadataNode gce = child(image, "GraphicControlExtension");
                    delays.add(gce == null ? null : Integer.parseInt(gce.getAttribute("delayTime")));
                    IIOMetadataNode apps = child(image, "ApplicationExtensions");
                    if (apps != null) {
                        for (Node n = apps.getFirstChild(); n != null; n = n.getNextSibling()) {
                            IIOMetadataNode app = (IIOMetadataNode) n;
                            if ("NETSCAPE".equals(app.getAttribute("applicationID"))
                                    && "2.0".equals(app.getAttribute("authenticationCode"))) {
                                byte[] data = (byte[]) app.getUserObject();
                                loop = (data[1] & 0xff) | ((data[2] & 0xff) << 8);
                            }
                        }
                    }
                }
                return new GifFile(w, h, delays, loop);
            } finally {
                reader.dispose();
            }
        }
    }

    int frames() {
        return delaysCentis.size();
    }

    int totalCentis() {
        return delaysCentis.stream().mapToInt(Integer::intValue).sum();
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals(name)) {
                return (IIOMetadataNode) n;
            }
        }
        return null;
    }
}
