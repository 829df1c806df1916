package io.vigil.notifiers;

import io.vigil.alerting.testing.ManualClock;
import io.vigil.alerting.spi.NotificationRequest;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NotificationConfig;
import io.vigil.alerting.api.NotificationConfig.DeliveryPolicy;
import io.vigil.alerting.api.NotificationConfig.QuietHours;
import io.vigil.alerting.api.NotificationKind;
import io.vigil.alerting.api.NotificationPolicy;
import io.vigil.alerting.api.NotificationRecord;
import io.vigil.alerting.api.NotificationStatus;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.spi.AlertMessage;
import io.vigil.alerting.spi.DeliveryResult;
import io.vigil.alerting.spi.Notification;
import io.vigil.alerting.spi.NotificationQuery;
import io.vigil.alerting.spi.Notifier;
import io.vigil.alerting.store.InMemoryAlertStore;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing is lost, nothing is sent twice: whatever mix of successes, passing failures, rate limits,
 * permanent failures and exceptions the channels produce, under any policy, every planned
 * notification ends in exactly one terminal record and each record was delivered at most once.
 */
class DeliveryProperties {
    private static final List<String> REAL_CHANNELS = List.of("a", "b", "c");

    record Req(NotificationKind kind, Severity severity, int rule, List<String> channels, int recipients,
               String fallback, boolean sendResolved, int minutesLater) {
    }

