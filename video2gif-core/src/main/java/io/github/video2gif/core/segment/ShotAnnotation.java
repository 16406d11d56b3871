package io.github.video2gif.core.segment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Shot boundaries annotated by hand, for measuring a segmenter ({@link ShotBoundaryAccuracy}). The text format,
 * one boundary a line:
 * <pre>
 * # a comment (also after a boundary)
 * cut 283             # a hard cut: the 0-based index of the first frame of the new shot
 * fade-in 0 49        # a gradual transition (any kind word) over frames [0, 49), end exclusive
 * </pre>
 *
 * @param cuts    the hard cuts, in the order given
 * @param gradual the gradual transitions as {@code {start, endExclusive}}
 */
public record ShotAnnotation(List<Long> cuts, List<long[]> gradual) {
    public ShotAnnotation {
        cuts = List.copyOf(cuts);
        gradual = List.copyOf(gradual);
    }

    /** Reads an annotation file (UTF-8). */
    public static ShotAnnotation load(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString());
        }
    }

    /**
     * Parses the text format.
     *
     * @param source named in error messages
     * @throws IllegalArgumentException for a malformed line (naming the source and line number)
     */
    public static ShotAnnotation parse(Reader text, String source) throws IOException {
        List<Long> cuts = new ArrayList<>();
        List<long[]> gradual = new ArrayList<>();
        BufferedReader r = new BufferedReader(text);
        String line;
        int number = 0;
        while ((line = r.readLine()) != null) {
            number++;
            int hash = line.indexOf('#');
            String body = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (body.isEmpty()) {
                continue;
            }
            String[] w = body.split("\\s+");
            try {
                if (w[0].equals("cut") && w.length == 2) {
                    cuts.add(Long.parseLong(w[1]));
                } else if (!w[0].equals("cut") && w.length == 3) {
                    long start = Long.parseLong(w[1]);
                    long end = Long.parseLong(w[2]);
                    if (end <= start || start < 0) {
                        throw new NumberFormatException("empty range");
                    }
                    gradual.add(new long[] {start, end});
                } else {
                    throw new NumberFormatException("wrong number of fields");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + ":" + number + ": expected \"cut FRAME\" or \"KIND START "
                        + "END\", was \"" + body + "\" (" + e.getMessage() + ")");
            }
        }
        return new ShotAnnotation(cuts, gradual);
    }
}
