package io.github.video2gif.ffmpeg.cli;

import io.github.video2gif.api.Progress;
import io.github.video2gif.api.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on a terminal: {@code analyze [##########----------]  50%  1234/2468 frames}. */
final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private String lastLine = "";
    private long lastDraw;
    private boolean dirty;

    ProgressBar(PrintStream err) {
        this.err = err;
    }

    @Override
    public synchronized void onProgress(Progress p) {
        long now = System.nanoTime();
        boolean complete = p.total() > 0 && p.done() >= p.total();
        if (!complete && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-8s", p.task()));
        double f = p.fraction();
        if (f >= 0) {
            int filled = (int) Math.round(f * WIDTH);
            sb.append(" [").append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ");
            sb.append(String.format(Locale.ROOT, "%3d%%  %d/%d", Math.round(f * 100), p.done(), p.total()));
        } else {
            sb.append(' ').append(p.done());
        }
        if (!p.detail().isEmpty()) {
            sb.append("  ").append(p.detail());
        }
        String line = sb.toString();
        int pad = Math.max(0, lastLine.length() - line.length());
        err.print("\r" + line + " ".repeat(pad));
        err.flush();
        lastLine = line;
        dirty = true;
    }

    /** Ends the bar's line so that later output starts on a fresh one. */
    synchronized void finish() {
        if (dirty) {
            err.print("\r" + " ".repeat(lastLine.length()) + "\r");
            err.flush();
            dirty = false;
            lastLine = "";
        }
    }
}
