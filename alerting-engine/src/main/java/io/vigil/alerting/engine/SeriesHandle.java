package io.vigil.alerting.engine;

import io.vigil.alerting.api.Labels;

/**
 * One series (metric and labels), resolved once with {@link Evaluator#series} and then fed with
 * {@link Evaluator#record}: the hot path that neither hashes labels nor allocates.
 *
 * <p>Inside, it keeps its recent samples in one primitive ring (time and value interleaved, so
 * that a sample's time and value share a cache line), enough for the longest window any rule reads
 * from it, plus one {@link WindowView} per distinct window length with running aggregates, and
 * the bindings to the rule instances it feeds. A handle belongs to the evaluator that made it.
 */
public final class SeriesHandle {
    private static final long[] NO_RING = new long[0];
    static final WindowView[] NO_VIEWS = new WindowView[0];
    static final Binding[] NO_BINDINGS = new Binding[0];

    final String metric;
    final Labels labels;

    long newestTime = Long.MIN_VALUE;
    double newestValue = Double.NaN;
    String newestState;
    /** The instant the windows reflect: the newest sample, or a later instant the evaluator advanced to. */
    long clock = Long.MIN_VALUE;

    /** Ring of samples: slot {@code i} holds time at {@code 2i} and value bits at {@code 2i + 1}. */
    long[] ring = NO_RING;
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
        return ring[((int) seq & mask) << 1];
    }

    double valueAt(long seq) {
        return Double.longBitsToDouble(ring[(((int) seq & mask) << 1) + 1]);
    }

    int size() {
        return (int) (nextSeq - firstSeq);
    }

    void append(long t, double v) {
        if (nextSeq - firstSeq == ring.length >> 1) {
            grow();
        }
        int slot = ((int) nextSeq & mask) << 1;
        ring[slot] = t;
        ring[slot + 1] = Double.doubleToRawLongBits(v);
        long seq = nextSeq++;
        for (WindowView view : views) {
            view.added(seq, v);
        }
    }

    private void grow() {
        int capacity = Math.max(8, ring.length); // slots double: ring.length is 2 * slots
        long[] bigger = new long[capacity * 2];
        int newMask = capacity - 1;
        for (long s = firstSeq; s < nextSeq; s++) {
            int from = ((int) s & mask) << 1;
            int to = ((int) s & newMask) << 1;
            bigger[to] = ring[from];
            bigger[to + 1] = ring[from + 1];
        }
        ring = bigger;
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
            ring[(((int) seq & mask) << 1) + 1] = Double.doubleToRawLongBits(v);
            return;
        }
        if (nextSeq - firstSeq == ring.length >> 1) {
            grow();
        }
        for (long s = nextSeq; s > seq + 1; s--) {
            int to = ((int) s & mask) << 1;
            int from = ((int) (s - 1) & mask) << 1;
            ring[to] = ring[from];
            ring[to + 1] = ring[from + 1];
        }
        int slot = ((int) (seq + 1) & mask) << 1;
        ring[slot] = t;
        ring[slot + 1] = Double.doubleToRawLongBits(v);
        nextSeq++;
    }

    /** Recomputes every view's window at instant {@code at} and drops what no window needs. */
    void rebuildViews(long at) {
        if (views.length == 0) {
            ring = NO_RING;
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
