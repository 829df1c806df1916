package io.vigil.alerting.engine;

import io.vigil.alerting.api.Aggregation;

/**
 * The samples of one series within {@code (t - w, t]} for one window length {@code w}, with
 * running aggregates so that adding or evicting a sample costs O(1) amortised: sum and count are
 * updated in place, the counter increase for {@code rate} likewise, and min/max come from
 * monotonic deques of sequence numbers (kept only when a condition asks for them).
 */
final class WindowView {
    /** Running sums drift with every subtraction; recompute them exactly this often. */
    private static final int RESUM_PERIOD = 4096;

    final SeriesHandle series;
    final long windowMillis;
    /** The oldest sample in the window; the window holds {@code [startSeq, series.nextSeq)}. */
    long startSeq;
    private double sum;
    private double increase;
    private int evictionsSinceResum;

    boolean needMin;
    boolean needMax;
    boolean needRate;
    private SeqDeque minima;
    private SeqDeque maxima;
    /** Whether anything beyond sum and count is kept (rate, min, max): the hot path skips it otherwise. */
    private boolean tracksMore;

    WindowView(SeriesHandle series, long windowMillis) {
        this.series = series;
        this.windowMillis = windowMillis;
        this.startSeq = series.nextSeq;
    }

    int count() {
        return (int) (series.nextSeq - startSeq);
    }

    long nextExpiry() {
        return startSeq < series.nextSeq ? series.timeAt(startSeq) + windowMillis : Long.MAX_VALUE;
    }

    /** Takes in sample {@code seq}, already written to the ring. */
    void added(long seq, double v) {
        sum += v;
        if (tracksMore) {
            addToTrackers(seq, v);
        }
    }

    private void addToTrackers(long seq, double v) {
        if (needRate && seq > startSeq) {
            increase += increase(series.valueAt(seq - 1), v);
        }
        if (minima != null) {
            minima.pushMin(seq, v, series);
        }
        if (maxima != null) {
            maxima.pushMax(seq, v, series);
        }
    }

    void evictOldest() {
        long seq = startSeq++;
        if (startSeq == series.nextSeq) {
            sum = 0;
            increase = 0;
            evictionsSinceResum = 0;
        } else {
            double v = series.valueAt(seq);
            sum -= v;
            if (needRate) {
                increase -= increase(v, series.valueAt(startSeq));
            }
            if (++evictionsSinceResum >= RESUM_PERIOD) {
                resum();
            }
        }
        if (tracksMore) {
            evictFromTrackers(seq);
        }
    }

    private void evictFromTrackers(long seq) {
        if (minima != null) {
            minima.dropFront(seq);
        }
        if (maxima != null) {
            maxima.dropFront(seq);
        }
    }

    /** A counter's increase from {@code previous} to {@code next}; a drop is a reset, counting from zero. */
    static double increase(double previous, double next) {
        return next >= previous ? next - previous : next;
    }

    private static final int AVG = Aggregation.AVG.ordinal();
    private static final int MIN = Aggregation.MIN.ordinal();
    private static final int MAX = Aggregation.MAX.ordinal();
    private static final int SUM = Aggregation.SUM.ordinal();
    private static final int COUNT = Aggregation.COUNT.ordinal();
    private static final int RATE = Aggregation.RATE.ordinal();

    /** The aggregate for {@link Aggregation#ordinal() aggregation code} {@code code}; NaN for an empty window (count: 0). */
    double value(int code) {
        int n = count();
        if (code == AVG) {
            return n == 0 ? Double.NaN : sum / n;
        }
        if (code == COUNT) {
            return n;
        }
        if (n == 0) {
            return Double.NaN;
        }
        if (code == SUM) {
            return sum;
        }
        if (code == MIN) {
            return series.valueAt(minima.front());
        }
        if (code == MAX) {
            return series.valueAt(maxima.front());
        }
        if (code == RATE) {
            return n < 2 ? Double.NaN : rate(increase, series.timeAt(startSeq), series.timeAt(series.nextSeq - 1));
        }
        return series.valueAt(series.nextSeq - 1);
    }

    /** Per-second rate; shared with {@link #valueAt} so both compute the very same double. */
    static double rate(double increase, long firstTime, long lastTime) {
        return increase / ((lastTime - firstTime) / 1000.0);
    }

    /** Recomputes the window and every aggregate from the ring, as of instant {@code at}. */
    void rebuild(long at) {
        long seq = series.firstSeq;
        while (seq < series.nextSeq && series.timeAt(seq) <= at - windowMillis) {
            seq++;
        }
        startSeq = seq;
        minima = needMin ? new SeqDeque() : null;
        maxima = needMax ? new SeqDeque() : null;
        tracksMore = needRate || needMin || needMax;
        resum();
        for (long s = startSeq; s < series.nextSeq; s++) {
            double v = series.valueAt(s);
            if (minima != null) {
                minima.pushMin(s, v, series);
            }
            if (maxima != null) {
                maxima.pushMax(s, v, series);
            }
        }
    }

    private void resum() {
        double s = 0;
        double inc = 0;
        for (long q = startSeq; q < series.nextSeq; q++) {
            double v = series.valueAt(q);
            s += v;
            if (q > startSeq) {
                inc += increase(series.valueAt(q - 1), v);
            }
        }
        sum = s;
        increase = needRate ? inc : 0;
        evictionsSinceResum = 0;
    }

    /**
     * Aggregates the retained samples in {@code (at - w, at]} without changing anything, by
     * scanning: for {@link Evaluator#evaluate}, which may ask about any instant.
     */
    double valueAt(long at, Aggregation aggregation) {
        double s = 0;
        double inc = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int n = 0;
        long first = 0;
        long last = 0;
        double previous = 0;
        for (long q = series.firstSeq; q < series.nextSeq; q++) {
            long t = series.timeAt(q);
            if (t <= at - windowMillis || t > at) {
                continue;
            }
            double v = series.valueAt(q);
            if (n == 0) {
                first = t;
            } else {
                inc += increase(previous, v);
            }
            previous = v;
            last = t;
            s += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
            n++;
        }
        switch (aggregation) {
            case COUNT: return n;
            case SUM: return n == 0 ? Double.NaN : s;
            case AVG: return n == 0 ? Double.NaN : s / n;
            case MIN: return n == 0 ? Double.NaN : min;
            case MAX: return n == 0 ? Double.NaN : max;
            case RATE: return n < 2 ? Double.NaN : rate(inc, first, last);
            default: return n == 0 ? Double.NaN : previous;
        }
    }
}
