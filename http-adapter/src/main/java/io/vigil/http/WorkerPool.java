package io.vigil.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's bounded executor: a fixed number of workers and a bounded queue. When both are
 * full the exchange still runs, on the accepting thread, but flagged as shed, and the dispatcher
 * answers it with an immediate 503 instead of doing its work, so overload costs a few
 * microseconds per request and never an unbounded queue or a dropped connection.
 */
final class WorkerPool implements Executor {
    private static final ThreadLocal<Boolean> SHED = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final ThreadPoolExecutor pool;

    WorkerPool(int threads, int queueCapacity) {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity),
                r -> {
                    Thread t = new Thread(r, "vigil-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public void execute(Runnable exchange) {
        try {
            pool.execute(exchange);
        } catch (RejectedExecutionException e) {
            SHED.set(Boolean.TRUE);
            try {
                exchange.run();
            } finally {
                SHED.set(Boolean.FALSE);
            }
        }
    }

    /** Whether the exchange running on this thread was shed for overload. */
    static boolean isShed() {
        return SHED.get();
    }

    /** Requests waiting for a worker. */
    int queued() {
        return pool.getQueue().size();
    }

    void shutdown(long timeoutMillis) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
