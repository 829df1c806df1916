package io.vigil.notifiers;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One bounded thread pool per channel. A channel's limit caps how many of its sends run at once
 * (SMTP servers and chat services throttle); separate pools mean a channel whose peer hangs until
 * its timeout only queues its own work, never another channel's.
 */
final class ChannelLanes {
    private final Map<String, Integer> limits;
    private final int defaultLimit;
    private final Map<String, ExecutorService> lanes = new ConcurrentHashMap<>();

    ChannelLanes(Map<String, Integer> limits, int defaultLimit) {
        this.limits = Map.copyOf(limits);
        this.defaultLimit = defaultLimit;
    }

    ExecutorService lane(String channel) {
        return lanes.computeIfAbsent(channel, this::newLane);
    }

    private ExecutorService newLane(String channel) {
        int threads = limits.getOrDefault(channel, defaultLimit);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("vigil-notify-" + channel));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops taking work, lets running sends finish for up to {@code grace}, then interrupts them. */
    void close(Duration grace) {
        lanes.values().forEach(ExecutorService::shutdown);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ExecutorService lane : lanes.values()) {
            try {
                if (!lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    lane.shutdownNow();
                }
            } catch (InterruptedException e) {
                lane.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
