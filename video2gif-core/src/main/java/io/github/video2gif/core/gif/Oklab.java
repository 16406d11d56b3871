package io.github.video2gif.core.gif;

/**
 * Conversions between 8-bit sRGB and Oklab (Björn Ottosson, 2020), a perceptual colour space in which Euclidean
 * distance tracks perceived colour difference much better than in RGB. Lightness {@code L} runs from 0 (black) to
 * 1 (white); {@code a} and {@code b} are roughly within [-0.4, 0.4].
 *
 * <p>The palette is chosen and pixels are matched in this space. Stateless and thread-safe.
 */
public final class Oklab {
    /** sRGB 8-bit value to linear light in [0, 1]. */
    private static final float[] TO_LINEAR = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            double c = i / 255.0;
            TO_LINEAR[i] = (float) (c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
        }
    }

    private Oklab() {
    }

    /** Linear light in [0, 1] of an 8-bit sRGB component. */
    public static float linear(int srgb8) {
        return TO_LINEAR[srgb8 & 0xFF];
    }

    /**
     * Converts one sRGB colour to Oklab.
     *
     * @param out receives {@code L, a, b} at {@code out[off..off+2]}
     */
    public static void fromSrgb(int r, int g, int b, float[] out, int off) {
        float lr = TO_LINEAR[r & 0xFF];
        float lg = TO_LINEAR[g & 0xFF];
        float lb = TO_LINEAR[b & 0xFF];
        float l = cbrt(0.4122214708f * lr + 0.5363325363f * lg + 0.0514459929f * lb);
        float m = cbrt(0.2119034982f * lr + 0.6806995451f * lg + 0.1073969566f * lb);
        float s = cbrt(0.0883024619f * lr + 0.2817188376f * lg + 0.6299787005f * lb);
        out[off] = 0.2104542553f * l + 0.7936177850f * m - 0.0040720468f * s;
        out[off + 1] = 1.9779984951f * l - 2.4285922050f * m + 0.4505937099f * s;
        out[off + 2] = 0.0259040371f * l + 0.7827717662f * m - 0.8086757660f * s;
    }

    /**
     * Cube root of a value in [0, 1] to about 1e-7 relative error: an exponent-halving bit trick for a start, then
     * two Newton steps (several times faster than {@link Math#cbrt}, which matters for palette look-ups).
     */
    static float cbrt(float x) {
        if (x <= 0f) {
            return 0f;
        }
        float y = Float.intBitsToFloat(Float.floatToRawIntBits(x) / 3 + 709921077);
        y = y - (y * y * y - x) / (3f * y * y);
        y = y - (y * y * y - x) / (3f * y * y);
        y = y - (y * y * y - x) / (3f * y * y);
        return y;
    }

    /** Converts sRGB with fractional 8-bit components (0..255, for bin means) to Oklab. */
    public static void fromSrgb(double r, double g, double b, float[] out, int off) {
        fromLinear(toLinear(r / 255.0), toLinear(g / 255.0), toLinear(b / 255.0), out, off);
    }

    private static double toLinear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static void fromLinear(double r, double g, double b, float[] out, int off) {
        double l = 0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b;
        double m = 0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b;
        double s = 0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b;
        double l3 = Math.cbrt(l);
        double m3 = Math.cbrt(m);
        double s3 = Math.cbrt(s);
        out[off] = (float) (0.2104542553 * l3 + 0.7936177850 * m3 - 0.0040720468 * s3);
        out[off + 1] = (float) (1.9779984951 * l3 - 2.4285922050 * m3 + 0.4505937099 * s3);
        out[off + 2] = (float) (0.0259040371 * l3 + 0.7827717662 * m3 - 0.8086757660 * s3);
    }

    /**
     * Converts Oklab back to 8-bit sRGB, clamping colours outside the sRGB gamut.
     *
     * @return the colour packed as {@code 0xRRGGBB}
     */
    public static int toSrgb(double lightness, double a, double b) {
        double l3 = lightness + 0.3963377774 * a + 0.2158037573 * b;
        double m3 = lightness - 0.1055613458 * a - 0.0638541728 * b;
        double s3 = lightness - 0.0894841775 * a - 1.2914855480 * b;
        double l = l3 * l3 * l3;
        double m = m3 * m3 * m3;
        double s = s3 * s3 * s3;
        double r = 4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s;
        double g = -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s;
        double bl = -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s;
        return (encode(r) << 16) | (encode(g) << 8) | encode(bl);
    }

    private static int encode(double linear) {
        double c = linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(Math.max(linear, 0), 1 / 2.4) - 0.055;
        long v = Math.round(c * 255.0);
        return (int) Math.max(0, Math.min(255, v));
    }
}
