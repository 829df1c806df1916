package io.vigil.benchmarks;

/**
 * The comparison point: W1's rule written by hand for W1's data and nothing else. Flat primitive
 * arrays per series (a 32-slot ring of times and values, a running sum), the hold time and the
 * 5-minute cooldown floor inline, no rule index, no labels, no generality. Counts firings.
 */
final class HandWrittenLoop {
    private static final int SLOTS = 32;
    private static final long WINDOW = 300_000;
    private static final long HOLD = 60_000;
    private static final long COOLDOWN = 300_000;
    private static final long NONE = Long.MIN_VALUE;

    private final long[] times;
    private final double[] values;
    private final int[] head;
    private final int[] count;
    private final double[] sum;
    private final long[] pendingSince;
    private final long[] lastFired;
    private final boolean[] firing;
    long firings;
    long resolutions;

    HandWrittenLoop(int series) {
        times = new long[series * SLOTS];
        values = new double[series * SLOTS];
        head = new int[series];
        count = new int[series];
        sum = new double[series];
        pendingSince = new long[series];
        lastFired = new long[series];
        firing = new boolean[series];
        java.util.Arrays.fill(pendingSince, NONE);
        java.util.Arrays.fill(lastFired, NONE);
    }

    void record(int s, long t, double v) {
        int base = s * SLOTS;
        int h = head[s];
        int n = count[s];
        double total = sum[s];
        while (n > 0 && times[base + h] <= t - WINDOW) {
            total -= values[base + h];
            h = (h + 1) & (SLOTS - 1);
            n--;
        }
        int slot = base + ((h + n) & (SLOTS - 1));
        times[slot] = t;
        values[slot] = v;
        n++;
        total += v;
        head[s] = h;
        count[s] = n;
        sum[s] = total;
        if (total / n >= 80) {
            long since = pendingSince[s];
            if (since == NONE) {
                pendingSince[s] = since = t;
            }
            if (!firing[s] && t - since >= HOLD && (lastFired[s] == NONE || t >= lastFired[s] + COOLDOWN)) {
                firing[s] = true;
                lastFired[s] = t;
                firings++;
            }
        } else {
            pendingSince[s] = NONE;
            if (firing[s]) {
                firing[s] = false;
                resolutions++;
            }
        }
    }
}