    @Provide
    Arbitrary<Req> request() {
        return Combinators.combine(
                Arbitraries.of(NotificationKind.FIRING, NotificationKind.RESOLVED, NotificationKind.REMINDER,
                        NotificationKind.NO_DATA, NotificationKind.ESCALATION),
                Arbitraries.of(Severity.class),
                Arbitraries.integers().between(0, 2),
                Arbitraries.of("a", "b", "c", "ghost").list().uniqueElements().ofMinSize(1).ofMaxSize(3),
                Arbitraries.integers().between(0, 2),
                Arbitraries.of("", "a", "b", "c"),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 180)).as(Req::new);
    }

    @Provide
    Arbitrary<List<Req>> requests() {
        return request().list().ofMinSize(1).ofMaxSize(8);
    }

    /** Decides each attempt from the seed, the notification id and the attempt number: the same whatever the thread order. */
    static final class Chaos implements Notifier {
        private final String channel;
        private final long seed;
        private final ManualClock clock;
        final Map<String, AtomicInteger> attempts;
        final Map<String, Instant> lastAttempt;
        final Map<String, AtomicInteger> delivered;

        Chaos(String channel, long seed, ManualClock clock, Map<String, AtomicInteger> attempts,
              Map<String, Instant> lastAttempt, Map<String, AtomicInteger> delivered) {
            this.channel = channel;
            this.seed = seed;
            this.clock = clock;
            this.attempts = attempts;
            this.lastAttempt = lastAttempt;
            this.delivered = delivered;
        }

        @Override
        public String channel() {
            return channel;
        }

        @Override
        public DeliveryResult send(Notification n) {
            int attempt = attempts.computeIfAbsent(n.id(), k -> new AtomicInteger()).incrementAndGet();
            lastAttempt.put(n.id(), clock.instant());
            SplittableRandom r = new SplittableRandom(seed * 31 + n.id().hashCode() * 17L + attempt);
            int roll = r.nextInt(100);
            if (roll < 45) {
                delivered.computeIfAbsent(n.id(), k -> new AtomicInteger()).incrementAndGet();
                if (n.kind() == NotificationKind.DIGEST) {
                    for (String member : n.message().extra().get("notification_ids").split(",")) {
                        delivered.computeIfAbsent("in-digest:" + member, k -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return DeliveryResult.delivered("ok");
            }
            if (roll < 65) {
                return DeliveryResult.retryable("HTTP 503");
            }
            if (roll < 75) {
                return DeliveryResult.retryableAfter("HTTP 429", Duration.ofSeconds(r.nextInt(900)));
            }
            if (roll < 90) {
                return DeliveryResult.permanent("HTTP 404");
            }
            throw new IllegalStateException("chaos");
        }
    }

    @Property(tries = 150)
    void everyNotificationEndsInExactlyOneTerminalRecordAndIsDeliveredAtMostOnce(
            @ForAll("requests") List<Req> requests,
            @ForAll @IntRange(min = 0, max = 3) int maxRetry,
            @ForAll @IntRange(min = 0, max = 300) int retrySeconds,
            @ForAll @IntRange(min = 1, max = 90) int maxRetryMinutes,
            @ForAll boolean minInterval,
            @ForAll boolean quietHours,
            @ForAll boolean criticalBypasses,
            @ForAll @IntRange(min = 0, max = 8) int restartBefore,
            @ForAll long seed) throws Exception {
        ManualClock clock = ManualClock.at("2026-02-03T21:00:00Z");
        InMemoryAlertStore store = new InMemoryAlertStore();
        QuietHours quiet = quietHours
                ? new QuietHours(true, LocalTime.of(23, 0), LocalTime.of(7, 0), ZoneId.of("UTC"), criticalBypasses) : null;
        NotificationConfig config = new NotificationConfig(null, null, Map.of(), new DeliveryPolicy(maxRetry,
                Duration.ofSeconds(retrySeconds), Duration.ofMinutes(maxRetryMinutes),
                minInterval ? Duration.ofMinutes(15) : Duration.ZERO, quiet));
        Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        Map<String, Instant> lastAttempt = new ConcurrentHashMap<>();
        AtomicInteger ids = new AtomicInteger();
        List<Notifier> chaos = new ArrayList<>();
        REAL_CHANNELS.forEach(c -> chaos.add(new Chaos(c, seed, clock, attempts, lastAttempt, delivered)));

        Map<String, Integer> plannedPerRequest = new HashMap<>();
        List<NotificationRecord> submitted = new ArrayList<>();
        java.util.function.Supplier<NotificationDispatcher> start = () -> NotificationDispatcher.builder(store)
                .clock(clock).config(config).notifiers(chaos).ids(() -> "q" + ids.incrementAndGet())
                .random(new SplittableRandom(seed)).build();
        NotificationDispatcher d = start.get();
        try {
            for (int i = 0; i < requests.size(); i++) {
                Req req = requests.get(i);
                runUntil(clock.instant().plus(Duration.ofMinutes(req.minutesLater())), d, store, clock);
                if (i == restartBefore) {
                    d.close(); // a restart: all in-process memory is gone, the store remains
                    d = start.get();
                }
                NotificationPolicy policy = policy(req);
                List<NotificationRecord> written = d.submit(new NotificationRequest(req.kind(), message(req, clock.instant()),
                        policy, null, List.of()));
                submitted.addAll(written);
                int planned = planned(req);
                assertThat(written).hasSize(planned);
                if (!written.isEmpty()) {
                    plannedPerRequest.put(Records.requestId(written.get(0).id()), planned);
                }
                d.pump().get(10, TimeUnit.SECONDS);
            }
            runUntil(clock.instant().plus(Duration.ofDays(3)), d, store, clock);
        } finally {
            d.close();
        }

        List<NotificationRecord> all = store.findNotifications(NotificationQuery.all()).items();
        Map<String, NotificationRecord> byId = new HashMap<>();
        all.forEach(r -> assertThat(byId.put(r.id(), r)).as("duplicate id %s", r.id()).isNull());

        // Nothing lost: everything submit() wrote is still there, and everything ended.
        for (NotificationRecord s : submitted) {
            assertThat(byId).containsKey(s.id());
        }
        assertThat(all).allSatisfy(r -> assertThat(r.status()).as(r.id() + " " + r.error()).isIn(
                NotificationStatus.SENT, NotificationStatus.FAILED));

        // Only the records the pipeline makes exist: the planned ones, digests and fallbacks.
        for (NotificationRecord r : all) {
            String request = Records.requestId(r.id());
            if (r.kind() == NotificationKind.DIGEST) {
                assertThat(r.id()).endsWith(".digest");
            } else if (Records.isFallback(r.id())) {
                assertThat(plannedPerRequest).containsKey(request);
                assertThat(all).anyMatch(p -> Records.requestId(p.id()).equals(request) && !Records.isFallback(p.id())
                        && p.status() == NotificationStatus.FAILED && !p.error().startsWith("suppressed"));
            } else {
                int index = Integer.parseInt(r.id().substring(request.length() + 1));
                assertThat(index).isLessThan(plannedPerRequest.get(request));
            }
        }
        assertThat(all.stream().filter(r -> r.kind() != NotificationKind.DIGEST && !Records.isFallback(r.id())).count())
                .isEqualTo(plannedPerRequest.values().stream().mapToInt(Integer::intValue).sum());

        // Nothing sent twice, nothing claimed sent that was not, nothing sent that was claimed failed.
        Set<String> heldIds = new HashSet<>();
        submitted.stream().filter(r -> r.error() != null && r.error().startsWith("held:")).forEach(r -> heldIds.add(r.id()));
        for (NotificationRecord r : all) {
            int times = delivered.getOrDefault(r.id(), new AtomicInteger()).get();
            if (heldIds.contains(r.id())) {
                assertThat(times).as("held %s goes out in a digest", r.id()).isZero();
                int inDigests = delivered.getOrDefault("in-digest:" + r.id(), new AtomicInteger()).get();
                assertThat(inDigests).as("delivered digests holding %s (%s)", r.id(), r.status())
                        .isEqualTo(r.status() == NotificationStatus.SENT ? 1 : 0);
            } else {
                assertThat(times).as("deliveries of %s (%s)", r.id(), r.status())
                        .isEqualTo(r.status() == NotificationStatus.SENT ? 1 : 0);
            }
        }
        assertThat(byId.keySet()).containsAll(delivered.keySet().stream().filter(k -> !k.startsWith("in-digest:")).toList());

        // Retries are bounded in number and in time.
        for (NotificationRecord r : all) {
            assertThat(r.retryCount()).isLessThanOrEqualTo(maxRetry);
            assertThat(attempts.getOrDefault(r.id(), new AtomicInteger()).get()).isLessThanOrEqualTo(maxRetry + 1);
            Instant last = lastAttempt.get(r.id());
            if (last != null) {
                assertThat(last).isBeforeOrEqualTo(r.createdAt().plus(Duration.ofMinutes(maxRetryMinutes)));
            }
        }
    }

    /**
     * Plays the background scan: time moves from due attempt to due attempt up to {@code end}, with
     * a scan at each, as {@link NotificationDispatcher#start} would do.
     */
    private static void runUntil(Instant end, NotificationDispatcher d, InMemoryAlertStore store, ManualClock clock)
            throws Exception {
        for (int i = 0; i < 1000; i++) {
            d.pump().get(10, TimeUnit.SECONDS);
            List<NotificationRecord> pending = store.findNotifications(new NotificationQuery(null, null, null,
                    NotificationStatus.PENDING, null, null, null)).items();
            if (pending.isEmpty()) {
                clock.set(end);
                return;
            }
            Instant next = Collections.min(pending.stream().map(NotificationRecord::nextAttemptAt).toList());
            if (next.isAfter(end)) {
                clock.set(end);
                return;
            }
            if (next.isAfter(clock.instant())) {
                clock.set(next);
            }
        }
        throw new AssertionError("the dispatcher kept finding due work: " + store.findNotifications(new NotificationQuery(null, null, null, NotificationStatus.PENDING, null, null, null)).items() + " now " + clock.instant());
    }

    private static NotificationPolicy policy(Req req) {
        NotificationPolicy.Builder b = NotificationPolicy.builder().channels(req.channels()).sendResolved(req.sendResolved());
        for (String c : req.channels()) {
            List<String> recipients = new ArrayList<>();
            for (int i = 0; i < req.recipients(); i++) {
                recipients.add(c + "-user" + i);
            }
            b.settings(c, ChannelSettings.defaults().withRecipients(recipients));
        }
        if (!req.fallback().isEmpty()) {
            b.fallbackChannel(req.fallback());
            b.settings(req.fallback(), ChannelSettings.defaults().withRecipients(
                    req.channels().contains(req.fallback()) ? List.of() : List.of("fallback-user")));
            for (String c : req.channels()) {
                if (c.equals(req.fallback())) {
                    b.settings(c, ChannelSettings.defaults().withRecipients(recipientsOf(c, req.recipients())));
                }
            }
        }
        return b.build();
    }

    private static List<String> recipientsOf(String channel, int n) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(channel + "-user" + i);
        }
        return list;
    }

    /** The records a request must produce, computed independently of the dispatcher. */
    private static int planned(Req req) {
        if (req.kind() == NotificationKind.RESOLVED && !req.sendResolved()) {
            return 0;
        }
        return req.channels().size() * Math.max(1, req.recipients());
    }

    private static AlertMessage message(Req req, Instant now) {
        return new AlertMessage("alert-" + req.rule(), "rule-" + req.rule(), "rule " + req.rule(), null, req.severity(),
                "m", 1.0, "0", "m > 0", Labels.of("host", "h" + req.rule()), now.minusSeconds(60),
                req.kind() == NotificationKind.RESOLVED ? now : null, null,
                req.kind() == NotificationKind.ESCALATION ? 1 : 0, null, Map.of());
    }
}
