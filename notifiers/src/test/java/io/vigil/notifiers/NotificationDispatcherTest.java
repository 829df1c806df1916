package io.vigil.notifiers;

import io.vigil.alerting.testing.ManualClock;
import io.vigil.alerting.spi.NotificationRequest;
import io.vigil.alerting.api.AlertRecord;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.Condition;
import io.vigil.alerting.api.EscalationLevel;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NotificationConfig;
import io.vigil.alerting.api.NotificationConfig.DeliveryPolicy;
import io.vigil.alerting.api.NotificationConfig.QuietHours;
import io.vigil.alerting.api.NotificationKind;
import io.vigil.alerting.api.NotificationPolicy;
import io.vigil.alerting.api.NotificationRecord;
import io.vigil.alerting.api.NotificationStatus;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.api.Threshold;
import io.vigil.alerting.spi.AlertMessage;
import io.vigil.alerting.spi.DeliveryResult;
import io.vigil.alerting.spi.Notification;
import io.vigil.alerting.spi.NotificationQuery;
import io.vigil.alerting.store.InMemoryAlertStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class NotificationDispatcherTest {
    private static final RandomGenerator NO_JITTER = () -> 0L;

    private final ManualClock clock = ManualClock.at("2026-02-03T12:30:00Z");
    private final InMemoryAlertStore store = new InMemoryAlertStore();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<NotificationDispatcher> dispatchers = new ArrayList<>();

    @AfterEach
    void closeAll() {
        dispatchers.forEach(NotificationDispatcher::close);
    }

    private static NotificationConfig config(int maxRetry, Duration interval, Duration maxRetryTime, Duration minInterval,
                                             QuietHours quiet) {
        return new NotificationConfig(null, null, Map.of(),
                new DeliveryPolicy(maxRetry, interval, maxRetryTime, minInterval, quiet));
    }

    private static NotificationConfig defaults() {
        return config(3, Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofMinutes(15), null);
    }

    private NotificationDispatcher dispatcher(NotificationConfig config, ScriptedNotifier... notifiers) {
        NotificationDispatcher d = NotificationDispatcher.builder(store).clock(clock).config(config)
                .notifiers(List.of(notifiers)).random(NO_JITTER).ids(() -> "r" + requests.incrementAndGet())
                .concurrency("slow", 1).build();
        dispatchers.add(d);
        return d;
    }

    private static NotificationRecord await(CompletableFuture<NotificationRecord> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private static void pump(NotificationDispatcher d) throws Exception {
        d.pump().get(10, TimeUnit.SECONDS);
    }

    private NotificationRecord stored(String id) {
        return store.findNotification(id).orElseThrow();
    }

    private List<NotificationRecord> all() {
        List<NotificationRecord> list = new ArrayList<>(store.findNotifications(NotificationQuery.all()).items());
        list.sort(Comparator.comparing(NotificationRecord::id));
        return list;
    }

    private static NotificationPolicy emailTo(String... recipients) {
        return NotificationPolicy.builder().channel("email", ChannelSettings.to(recipients)).build();
    }

    @Test
    void theRecordIsPendingBeforeTheFirstAttemptAndEndsSent() throws Exception {
        List<NotificationStatus> seenDuringSend = new ArrayList<>();
        ScriptedNotifier email = new ScriptedNotifier("email").otherwise(n -> {
            seenDuringSend.add(stored(n.id()).status());
            return DeliveryResult.delivered("250 ok");
        });
        NotificationDispatcher d = dispatcher(defaults(), email);

        List<NotificationRecord> written = d.submit(NotificationRequest.firing(Fixtures.cpuHigh(), emailTo("ops@example.com")));

        assertThat(written).hasSize(1);
        assertThat(written.get(0).status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(written.get(0).subject()).isEqualTo("[HIGH] CPU high is firing");
        assertThat(written.get(0).alertId()).isEqualTo("alert_001");
        assertThat(written.get(0).ruleId()).isEqualTo("rule_001");
        NotificationRecord done = await(d.outcome(written.get(0).id()));
        assertThat(seenDuringSend).containsExactly(NotificationStatus.PENDING);
        assertThat(done.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(done.sentAt()).isEqualTo(clock.instant());
        assertThat(done.retryCount()).isZero();
        assertThat(store.findRecord("alert_001")).isEmpty(); // the dispatcher writes notifications only
        assertThat(d.stats().sent()).isEqualTo(1);
    }

    @Test
    void submitReturnsWhileTheChannelIsStillBusy() throws Exception {
        ScriptedNotifier slow = new ScriptedNotifier("email", 1).closedGate();
        NotificationDispatcher d = dispatcher(defaults(), slow);

        List<NotificationRecord> written = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> d.submit(NotificationRequest.firing(Fixtures.cpuHigh(), emailTo("ops@example.com"))));

        assertThat(slow.awaitEntries(5)).isTrue();
        assertThat(stored(written.get(0).id()).status()).isEqualTo(NotificationStatus.PENDING);
        slow.open();
        assertThat(await(d.outcome(written.get(0).id())).status()).isEqualTo(NotificationStatus.SENT);
    }

    @Test
    void retriesBackOffExponentiallyThenFailWithTheLastError() throws Exception {
        ScriptedNotifier email = new ScriptedNotifier("email").otherwise(n -> DeliveryResult.retryable("421 busy"));
        NotificationDispatcher d = dispatcher(defaults(), email);
        String id = d.submit(NotificationRequest.firing(Fixtures.cpuHigh(), emailTo("ops@example.com"))).get(0).id();
        d.whenIdle().get(10, TimeUnit.SECONDS);
        Instant start = clock.instant();

        List<Duration> waits = new ArrayList<>();
        for (int retry = 1; retry <= 3; retry++) {
            NotificationRecord pending = stored(id);
            assertThat(pending.status()).isEqualTo(NotificationStatus.PENDING);
            assertThat(pending.retryCount()).isEqualTo(retry);
            assertThat(pending.error()).isEqualTo("421 busy");
            waits.add(Duration.between(clock.instant(), pending.nextAttemptAt()));
            clock.set(pending.nextAttemptAt().minusSeconds(1));
            pump(d);
            assertThat(email.calls()).hasSize(retry); // not due yet
            clock.set(pending.nextAttemptAt());
            pump(d);
            assertThat(email.calls()).hasSize(retry + 1);
        }

        assertThat(waits).containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(240));
        NotificationRecord failed = stored(id);
        assertThat(failed.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(failed.retryCount()).isEqualTo(3);
        assertThat(failed.error()).isEqualTo("gave up after 3 retries; last error: 421 busy");
        assertThat(failed.nextAttemptAt()).isNull();
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(420));
        clock.advance(Duration.ofDays(1));
        pump(d);
        assertThat(email.calls()).hasSize(4);
    }

    @Test
    void jitterAddsAtMostTwentyPercent() {
        RetrySchedule top = new RetrySchedule(() -> -1L); // nextDouble() just below 1
        RetrySchedule bottom = new RetrySchedule(NO_JITTER);
        for (int n = 0; n < 8; n++) {
            Duration base = Duration.ofSeconds(10).multipliedBy(1L << n);
            assertThat(bottom.backoff(Duration.ofSeconds(10), n)).isEqualTo(base);
            assertThat(top.backoff(Duration.ofSeconds(10), n)).isGreaterThan(base)
                    .isLessThanOrEqualTo(base.plus(base.dividedBy(5)));
        }
        assertThat(bottom.backoff(Duration.ofHours(5), 20)).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void retryAfterFromThePeerIsHonouredAndTotalTimeIsBounded() throws Exception {
        ScriptedNotifier discord = new ScriptedNotifier("discord")
                .then(DeliveryResult.retryableAfter("HTTP 429", Duration.ofMinutes(4)))
                .otherwise(n -> DeliveryResult.retryable("HTTP 503"));
        NotificationDispatcher d = dispatcher(config(10, Duration.ofSeconds(60), Duration.ofMinutes(10),
                Duration.ZERO, null), discord);
        String id = d.submit(NotificationRequest.firing(Fixtures.cpuHigh(), NotificationPolicy.to("discord"))).get(0).id();
        d.whenIdle().get(10, TimeUnit.SECONDS);

        assertThat(stored(id).nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(4)));
        for (int i = 0; i < 10 && stored(id).status() == NotificationStatus.PENDING; i++) {
            clock.set(stored(id).nextAttemptAt());
            pump(d);
        }

        NotificationRecord failed = stored(id);
        assertThat(failed.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(failed.retryCount()).isLessThan(10); // stopped by time, not by count: 4m + 2m + 4m, then 8m is too far
        assertThat(failed.retryCount()).isEqualTo(3);
        assertThat(failed.error()).startsWith("gave up after 3 retries: the next attempt (in 480s) would pass the retry time limit of 600s");
    }

    @Test
    void aPermanentFailureStopsAtOnceAndTheFallbackChannelIsNotifiedOnce() throws Exception {
        ScriptedNotifier email = new ScriptedNotifier("email").otherwise(n -> DeliveryResult.permanent("550 no such user"));
        ScriptedNotifier discord = new ScriptedNotifier("discord");
        NotificationDispatcher d = dispatcher(defaults(), email, discord);
        NotificationPolicy policy = NotificationPolicy.builder()
                .channel("email", ChannelSettings.to("a@example.com", "b@example.com"))
                .fallbackChannel("discord").build();

        List<NotificationRecord> written = d.submit(NotificationRequest.firing(Fixtures.cpuHigh(), policy));
        d.whenIdle().get(10, TimeUnit.SECONDS);

        assertThat(written).extracting(NotificationRecord::id).containsExactly("r1.0", "r1.1");
        assertThat(stored("r1.0").status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(stored("r1.0").retryCount()).isZero();
        assertThat(stored("r1.0").error()).isEqualTo("550 no such user");
        assertThat(email.calls()).hasSize(2);
        NotificationRecord fallback = stored("r1.fallback.0");
        assertThat(fallback.method()).isEqualTo("discord");
        assertThat(fallback.kind()).isEqualTo(NotificationKind.FIRING);
        assertThat(fallback.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(discord.calls()).hasSize(1);
        assertThat(all()).hasSize(3);
        assertThat(d.stats().fallbacks()).isEqualTo(1);
    }

    @Test
    void aRetryGoesOnlyToTheRecipientThatFailed() throws Exception {
        ScriptedNotifier email = new ScriptedNotifier("email").otherwise(n ->
                n.recipient().equals("b@example.com") && n.id().equals("r1.1") && stored(n.id()).retryCount() == 0
                        ? DeliveryResult.retryable("timeout") : DeliveryResult.delivered("ok"));
        NotificationDispatcher d = dispatcher(defaults(), email);

        d.submit(NotificationRequest.firing(Fixtures.cpuHigh(), emailTo("a@example.com", "b@example.com")));
        d.whenIdle().get(10, TimeUnit.SECONDS);
        clock.advance(Duration.ofMinutes(1));
        pump(d);

        assertThat(email.recipients()).containsExactlyInAnyOrder("a@example.com", "b@example.com", "b@example.com");
        assertThat(stored("r1.0").retryCount()).isZero();
        assertThat(stored("r1.1").retryCount()).isEqualTo(1);
        assertThat(all()).allMatch(r -> r.status() == NotificationStatus.SENT);
    }

    @Test
    void theMinimumIntervalSuppressesRepeatsOfTheSameAlertAndRecordsThem() throws Exception {
        ScriptedNotifier email = new ScriptedNotifier("email");
        NotificationDispatcher d = dispatcher(defaults(), email);
        NotificationPolicy policy = emailTo("ops@example.com");

        d.submit(NotificationRequest.firing(Fixtures.cpuHigh(), policy));
        clock.advance(Duration.ofMinutes(10));
        NotificationRecord repeat = d.submit(NotificationRequest.firing(Fixtures.cpuHigh(), policy)).get(0);
        NotificationRecord otherHost = d.submit(NotificationRequest.firing(
                Fixtures.named("CPU high", Labels.of("host", "web-2")), policy)).get(0);
        NotificationRecord resolved = d.submit(NotificationRequest.resolved(Fixtures.cpuResolved(), policy)).get(0);
        clock.advance(Duration.ofMinutes(5));
        NotificationRecord later = d.submit(NotificationRequest.firing(Fixtures.cpuHigh(), policy)).get(0);
        d.whenIdle().get(10, TimeUnit.SECONDS);

        assertThat(repeat.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(repeat.error()).isEqualTo("suppressed: min interval 900s, last notified at 2026-02-03T12:30:00Z");
        assertThat(stored(otherHost.id()).status()).isEqualTo(NotificationStatus.SENT);
        assertThat(stored(resolved.id()).status()).isEqualTo(NotificationStatus.SENT);
        assertThat(stored(later.id()).status()).isEqualTo(NotificationStatus.SENT);
        assertThat(email.calls()).hasSize(4);
        assertThat(d.stats().suppressed()).isEqualTo(1);
    }

    @Test
    void eachEscalationLevelIsItsOwnNotification() throws Exception {
        ScriptedNotifier email = new ScriptedNotifier("email");
        ScriptedNotifier sms = new ScriptedNotifier("sms");
        NotificationDispatcher d = dispatcher(defaults(), email, sms);
        NotificationPolicy policy = emailTo("ops@example.com");
        AlertMessage m = Fixtures.cpuHigh();
        AlertMessage level1 = new AlertMessage(m.recordId(), m.ruleId(), m.ruleName(), null, m.severity(), m.metric(),
                m.value(), m.threshold(), m.condition(), m.labels(), m.triggeredAt(), null, null, 1, null, Map.of());
        AlertMessage level2 = new AlertMessage(m.recordId(), m.ruleId(), m.ruleName(), null, m.severity(), m.metric(),
                m.value(), m.threshold(), m.condition(), m.labels(), m.triggeredAt(), null, null, 2, null, Map.of());
        EscalationLevel toSmsAndEmail = new EscalationLevel(Duration.ofMinutes(30), List.of("sms", "email"),
                List.of("+8613800000000", "boss@example.com"));

        List<NotificationRecord> first = d.submit(NotificationRequest.escalation(level1, policy, toSmsAndEmail));
        clock.advance(Duration.ofMinutes(5));
        List<NotificationRecord> second = d.submit(NotificationRequest.escalation(level2, policy, toSmsAndEmail));
        d.whenIdle().get(10, TimeUnit.SECONDS);

        assertThat(first).extracting(NotificationRecord::method, NotificationRecord::recipient).containsExactly(
                org.assertj.core.groups.Tuple.tuple("sms", "+8613800000000"),
                org.assertj.core.groups.Tuple.tuple("email", "ops@example.com"),
                org.assertj.core.groups.Tuple.tuple("email", "boss@example.com"));
        assertThat(second).allMatch(r -> r.status() == NotificationStatus.PENDING);
        assertThat(second.get(0).subject()).isEqualTo("[ESCALATED L2] [HIGH] CPU high is still firing");
        assertThat(all()).allMatch(r -> r.status() == NotificationStatus.SENT);
    }

    @Test
    void quietHoursHoldNonCriticalAndDeliverOneDigestPerChannelAndRecipientAtTheEnd() throws Exception {
        clock.set(Instant.parse("2026-02-03T23:30:00Z"));
        QuietHours night = new QuietHours(true, LocalTime.of(23, 0), LocalTime.of(7, 0), ZoneId.of("UTC"), true);
        ScriptedNotifier email = new ScriptedNotifier("email");
        ScriptedNotifier discord = new ScriptedNotifier("discord");
        NotificationDispatcher d = dispatcher(config(3, Duration.ofSeconds(60), Duration.ofHours(1), Duration.ZERO, night),
                email, discord);
        NotificationPolicy policy = NotificationPolicy.builder().channel("email", ChannelSettings.to("ops@example.com"))
                .channels("email", "discord").build();

        List<NotificationRecord> held = new ArrayList<>();
        for (String rule : List.of("disk full", "memory high", "load high")) {
            held.addAll(d.submit(NotificationRequest.firing(Fixtures.named(rule, Labels.of("host", rule)), policy)));
            clock.advance(Duration.ofMinutes(20));
        }
        List<NotificationRecord> critical = d.submit(NotificationRequest.firing(
                Fixtures.withSeverity(Fixtures.named("db down", Labels.empty()), Severity.CRITICAL), policy));
        d.whenIdle().get(10, TimeUnit.SECONDS);

        assertThat(held).hasSize(6).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(NotificationStatus.PENDING);
            assertThat(r.error()).isEqualTo("held: quiet hours until 2026-02-04T07:00:00Z");
            assertThat(r.nextAttemptAt()).isEqualTo(Instant.parse("2026-02-04T07:00:00Z"));
        });
        assertThat(critical).allSatisfy(r -> assertThat(stored(r.id()).status()).isEqualTo(NotificationStatus.SENT));
        assertThat(email.calls()).hasSize(1);

        clock.set(Instant.parse("2026-02-04T06:59:59Z"));
        pump(d);
        assertThat(email.calls()).hasSize(1);

        clock.set(Instant.parse("2026-02-04T07:00:00Z"));
        pump(d);

        assertThat(email.calls()).hasSize(2);
        assertThat(discord.calls()).hasSize(2);
        Notification emailDigest = email.calls().get(1);
        assertThat(emailDigest.kind()).isEqualTo(NotificationKind.DIGEST);
        assertThat(emailDigest.recipient()).isEqualTo("ops@example.com");
        assertThat(emailDigest.message().extra()).containsEntry("count", "3");
        assertThat(emailDigest.message().extra().get("items")).isEqualTo(String.join("\n",
                "- 2026-02-03T23:30:00Z  [HIGH] disk full is firing",
                "- 2026-02-03T23:50:00Z  [HIGH] memory high is firing",
                "- 2026-02-04T00:10:00Z  [HIGH] load high is firing"));
        NotificationRecord digestRecord = stored(emailDigest.id());
        assertThat(digestRecord.kind()).isEqualTo(NotificationKind.DIGEST);
        assertThat(digestRecord.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(digestRecord.subject()).isEqualTo("[DIGEST] 3 notifications held during quiet hours");
        for (NotificationRecord r : held) {
            NotificationRecord now = stored(r.id());
            assertThat(now.status()).isEqualTo(NotificationStatus.SENT);
            assertThat(now.sentAt()).isEqualTo(Instant.parse("2026-02-04T07:00:00Z"));
        }
        pump(d);
        assertThat(email.calls()).hasSize(2);
        assertThat(d.stats().digests()).isEqualTo(2);
    }

    @Test
    void criticalIsHeldTooWhenTheWindowSaysSoAndAFailedDigestFailsItsMembers() throws Exception {
        clock.set(Instant.parse("2026-02-03T23:30:00Z"));
        QuietHours strict = new QuietHours(true, LocalTime.of(23, 0), LocalTime.of(7, 0), ZoneId.of("UTC"), false);
        ScriptedNotifier email = new ScriptedNotifier("email").otherwise(n -> DeliveryResult.permanent("550 mailbox full"));
        NotificationDispatcher d = dispatcher(config(3, Duration.ofSeconds(60), Duration.ofHours(1), Duration.ZERO, strict),
                email);

        NotificationRecord held = d.submit(NotificationRequest.firing(
                Fixtures.withSeverity(Fixtures.cpuHigh(), Severity.CRITICAL), emailTo("ops@example.com"))).get(0);
        assertThat(held.error()).startsWith("held: quiet hours");

        clock.set(Instant.parse("2026-02-04T07:00:00Z"));
        pump(d);

        NotificationRecord member = stored(held.id());
        assertThat(member.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(member.error()).matches("digest r2\\.digest failed: 550 mailbox full");
    }

    @Test
    void sendResolvedIsHonouredPerRuleAndPerChannel() throws Exception {
        ScriptedNotifier email = new ScriptedNotifier("email");
        ScriptedNotifier discord = new ScriptedNotifier("discord");
        NotificationDispatcher d = dispatcher(defaults(), email, discord);
        ChannelSettings discordWantsIt = new ChannelSettings(true, List.of(), List.of(), null, true, null, null, Map.of(), null);
        NotificationPolicy policy = NotificationPolicy.builder().channel("email", ChannelSettings.to("ops@example.com"))
                .channel("discord", discordWantsIt).sendResolved(false).build();

        List<NotificationRecord> written = d.submit(NotificationRequest.resolved(Fixtures.cpuResolved(), policy));
        List<NotificationRecord> none = d.submit(NotificationRequest.resolved(Fixtures.cpuResolved(),
                emailTo("ops@example.com").toBuilder().sendResolved(false).build()));
        d.whenIdle().get(10, TimeUnit.SECONDS);

        assertThat(written).extracting(NotificationRecord::method).containsExactly("discord");
        assertThat(written.get(0).subject()).isEqualTo("[RESOLVED] CPU high recovered after 1h 30m");
        assertThat(none).isEmpty();
        assertThat(email.calls()).isEmpty();
    }

    @Test
    void testNotificationsUseTheSamePathAndReportTheOutcome() throws Exception {
        ScriptedNotifier email = new ScriptedNotifier("email")
                .then(DeliveryResult.delivered("250 ok"), DeliveryResult.retryable("421 try later"));
        NotificationDispatcher d = dispatcher(defaults(), email);

        NotificationRecord ok = await(d.test("email", "test@company.com"));
        NotificationRecord flaky = await(d.test("email", "test@company.com"));
        NotificationRecord unknown = await(d.test("pager", "x"));

        assertThat(ok.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(ok.kind()).isEqualTo(NotificationKind.TEST);
        assertThat(ok.recipient()).isEqualTo("test@company.com");
        assertThat(ok.subject()).isEqualTo("[TEST] Vigil test notification");
        assertThat(email.calls().get(0).message().ruleName()).isEqualTo("Vigil test notification");
        assertThat(flaky.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(flaky.retryCount()).isZero();
        assertThat(flaky.error()).isEqualTo("no retries allowed; last error: 421 try later");
        assertThat(unknown.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(unknown.error()).isEqualTo("UNKNOWN_CHANNEL: no notifier for channel 'pager' is configured");
        assertThat(store.findNotification(ok.id())).contains(ok);
    }

    @Test
    void aFreshDispatcherOverTheSameStoreRetriesWhatWasPending() throws Exception {
        AlertRule rule = AlertRule.named("CPU high").id("rule_001")
                .when(Condition.avg("cpu.usagePercent").over(Duration.ofMinutes(5)).atLeast(80))
                .notifications(NotificationPolicy.builder()
                        .channel("webhook", ChannelSettings.webhook("https://hooks.example/vigil")).build())
                .build();
        store.createRule(rule);
        store.createRecord(AlertRecord.fired("alert_001", store.findRule("rule_001").orElseThrow(),
                Labels.of("host", "web-1"), "cpu.usagePercent", 85.5, Threshold.of(80), "cpu.usagePercent >= 80",
                Map.of(), Fixtures.FIRED));
        ScriptedNotifier down = new ScriptedNotifier("webhook").otherwise(n -> DeliveryResult.retryable("HTTP 503"));
        NotificationDispatcher first = dispatcher(defaults(), down);
        String id = first.submit(NotificationRequest.firing(Fixtures.cpuHigh(), rule.notifications())).get(0).id();
        first.whenIdle().get(10, TimeUnit.SECONDS);
        first.close();
        assertThat(down.closed).isTrue();
        assertThat(stored(id).status()).isEqualTo(NotificationStatus.PENDING);

        ScriptedNotifier up = new ScriptedNotifier("webhook");
        NotificationDispatcher second = dispatcher(defaults(), up);
        clock.set(stored(id).nextAttemptAt());
        pump(second);

        assertThat(stored(id).status()).isEqualTo(NotificationStatus.SENT);
        assertThat(stored(id).retryCount()).isEqualTo(1);
        Notification rebuilt = up.calls().get(0);
        assertThat(rebuilt.id()).isEqualTo(id);
        assertThat(rebuilt.settings().url()).isEqualTo("https://hooks.example/vigil");
        assertThat(rebuilt.message().recordId()).isEqualTo("alert_001");
        assertThat(rebuilt.message().value()).isEqualTo(85.5);
        assertThat(rebuilt.message().labels().get("host")).isEqualTo("web-1");
    }

    @Test
    void anAttemptLeftUnfinishedByADeadProcessIsRetriedWhenItsLeaseRunsOut() throws Exception {
        Instant now = clock.instant();
        NotificationRecord orphan = NotificationRecord.pending("dead.0", null, null, NotificationKind.FIRING, "email",
                "ops@example.com", "[HIGH] x", "body", now);
        store.createNotification(new NotificationRecord(orphan.id(), null, null, orphan.kind(), orphan.method(),
                orphan.recipient(), orphan.subject(), orphan.content(), NotificationStatus.PENDING, now, null, null,
                null, 0, now.plus(Duration.ofMinutes(5)), 0)); // claimed by a process that then died
        ScriptedNotifier email = new ScriptedNotifier("email");
        NotificationDispatcher d = dispatcher(defaults(), email);

        pump(d);
        assertThat(email.calls()).isEmpty();
        clock.advance(Duration.ofMinutes(5));
        pump(d);

        assertThat(stored("dead.0").status()).isEqualTo(NotificationStatus.SENT);
        assertThat(email.calls().get(0).message().ruleName()).isEqualTo("[HIGH] x");
    }

    @Test
    void heldNotificationsSurviveARestartAndStillBecomeADigest() throws Exception {
        clock.set(Instant.parse("2026-02-03T23:30:00Z"));
        NotificationConfig cfg = config(3, Duration.ofSeconds(60), Duration.ofHours(1), Duration.ZERO,
                new QuietHours(true, LocalTime.of(23, 0), LocalTime.of(7, 0), ZoneId.of("UTC"), true));
        NotificationDispatcher first = dispatcher(cfg, new ScriptedNotifier("email"));
        first.submit(NotificationRequest.firing(Fixtures.cpuHigh(), emailTo("ops@example.com")));
        first.submit(NotificationRequest.firing(Fixtures.named("disk", Labels.empty()), emailTo("ops@example.com")));
        first.close();

        ScriptedNotifier email = new ScriptedNotifier("email");
        NotificationDispatcher second = dispatcher(cfg, email);
        clock.set(Instant.parse("2026-02-04T07:00:00Z"));
        pump(second);

        assertThat(email.calls()).hasSize(1);
        assertThat(email.calls().get(0).kind()).isEqualTo(NotificationKind.DIGEST);
        assertThat(email.calls().get(0).message().extra()).containsEntry("count", "2");
        assertThat(all()).hasSize(3).allMatch(r -> r.status() == NotificationStatus.SENT);
    }

    private NotificationRecord inDigest(String id, String digestId, Instant checkBack) {
        Instant created = clock.instant().minus(Duration.ofHours(8));
        return store.createNotification(new NotificationRecord(id, null, null, NotificationKind.FIRING, "email",
                "ops@example.com", "[HIGH] " + id, "body", NotificationStatus.PENDING, created, null, null,
                "in digest " + digestId, 0, checkBack, 0));
    }

    @Test
    void membersWhoseDigestWasNeverWrittenAreBundledAgainAtTheirCheckBack() throws Exception {
        inDigest("m1.0", "lost.digest", clock.instant().plusSeconds(60));
        inDigest("m2.0", "lost.digest", clock.instant().plusSeconds(60));
        ScriptedNotifier email = new ScriptedNotifier("email");
        NotificationDispatcher d = dispatcher(defaults(), email);

        pump(d);
        assertThat(email.calls()).isEmpty();
        clock.advance(Duration.ofSeconds(60));
        pump(d);

        assertThat(email.calls()).hasSize(1);
        assertThat(email.calls().get(0).kind()).isEqualTo(NotificationKind.DIGEST);
        assertThat(email.calls().get(0).message().extra()).containsEntry("notification_ids", "m1.0,m2.0");
        assertThat(stored("m1.0").status()).isEqualTo(NotificationStatus.SENT);
        assertThat(stored("m2.0").status()).isEqualTo(NotificationStatus.SENT);
    }

    @Test
    void membersOfAFinishedDigestSettleAtTheirCheckBackAndOfAPendingOneWait() throws Exception {
        Instant now = clock.instant();
        NotificationRecord sentDigest = store.createNotification(NotificationRecord.pending("d1.digest", null, null,
                NotificationKind.DIGEST, "email", "ops@example.com", "[DIGEST]", "- x", now));
        store.updateNotification(sentDigest.sent(now));
        store.createNotification(new NotificationRecord("d2.digest", null, null, NotificationKind.DIGEST, "email",
                "ops@example.com", "[DIGEST]", "- y", NotificationStatus.PENDING, now, null, null, null, 0,
                now.plus(Duration.ofHours(2)), 0));
        inDigest("m1.0", "d1.digest", now);
        inDigest("m2.0", "d2.digest", now);
        ScriptedNotifier email = new ScriptedNotifier("email");
        NotificationDispatcher d = dispatcher(defaults(), email);

        pump(d);

        assertThat(stored("m1.0").status()).isEqualTo(NotificationStatus.SENT);
        assertThat(stored("m1.0").sentAt()).isEqualTo(now);
        assertThat(stored("m2.0").status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(stored("m2.0").nextAttemptAt()).isEqualTo(now.plus(Duration.ofMinutes(5)));
        assertThat(email.calls()).isEmpty();
    }

    @Test
    void aSlowChannelNeverDelaysAnother() throws Exception {
        ScriptedNotifier slow = new ScriptedNotifier("slow", 1).closedGate();
        ScriptedNotifier fast = new ScriptedNotifier("email");
        NotificationDispatcher d = dispatcher(config(0, Duration.ZERO, Duration.ofHours(1), Duration.ZERO, null), slow, fast);

        List<NotificationRecord> slowOnes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            slowOnes.addAll(d.submit(NotificationRequest.firing(Fixtures.named("slow " + i, Labels.empty()),
                    NotificationPolicy.to("slow"))));
        }
        assertThat(slow.awaitEntries(5)).isTrue();
        NotificationRecord fastOne = d.submit(NotificationRequest.firing(Fixtures.cpuHigh(), emailTo("ops@example.com"))).get(0);

        assertThat(await(d.outcome(fastOne.id())).status()).isEqualTo(NotificationStatus.SENT);
        assertThat(slowOnes).allSatisfy(r -> assertThat(stored(r.id()).status()).isEqualTo(NotificationStatus.PENDING));
        slow.open();
        d.whenIdle().get(10, TimeUnit.SECONDS);
        assertThat(slowOnes).allSatisfy(r -> assertThat(stored(r.id()).status()).isEqualTo(NotificationStatus.SENT));
        assertThat(slow.mostAtOnce()).isEqualTo(1); // concurrency("slow", 1)
    }

    @Test
    void perChannelConcurrencyIsCapped() throws Exception {
        ScriptedNotifier email = new ScriptedNotifier("email", 4).closedGate();
        NotificationDispatcher d = NotificationDispatcher.builder(store).clock(clock)
                .config(config(3, Duration.ofSeconds(60), Duration.ofHours(1), Duration.ZERO, null))
                .notifier(email).concurrency("email", 4).ids(() -> "c" + requests.incrementAndGet()).build();
        dispatchers.add(d);

        for (int i = 0; i < 12; i++) {
            d.submit(NotificationRequest.firing(Fixtures.named("rule " + i, Labels.empty()), emailTo("ops@example.com")));
        }
        assertThat(email.awaitEntries(5)).isTrue();
        assertThat(d.stats().inFlight()).isEqualTo(12);
        email.open();
        d.whenIdle().get(10, TimeUnit.SECONDS);

        assertThat(email.mostAtOnce()).isEqualTo(4);
        assertThat(all()).hasSize(12).allMatch(r -> r.status() == NotificationStatus.SENT);
    }

    @Test
    void aNotifierThatThrowsIsRetriedAndCounted() throws Exception {
        ScriptedNotifier buggy = new ScriptedNotifier("email")
                .then(n -> {
                    throw new IllegalStateException("password=hunter2");
                });
        NotificationDispatcher d = dispatcher(defaults(), buggy);

        String id = d.submit(NotificationRequest.firing(Fixtures.cpuHigh(), emailTo("ops@example.com"))).get(0).id();
        d.whenIdle().get(10, TimeUnit.SECONDS);

        assertThat(stored(id).error()).isEqualTo("email notifier threw java.lang.IllegalStateException")
                .doesNotContain("hunter2");
        clock.advance(Duration.ofMinutes(1));
        pump(d);
        assertThat(stored(id).status()).isEqualTo(NotificationStatus.SENT);
        assertThat(d.stats().notifierErrors()).isEqualTo(1);
    }

    @Test
    void templatesChosenByTheRuleAndTheConfigurationReachTheNotifier() throws Exception {
        ScriptedNotifier email = new ScriptedNotifier("email");
        ScriptedNotifier discord = new ScriptedNotifier("discord");
        NotificationConfig cfg = new NotificationConfig(null, null, Map.of("email", "alert_email_template"),
                defaults().policy());
        NotificationDispatcher d = dispatcher(cfg, email, discord);
        NotificationPolicy policy = NotificationPolicy.builder().channel("email", ChannelSettings.to("ops@example.com"))
                .channels("email", "discord").template("discord", "posco_news_alert").build();

        d.submit(NotificationRequest.firing(Fixtures.cpuHigh(), policy));
        d.whenIdle().get(10, TimeUnit.SECONDS);

        assertThat(email.calls().get(0).settings().template()).isEqualTo("alert_email_template");
        assertThat(discord.calls().get(0).settings().template()).isEqualTo("posco_news_alert");
    }

    @Test
    void startScansInTheBackground() throws Exception {
        java.util.concurrent.CountDownLatch retried = new java.util.concurrent.CountDownLatch(1);
        ScriptedNotifier email = new ScriptedNotifier("email")
                .then(DeliveryResult.retryable("421 busy"))
                .otherwise(n -> {
                    retried.countDown();
                    return DeliveryResult.delivered("ok");
                });
        NotificationDispatcher d = dispatcher(config(3, Duration.ZERO, Duration.ofHours(1), Duration.ZERO, null), email);
        String id = d.submit(NotificationRequest.firing(Fixtures.cpuHigh(), emailTo("ops@example.com"))).get(0).id();

        d.start(Duration.ofMillis(20));

        assertThat(retried.await(10, TimeUnit.SECONDS)).isTrue(); // waits for the scan thread, not for a timer
        assertThat(await(d.outcome(id)).status()).isEqualTo(NotificationStatus.SENT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.start(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingStopsTheNotifiersAndRefusesNewWork() {
        ScriptedNotifier email = new ScriptedNotifier("email");
        NotificationDispatcher d = dispatcher(defaults(), email);
        d.close();
        assertThat(email.closed).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                d.submit(NotificationRequest.firing(Fixtures.cpuHigh(), emailTo("a@b.c"))))
                .isInstanceOf(IllegalStateException.class);
    }
}
