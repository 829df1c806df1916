package io.vigil.alerting.engine;

import io.vigil.alerting.api.Labels;

/**
 * One series (metric and labels), resolved once with {@link Evaluator#series} and then fed with
 * {@link Evaluator#record}: the hot path that neither hashes labels nor allocates.
 *
 * <p>Inside, it keeps its recent samples in a primitive ring, enough for the longest window any
 * rule reads from it, plus one {@link WindowView} per distinct window length with running aggregates, and
 * the bindings to the rule instances it feeds. A handle belongs to the evaluator that made it.
 */
public final class SeriesHandle {
    private static final int[] NO_TIMES = new int[0];
    private static final double[] NO_VALUES = new double[0];
    static final WindowView[] NO_VIEWS = new WindowView[0];
    static final Binding[] NO_BINDINGS = new Binding[0];

    final String metric;
    final Labels labels;

    long newestTime = Long.MIN_VALUE;
    double newestValue = Double.NaN;
    String newestState;
    /** The instant the windows reflect: the newest sample, or a later instant the evaluator advanced to. */
    long clock = Long.MIN_VALUE;

    /**
     * Ring of samples: times as int offsets from {@link #timeBase} (4 bytes instead of 8 per
     * sample: the ring is most of a series' memory) and values.
     */
    long timeBase;
    int[] times = NO_TIMES;
    double[] values = NO_VALUES;
    int mask = -1;
    /** Sequence numbers: samples {@code [firstSeq, nextSeq)} are retained, sample {@code s} in slot {@code s & mask}. */
    long firstSeq;
    long nextSeq;

    /** Views by ascending window length: the last one has the longest window and retains the most. */
    WindowView[] views = NO_VIEWS;
    /** Grouped by instance, so that an instance settles once after all its bindings on this series. */
    Binding[] bindings = NO_BINDINGS;
    /**
     * The common case without the arrays' indirection: the only view and the only binding when
     * there is exactly one, else {@code null}. Saves two cache misses per sample.
     */
    WindowView onlyView;
    Binding onlyBinding;
    boolean bound;

    void setUp(WindowView[] newViews, Binding[] newBindings) {
        views = newViews;
        bindings = newBindings;
        onlyView = newViews.length == 1 ? newViews[0] : null;
        onlyBinding = newBindings.length == 1 ? newBindings[0] : null;
        bound = newBindings.length != 0;
    }

    SeriesHandle(String metric, Labels labels) {
        this.metric = metric;
        this.labels = labels;
    }

    /** The canonical metric name. */
    public String metric() {
        return metric;
    }

    public Labels labels() {
        return labels;
    }

    @Override
    public String toString() {
        return metric + labels;
    }

    // ---------------------------------------------------------------- ring

    long timeAt(long seq) {
        return timeBase + times[(int) seq & mask];
    }

    double valueAt(long seq) {
        return values[(int) seq & mask];
    }

    void append(long t, double v) {
        long seq = appendToRing(t, v);
        for (WindowView view : views) {
            view.added(seq, v);
        }
    }

    /** Writes a sample at the ring's end and returns its sequence number; kept small so that it inlines. */
    long appendToRing(long t, double v) {
        if (nextSeq - firstSeq == times.length) {
            grow();
        }
        long offset = t - timeBase;
        if ((int) offset != offset) {
            rebase(t);
            offset = t - timeBase;
        }
        int slot = (int) nextSeq & mask;
        times[slot] = (int) offset;
        values[slot] = v;
        return nextSeq++;
    }

    /**
     * Moves the time base to the oldest retained sample (or {@code t} when none is retained), so
     * that offsets fit an int again. Windows are shorter than 2^31 ms, so retained samples always
     * fit after a rebase.
     */
    private void rebase(long t) {
        long base = firstSeq < nextSeq ? Math.min(timeAt(firstSeq), t) : t;
        for (long s = firstSeq; s < nextSeq; s++) {
            int slot = (int) s & mask;
            times[slot] = (int) (timeBase + times[slot] - base);
        }
        timeBase = base;
    }

    private void grow() {
        int capacity = Math.max(8, times.length * 2);
        int[] biggerTimes = new int[capacity];
        double[] biggerValues = new double[capacity];
        int newMask = capacity - 1;
        for (long s = firstSeq; s < nextSeq; s++) {
            biggerTimes[(int) s & newMask] = times[(int) s & mask];
            biggerValues[(int) s & newMask] = values[(int) s & mask];
        }
        times = biggerTimes;
        values = biggerValues;
        mask = newMask;
    }

    /** The earliest instant at which a sample leaves one of the windows. */
    long nextExpiry() {
        long e = Long.MAX_VALUE;
        for (WindowView view : views) {
            e = Math.min(e, view.nextExpiry());
        }
        return e;
    }

    /** Drops from every window the samples that are out of it at instant {@code t}: those at or before {@code t - w}. */
    void evictUpTo(long t) {
        WindowView[] vs = views;
        for (WindowView view : vs) {
            while (view.nextExpiry() <= t) {
                view.evictOldest();
            }
        }
        firstSeq = vs[vs.length - 1].startSeq;
    }

    /**
     * Inserts a sample older than the newest, keeping the ring in time order, or replaces the
     * value of a retained sample with the same time. The caller rebuilds the views afterwards.
     */
    void insertOrReplace(long t, double v) {
        long seq = nextSeq - 1;
        while (seq >= firstSeq && timeAt(seq) > t) {
            seq--;
        }
        if (seq >= firstSeq && timeAt(seq) == t) {
            values[(int) seq & mask] = v;
            return;
        }
        if (nextSeq - firstSeq == times.length) {
            grow();
        }
        if ((int) (t - timeBase) != t - timeBase) {
            rebase(t);
        }
        for (long s = nextSeq; s > seq + 1; s--) {
            times[(int) s & mask] = times[(int) (s - 1) & mask];
            values[(int) s & mask] = values[(int) (s - 1) & mask];
        }
        times[(int) (seq + 1) & mask] = (int) (t - timeBase);
        values[(int) (seq + 1) & mask] = v;
        nextSeq++;
    }

    /** Recomputes every view's window at instant {@code at} and drops what no window needs. */
    void rebuildViews(long at) {
        if (views.length == 0) {
            times = NO_TIMES;
            values = NO_VALUES;
            mask = -1;
            firstSeq = nextSeq;
            return;
        }
        for (WindowView view : views) {
            view.rebuild(at);
        }
        firstSeq = views[views.length - 1].startSeq;
    }
}
