package io.vigil.notifiers;

import io.vigil.alerting.spi.DeliveryResult;
import io.vigil.alerting.spi.Notification;
import io.vigil.alerting.spi.Notifier;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-process channel for dispatcher tests: answers from a script (then a default), remembers
 * every call, can be held at a gate to play a slow peer, and counts concurrent sends.
 */
final class ScriptedNotifier implements Notifier {
    private final String channel;
    private final Deque<Function<Notification, DeliveryResult>> script = new ArrayDeque<>();
    private Function<Notification, DeliveryResult> otherwise = n -> DeliveryResult.delivered("ok");
    private final List<Notification> calls = new ArrayList<>();
    private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private volatile CountDownLatch gate;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final CountDownLatch entered;
    volatile boolean closed;

    ScriptedNotifier(String channel) {
        this(channel, 0);
    }

    ScriptedNotifier(String channel, int expectedEntries) {
        this.channel = channel;
        this.entered = new CountDownLatch(expectedEntries);
    }

    /** The next calls answer these results, in order. */
    synchronized ScriptedNotifier then(DeliveryResult... results) {
        for (DeliveryResult r : results) {
            script.add(n -> r);
        }
        return this;
    }

    synchronized ScriptedNotifier then(Function<Notification, DeliveryResult> step) {
        script.add(step);
        return this;
    }

    /** What calls answer once the script is used up. */
    synchronized ScriptedNotifier otherwise(Function<Notification, DeliveryResult> answer) {
        this.otherwise = answer;
        return this;
    }

    /** Sends wait until {@link #open()}. */
    ScriptedNotifier closedGate() {
        gate = new CountDownLatch(1);
        return this;
    }

    void open() {
        gate.countDown();
    }

    boolean awaitEntries(long seconds) throws InterruptedException {
        return entered.await(seconds, TimeUnit.SECONDS);
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public DeliveryResult send(Notification n) {
        int now = running.incrementAndGet();
        mostAtOnce.accumulateAndGet(now, Math::max);
        entered.countDown();
        try {
            CountDownLatch g = gate;
            if (g != null && !g.await(10, TimeUnit.SECONDS)) {
                return DeliveryResult.retryable("gate never opened");
            }
            Function<Notification, DeliveryResult> step;
            synchronized (this) {
                calls.add(n);
                step = script.isEmpty() ? otherwise : script.poll();
            }
            DeliveryResult result = step.apply(n);
            if (result.isDelivered()) {
                deliveries.computeIfAbsent(n.id(), k -> new AtomicInteger()).incrementAndGet();
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retryable("interrupted");
        } finally {
            running.decrementAndGet();
        }
    }

    synchronized List<Notification> calls() {
        return List.copyOf(calls);
    }

    synchronized List<String> recipients() {
        return calls.stream().map(Notification::recipient).toList();
    }

    int deliveriesOf(String notificationId) {
        AtomicInteger n = deliveries.get(notificationId);
        return n == null ? 0 : n.get();
    }

    int mostAtOnce() {
        return mostAtOnce.get();
    }

    @Override
    public void close() {
        closed = true;
    }
}
