package io.github.video2gif.core.gif;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes test GIFs with the JDK's own GIF writer ({@code javax.imageio}), so the reader is checked against an
 * independent encoder, and composites the same frames with a plain reference model of the GIF rules.
 */
final class ImageIoGifs {
    /** A transparent pixel in {@link Spec#pixels}. */
    static final int CLEAR = -1;

    /**
     * One frame to write.
     *
     * @param pixels   0xRRGGBB values, or {@link #CLEAR}, row by row, {@code w * h} of them
     * @param disposal "none", "doNotDispose", "restoreToBackgroundColor" or "restoreToPrevious"
     */
    record Spec(int left, int top, int w, int h, int[] pixels, String disposal, int delayCs, boolean interlace) {
        static Spec full(int w, int h, int[] pixels, int delayCs) {
            return new Spec(0, 0, w, h, pixels, "none", delayCs, false);
        }
    }

    private ImageIoGifs() {
    }

    static int[] fill(int w, int h, int rgb) {
        int[] p = new int[w * h];
        java.util.Arrays.fill(p, rgb);
        return p;
    }

    static byte[] write(int screenW, int screenH, List<Spec> frames) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            BufferedImage firstImage = indexed(frames.get(0));
            IIOMetadata stream = writer.getDefaultStreamMetadata(param);
            IIOMetadataNode streamRoot = (IIOMetadataNode) stream.getAsTree("javax_imageio_gif_stream_1.0");
            IIOMetadataNode lsd = child(streamRoot, "LogicalScreenDescriptor");
            lsd.setAttribute("logicalScreenWidth", Integer.toString(screenW));
            lsd.setAttribute("logicalScreenHeight", Integer.toString(screenH));
            lsd.setAttribute("colorResolution", "8");
            lsd.setAttribute("pixelAspectRatio", "0");
            stream.setFromTree("javax_imageio_gif_stream_1.0", streamRoot);
            writer.prepareWriteSequence(stream);
            boolean firstFrame = true;
            for (Spec spec : frames) {
                BufferedImage image = firstFrame ? firstImage : indexed(spec);
                IIOMetadata meta = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode desc = child(root, "ImageDescriptor");
                desc.setAttribute("imageLeftPosition", Integer.toString(spec.left()));
                desc.setAttribute("imageTopPosition", Integer.toString(spec.top()));
                desc.setAttribute("imageWidth", Integer.toString(spec.w()));
                desc.setAttribute("imageHeight", Integer.toString(spec.h()));
                desc.setAttribute("interlaceFlag", spec.interlace() ? "TRUE" : "FALSE");
                IIOMetadataNode gce = child(root, "GraphicControlExtension");
                gce.setAttribute("disposalMethod", spec.disposal());
                gce.setAttribute("userInputFlag", "FALSE");
                gce.setAttribute("delayTime", Integer.toString(spec.delayCs()));
                boolean hasClear = false;
                for (int p : spec.pixels()) {
                    hasClear |= p == CLEAR;
                }
                gce.setAttribute("transparentColorFlag", hasClear ? "TRUE" : "FALSE");
                gce.setAttribute("transparentColorIndex", "0");
                if (firstFrame) {
                    IIOMetadataNode apps = child(root, "ApplicationExtensions");
                    IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
                    app.setAttribute("applicationID", "NETSCAPE");
                    app.setAttribute("authenticationCode", "2.0");
                    app.setUserObject(new byte[] {1, 0, 0});
                    apps.appendChild(app);
                }
                meta.setFromTree("javax_imageio_gif_image_1.0", root);
                ImageWriteParam p = writer.getDefaultWriteParam();
                if (spec.interlace()) {
                    p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
                } else {
                    p.setProgressiveMode(ImageWriteParam.MODE_DISABLED);
                }
                writer.writeToSequence(new IIOImage(image, null, meta), p);
                firstFrame = false;
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The frame as an indexed image; index 0 is reserved for {@link #CLEAR}. */
    static BufferedImage indexed(Spec spec) {
        Map<Integer, Integer> index = new LinkedHashMap<>();
        index.put(CLEAR, 0);
        for (int p : spec.pixels()) {
            index.putIfAbsent(p, index.size());
        }
        if (index.size() > 256) {
            throw new IllegalArgumentException("more than 255 colours");
        }
        int n = Math.max(2, Integer.highestOneBit(index.size() - 1) << 1);
        byte[] r = new byte[n];
        byte[] g = new byte[n];
        byte[] b = new byte[n];
        for (Map.Entry<Integer, Integer> e : index.entrySet()) {
            int c = e.getKey() == CLEAR ? 0x000000 : e.getKey();
            r[e.getValue()] = (byte) (c >> 16);
            g[e.getValue()] = (byte) (c >> 8);
            b[e.getValue()] = (byte) c;
        }
        int bits = Integer.numberOfTrailingZeros(n);
        IndexColorModel cm = new IndexColorModel(bits, n, r, g, b);
        BufferedImage image = new BufferedImage(spec.w(), spec.h(),
                BufferedImage.TYPE_BYTE_INDEXED, cm);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < spec.h(); y++) {
            for (int x = 0; x < spec.w(); x++) {
                raster.setSample(x, y, 0, index.get(spec.pixels()[y * spec.w() + x]));
            }
        }
        return image;
    }

    /**
     * The composites a browser shows for these frames: ARGB, alpha 0 where nothing is painted. A plain reference
     * model of the GIF89a rules, written independently of the reader.
     */
    static List<int[]> composites(int screenW, int screenH, List<Spec> frames) {
        int[] canvas = new int[screenW * screenH];
        List<int[]> out = new ArrayList<>();
        Spec previous = null;
        int[] before = null;
        for (Spec f : frames) {
            if (previous != null) {
                if (previous.disposal().equals("restoreToBackgroundColor")) {
                    forEach(previous, screenW, screenH, (i, x, y) -> canvas[i] = 0);
                } else if (previous.disposal().equals("restoreToPrevious")) {
                    System.arraycopy(before, 0, canvas, 0, canvas.length);
                }
            }
            before = canvas.clone();
            forEach(f, screenW, screenH, (i, x, y) -> {
                int p = f.pixels()[y * f.w() + x];
                if (p != CLEAR) {
                    canvas[i] = 0xFF000000 | p;
                }
            });
            out.add(canvas.clone());
            previous = f;
        }
        return out;
    }

    private interface PixelVisitor {
        void visit(int canvasIndex, int x, int y);
    }

    private static void forEach(Spec f, int screenW, int screenH, PixelVisitor v) {
        for (int y = 0; y < f.h(); y++) {
            for (int x = 0; x < f.w(); x++) {
                int cx = f.left() + x;
                int cy = f.top() + y;
                if (cx < screenW && cy < screenH) {
                    v.visit(cy * screenW + cx, x, y);
                }
            }
        }
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equals(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
