package dev.spinel.ops.monitor;

import java.util.ArrayList;
import java.util.List;

/** A fixed number of (time, value) points; the oldest is overwritten. Not thread-safe: {@link SeriesStore} guards it. */
final class Ring {
    private final long[] times;
    private final double[] values;
    private int next;
    private int size;

    Ring(int capacity) {
        times = new long[capacity];
        values = new double[capacity];
    }

    void add(long epochMillis, double value) {
        times[next] = epochMillis;
        values[next] = value;
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
    }

    /** Points at or after {@code sinceMillis}, oldest first. */
    List<SeriesStore.Point> since(long sinceMillis) {
        List<SeriesStore.Point> points = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int index = (next - size + i + times.length) % times.length;
            if (times[index] >= sinceMillis) {
                points.add(new SeriesStore.Point(times[index], values[index]));
            }
        }
        return points;
    }
}
