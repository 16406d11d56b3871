package io.github.video2gif.ffmpeg;

/** Quarter-turn rotations of packed RGB images. */
final class Rotation {
    private Rotation() {
    }

    /**
     * Rotates {@code src} ({@code width x height}, packed RGB) clockwise by {@code degrees} into {@code dst},
     * which is {@code height x width} for 90 and 270 and {@code width x height} for 0 and 180.
     */
    static void rotate(byte[] src, int width, int height, int degrees, byte[] dst) {
        if (src.length != width * height * 3 || dst.length != src.length) {
            throw new IllegalArgumentException("buffer sizes do not match " + width + "x" + height);
        }
        switch (degrees) {
            case 0 -> System.arraycopy(src, 0, dst, 0, src.length);
            case 90 -> {
                // Source row y becomes destination column (height - 1 - y); destination is height wide.
                int dstStride = height * 3;
                for (int y = 0; y < height; y++) {
                    int s = y * width * 3;
                    int d = (height - 1 - y) * 3;
                    for (int x = 0; x < width; x++, s += 3, d += dstStride) {
                        dst[d] = src[s];
                        dst[d + 1] = src[s + 1];
                        dst[d + 2] = src[s + 2];
                    }
                }
            }
            case 180 -> {
                int n = width * height;
                for (int i = 0, s = 0, d = (n - 1) * 3; i < n; i++, s += 3, d -= 3) {
                    dst[d] = src[s];
                    dst[d + 1] = src[s + 1];
                    dst[d + 2] = src[s + 2];
                }
            }
            case 270 -> {
                // Source row y becomes destination column y, read bottom-up.
                int dstStride = height * 3;
                for (int y = 0; y < height; y++) {
                    int s = y * width * 3;
                    int d = ((width - 1) * height + y) * 3;
                    for (int x = 0; x < width; x++, s += 3, d -= dstStride) {
                        dst[d] = src[s];
                        dst[d + 1] = src[s + 1];
                        dst[d + 2] = src[s + 2];
                    }
                }
            }
            default -> throw new IllegalArgumentException("rotation must be 0, 90, 180 or 270, was " + degrees);
        }
    }
}
