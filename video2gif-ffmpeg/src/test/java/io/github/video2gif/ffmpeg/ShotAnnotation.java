package io.github.video2gif.ffmpeg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Shot boundaries annotated by hand (see the resource files for their format and how they were made). */
record ShotAnnotation(List<Long> cuts, List<long[]> gradual) {
    static ShotAnnotation load(String resource) throws IOException {
        List<Long> cuts = new ArrayList<>();
        List<long[]> gradual = new ArrayList<>();
        try (InputStream in = ShotAnnotation.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                int hash = line.indexOf('#');
                String[] w = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
                if (w.length == 0 || w[0].isEmpty()) {
                    continue;
                }
                if (w[0].equals("cut")) {
                    cuts.add(Long.parseLong(w[1]));
                } else {
                    gradual.add(new long[] {Long.parseLong(w[1]), Long.parseLong(w[2])});
                }
            }
        }
        return new ShotAnnotation(List.copyOf(cuts), List.copyOf(gradual));
    }
}
