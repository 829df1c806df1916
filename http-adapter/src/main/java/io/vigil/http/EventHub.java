package io.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.runtime.AlertListener;
import io.vigil.alerting.runtime.RuleEvent;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Server-Sent Events for {@code GET /api/v1/alerts/events}: hears Vigil's record and rule changes,
 * numbers them, keeps the last few for {@code Last-Event-ID} resumption and writes them to every
 * open stream.
 *
 * <p>Publishing never blocks Vigil's threads: each stream has its own bounded queue, drained by a
 * small writer pool one stream at a time (so events reach a stream in order); a stream that falls
 * more than {@link #MAX_QUEUED} events behind is closed, and its client resumes with
 * {@code Last-Event-ID}. Numbering, buffering and registering a new stream happen under one lock,
 * so a resumed stream sees every later event exactly once.
 */
final class EventHub implements AlertListener, AutoCloseable {
    static final int MAX_QUEUED = 10_000;
    private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    /** One numbered event, already in wire form. */
    record Event(long id, String type, byte[] wire) {
    }

    private final Object lock = new Object();
    private final ArrayDeque<Event> replay = new ArrayDeque<>();
    private final int replayCapacity;
    private final int maxStreams;
    private final Clock clock;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final ExecutorService writers;
    private final ScheduledExecutorService keepAlives;
    private long nextId = 1;
    private boolean closed;

    EventHub(int replayCapacity, int maxStreams, Duration keepAlive, Clock clock) {
        this.replayCapacity = replayCapacity;
        this.maxStreams = maxStreams;
        this.clock = clock;
        this.writers = Executors.newFixedThreadPool(2, daemon("vigil-sse-writer"));
        this.keepAlives = Executors.newSingleThreadScheduledExecutor(daemon("vigil-sse-keepalive"));
        long period = keepAlive.toMillis();
        keepAlives.scheduleAtFixedRate(this::keepAlive, period, period, TimeUnit.MILLISECONDS);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // ---- Vigil's changes --------------------------------------------------------------------

    @Override
    public void recordCreated(AlertRecord record) {
        publish("record_created", RecordJson.v1(record));
        publish("threshold_exceeded", thresholdExceeded(record));
    }

    @Override
    public void recordUpdated(AlertRecord record) {
        publish("record_updated", RecordJson.v1(record));
    }

    @Override
    public void recordResolved(AlertRecord record) {
        publish("record_resolved", RecordJson.v1(record));
    }

    @Override
    public void ruleChanged(RuleEvent event) {
        ObjectNode o = Json.object();
        o.put("kind", event.kind().name().toLowerCase(Locale.ROOT));
        o.put("ruleId", event.rule().id());
        o.put("ruleName", event.rule().name());
        o.put("enabled", event.rule().enabled());
        o.put("actor", event.actor().id());
        o.put("at", event.at().toString());
        publish("rule_changed", o);
    }

    /** Seed 004's {@code threshold_exceeded} event. */
    static ObjectNode thresholdExceeded(AlertRecord r) {
        ObjectNode o = Json.object();
        o.put("type", "threshold_exceeded");
        StringBuilder message = new StringBuilder(r.ruleName());
        if (r.condition() != null) {
            message.append(": ").append(r.condition());
        }
        if (r.triggerValue() != null) {
            message.append(" (value ").append(Json.number(r.triggerValue()).asText()).append(')');
        }
        o.put("message", message.toString());
        o.set("current_value", Json.number(r.triggerValue()));
        o.set("threshold", RuleJson.thresholdValue(r.threshold()));
        o.put("severity", r.severity().wireName());
        o.put("metric", r.metric());
        o.put("alert_id", r.id());
        o.put("rule_id", r.ruleId());
        o.put("rule_name", r.ruleName());
        ObjectNode labels = o.putObject("labels");
        r.labels().asMap().forEach(labels::put);
        o.put("timestamp", r.triggeredAt().toString());
        return o;
    }

    void publish(String type, JsonNode data) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            long id = nextId++;
            Event event = new Event(id, type, ("id: " + id + "\nevent: " + type + "\ndata: " + Json.writeString(data) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8));
            replay.addLast(event);
            while (replay.size() > replayCapacity) {
                replay.removeFirst();
            }
            for (Stream s : streams) {
                s.enqueue(event.wire());
            }
        }
    }

    /** Writes a keep-alive comment to every stream (the scheduler calls this; tests may too). */
    void keepAlive() {
        // Under the lock, so that a stream whose opening frames were already queued is registered
        // and gets this keep-alive too (opening queues its frames and registers in one locked step).
        synchronized (lock) {
            for (Stream s : streams) {
                s.enqueue(KEEP_ALIVE);
            }
        }
    }

    int openStreams() {
        // Under the lock for the same reason as keepAlive(): a stream whose first frame a client has
        // already read may still be finishing its registration inside open().
        synchronized (lock) {
            return streams.size();
        }
    }

    /** The id of the newest event, 0 when none was published. */
    long lastEventId() {
        synchronized (lock) {
            return nextId - 1;
        }
    }

    // ---- streams ----------------------------------------------------------------------------

    /**
     * Starts a stream on {@code exchange}: answers 200 {@code text/event-stream}, replays the
     * buffered events after {@code lastEventId} (or says with a {@code resync} event that some were
     * lost), then sends each new event. The exchange stays open until the client leaves or the
     * server stops.
     */
    void open(HttpExchange exchange, Long lastEventId) throws IOException {
        synchronized (lock) {
            if (closed) {
                throw new ApiException(ApiError.UNAVAILABLE, "the server is stopping");
            }
            if (streams.size() >= maxStreams) {
                throw new ApiException(ApiError.UNAVAILABLE, "too many open event streams; try again later",
                        List.of(), Map.of("Retry-After", "5"));
            }
        }
        // the answer's head goes out before the lock is taken, so no socket write ever holds up publishing
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
        exchange.sendResponseHeaders(200, 0);
        Stream stream = new Stream(exchange);
        synchronized (lock) {
            if (closed) {
                stream.close();
                return;
            }
            stream.enqueue("retry: 3000\n\n".getBytes(StandardCharsets.UTF_8));
            if (lastEventId != null) {
                Event oldest = replay.peekFirst();
                long firstKept = oldest == null ? nextId : oldest.id();
                if (lastEventId + 1 < firstKept && lastEventId < nextId - 1) {
                    ObjectNode gap = Json.object();
                    gap.put("reason", "events after " + lastEventId + " are no longer buffered; reload the state");
                    gap.put("oldestAvailable", firstKept);
                    gap.put("at", clock.instant().toString());
                    stream.enqueue(("event: resync\ndata: " + Json.writeString(gap) + "\n\n").getBytes(StandardCharsets.UTF_8));
                }
                for (Event e : replay) {
                    if (e.id() > lastEventId) {
                        stream.enqueue(e.wire());
                    }
                }
            }
            if (!stream.isDone()) {
                streams.add(stream);
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        keepAlives.shutdownNow();
        for (Stream s : streams) {
            s.close();
        }
        writers.shutdown();
        try {
            writers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writers.shutdownNow();
    }

    /** One client's stream: its queue of unsent chunks, drained by at most one writer at a time. */
    private final class Stream {
        private final HttpExchange exchange;
        private final OutputStream out;
        private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
        private boolean draining;
        private boolean done;
        private boolean exchangeClosed;

        Stream(HttpExchange exchange) {
            this.exchange = exchange;
            this.out = exchange.getResponseBody();
        }

        void enqueue(byte[] chunk) {
            boolean start = false;
            boolean overflowIdle = false;
            synchronized (this) {
                if (done) {
                    return;
                }
                if (queue.size() >= MAX_QUEUED) {
                    // far behind: drop the stream rather than grow without bound; the client resumes by id
                    done = true;
                    queue.clear();
                    overflowIdle = !draining;
                } else {
                    queue.addLast(chunk);
                    start = !draining;
                    draining = true;
                }
            }
            if (overflowIdle) {
                close();
            } else if (start) {
                try {
                    writers.execute(this::drain);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    close();
                }
            }
        }

        private void drain() {
            while (true) {
                byte[] chunk;
                synchronized (this) {
                    chunk = queue.pollFirst();
                    if (chunk == null || done) {
                        draining = false;
                        if (done) {
                            break;
                        }
                        return;
                    }
                }
                try {
                    out.write(chunk);
                    out.flush();
                } catch (IOException | RuntimeException e) {
                    break; // the client left
                }
            }
            close();
        }

        synchronized boolean isDone() {
            return done;
        }

        void close() {
            boolean first;
            synchronized (this) {
                first = !exchangeClosed;
                exchangeClosed = true;
                done = true;
                queue.clear();
            }
            streams.remove(this);
            if (first) {
                try {
                    exchange.close();
                } catch (RuntimeException ignored) {
                    // already closed by the server's shutdown
                }
            }
        }
    }
}
