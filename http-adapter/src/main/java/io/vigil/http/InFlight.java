package io.vigil.http;

/**
 * Counts requests being handled, so that a graceful stop can refuse new ones and wait for those
 * already running to finish.
 */
final class InFlight {
    private int running;
    private boolean stopping;

    /** Counts a request in; false once stopping (the request is answered 503). */
    synchronized boolean enter() {
        if (stopping) {
            return false;
        }
        running++;
        return true;
    }

    synchronized void exit() {
        running--;
        if (running == 0) {
            notifyAll();
        }
    }

    /** Refuses new requests and waits up to {@code timeoutMillis} for running ones; true if all finished. */
    synchronized boolean drain(long timeoutMillis) throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (running > 0) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    synchronized boolean stopping() {
        return stopping;
    }
}
