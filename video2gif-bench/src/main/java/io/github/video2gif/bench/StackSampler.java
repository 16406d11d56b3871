package io.github.video2gif.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A coarse profiler for machines without JFR tooling: every few milliseconds it records, for each thread of
 * interest, the innermost stack frame (and whether the thread was runnable), then prints the most frequent frames
 * per thread. Enough to see which pipeline stage is the bottleneck; not a substitute for a real profiler.
 */
final class StackSampler implements AutoCloseable {
    private final Set<String> threadNames;
    private final Map<String, Map<String, Integer>> counts = new TreeMap<>();
    private final Map<String, Integer> totals = new HashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    StackSampler(Set<String> threadNames, long periodMillis) {
        this.threadNames = threadNames;
        this.sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "stack-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            String name = e.getKey().getName();
            if (!threadNames.contains(name)) {
                continue;
            }
            StackTraceElement[] st = e.getValue();
            String top = st.length == 0 ? "(no Java frame)" : frame(st);
            String state = e.getKey().getState() == Thread.State.RUNNABLE ? "" : " [" + e.getKey().getState() + "]";
            synchronized (counts) {
                counts.computeIfAbsent(name, k -> new HashMap<>()).merge(top + state, 1, Integer::sum);
                totals.merge(name, 1, Integer::sum);
            }
        }
    }

    /** The innermost frame, with the first project frame under it when the innermost is a library's. */
    private static String frame(StackTraceElement[] st) {
        String inner = st[0].getClassName() + "." + st[0].getMethodName();
        if (st[0].getClassName().startsWith("io.github.video2gif")) {
            return inner;
        }
        for (StackTraceElement f : st) {
            if (f.getClassName().startsWith("io.github.video2gif")) {
                return inner + " < " + f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "."
                        + f.getMethodName();
            }
        }
        return inner;
    }

    /** Stops sampling and prints the {@code top} most frequent frames of each thread. */
    void print(int top) {
        close();
        synchronized (counts) {
            for (Map.Entry<String, Map<String, Integer>> t : counts.entrySet()) {
                int total = totals.get(t.getKey());
                System.out.printf(Locale.ROOT, "  thread %s (%d samples):%n", t.getKey(), total);
                List<Map.Entry<String, Integer>> sorted = t.getValue().entrySet().stream()
                        .sorted((a, b) -> b.getValue() - a.getValue()).limit(top).toList();
                for (Map.Entry<String, Integer> f : sorted) {
                    System.out.printf(Locale.ROOT, "    %5.1f %%  %s%n", 100.0 * f.getValue() / total, f.getKey());
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
