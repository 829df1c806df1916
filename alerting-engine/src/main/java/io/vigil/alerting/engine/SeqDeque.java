package io.vigil.alerting.engine;

/**
 * A monotonic deque of sample sequence numbers for sliding-window minimum or maximum: values
 * along the deque only rise (for minima) or fall (for maxima), so the front is the extreme and
 * each sample is pushed and popped at most once.
 */
final class SeqDeque {
    private long[] seqs = new long[8];
    private int head;
    private int size;

    long front() {
        return seqs[head];
    }

    void pushMin(long seq, double v, SeriesHandle series) {
        while (size > 0 && series.valueAt(back()) >= v) {
            size--;
        }
        push(seq);
    }

    void pushMax(long seq, double v, SeriesHandle series) {
        while (size > 0 && series.valueAt(back()) <= v) {
            size--;
        }
        push(seq);
    }

    /** Removes {@code seq} if it is at the front: called as sample {@code seq} leaves the window. */
    void dropFront(long seq) {
        if (size > 0 && seqs[head] == seq) {
            head = (head + 1) & (seqs.length - 1);
            size--;
        }
    }

    private long back() {
        return seqs[(head + size - 1) & (seqs.length - 1)];
    }

    private void push(long seq) {
        if (size == seqs.length) {
            long[] bigger = new long[seqs.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = seqs[(head + i) & (seqs.length - 1)];
            }
            seqs = bigger;
            head = 0;
        }
        seqs[(head + size) & (seqs.length - 1)] = seq;
        size++;
    }
}
