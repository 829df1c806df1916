package io.vigil.notifiers;

import io.vigil.alerting.spi.NotificationRequest;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.NotificationConfig;
import io.vigil.alerting.api.NotificationConfig.DeliveryPolicy;
import io.vigil.alerting.api.NotificationKind;
import io.vigil.alerting.api.NotificationPolicy;
import io.vigil.alerting.api.NotificationRecord;
import io.vigil.alerting.api.NotificationStatus;
import io.vigil.alerting.api.Secret;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.spi.AlertMessage;
import io.vigil.alerting.spi.AlertStore;
import io.vigil.alerting.spi.DeliveryResult;
import io.vigil.alerting.spi.Notification;
import io.vigil.alerting.spi.NotificationQuery;
import io.vigil.alerting.spi.Notifier;
import io.vigil.alerting.spi.PageRequest;
import io.vigil.notifiers.template.MessageRenderer;
import io.vigil.notifiers.template.RenderedMessage;
import io.vigil.notifiers.template.TemplateRegistry;
import io.vigil.notifiers.template.TextFormat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Delivers notifications reliably: an outbox in the {@link AlertStore}.
 *
 * <p>{@link #submit} writes one {@link NotificationRecord} per channel and recipient, {@code pending},
 * before anything is sent, then hands the sends to per-channel thread pools and returns: the
 * caller never waits for a network call. Each attempt ends the record {@code sent}, {@code failed}
 * (permanent failure, or retries exhausted) or {@code pending} with the time of the next attempt;
 * {@link #pump()} (called by {@link #start(Duration)} in production, by hand in tests) picks up what
 * is due. Because every state lives in the store, a new dispatcher over the same store carries on
 * where a crashed one stopped.
 *
 * <p>On the way: the minimum interval (seed 003: the same alert at most every 15 minutes) turns
 * repeats into {@code failed} records with the error {@code "suppressed: min interval ..."};
 * quiet hours hold non-critical notifications as pending records and send one digest per channel
 * and recipient when the window ends; a permanent failure on a primary channel sends the rule's
 * fallback channel. Nothing is dropped without a record saying why.
 *
 * <p>Thread-safe. {@link #close()} stops the threads and closes the notifiers.
 */
public final class NotificationDispatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NotificationDispatcher.class.getName());

    private final AlertStore store;
    private final Clock clock;
    private final Supplier<NotificationConfig> config;
    private final Map<String, Notifier> notifiers;
    private final MessageRenderer renderer;
    private final ChannelLanes lanes;
    private final RetrySchedule retries;
    private final Supplier<String> ids;
    private final Duration lease;
    private final int batchSize;
    private final Duration closeGrace;
    private final MinIntervalGate gate = new MinIntervalGate();

    /** What is known about records this process is delivering; rebuilt from the store when missing. */
    private final Map<String, Pending> payloads = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<NotificationRecord>> waiters = new ConcurrentHashMap<>();
    private final Map<String, List<String>> digestMembers = new ConcurrentHashMap<>();
    private final Counters counters = new Counters();
    private final Object lifecycle = new Object();
    private ScheduledExecutorService scheduler;
    private volatile boolean closed;

    private record Pending(Notification notification, NotificationPolicy policy, List<String> requestChannels) {
    }

    private record Planned(String channel, String recipient, ChannelSettings settings) {
    }

    /** Where a digest goes: held notifications are grouped by channel, recipient and target. */
    private record Target(String channel, String recipient, String url, String httpMethod, Map<String, String> headers,
                          Secret secret) {
        static Target of(Notification n) {
            ChannelSettings s = n.settings();
            return new Target(n.channel(), n.recipient(), s.url(), s.httpMethod(), s.headers(), s.secret());
        }
    }

    private NotificationDispatcher(Builder b) {
        this.store = b.store;
        this.clock = b.clock;
        this.config = b.config != null ? b.config
                : () -> store.notificationConfig().orElseGet(NotificationConfig::defaults);
        Map<String, Notifier> byChannel = new LinkedHashMap<>();
        for (Notifier n : b.notifiers) {
            byChannel.putIfAbsent(n.channel(), n);
        }
        this.notifiers = Map.copyOf(byChannel);
        this.renderer = new MessageRenderer(b.templates != null ? b.templates : TemplateRegistry.withDefaults());
        this.lanes = new ChannelLanes(b.concurrency, b.defaultConcurrency);
        this.retries = new RetrySchedule(b.random);
        this.ids = b.ids;
        this.lease = b.lease;
        this.batchSize = b.batchSize;
        this.closeGrace = b.closeGrace;
    }

    public static Builder builder(AlertStore store) {
        return new Builder(store);
    }

    /** The channels this dispatcher has notifiers for. */
    public Set<String> channels() {
        return notifiers.keySet();
    }

    // ---- submitting ---------------------------------------------------------------------------

    /**
     * Records the notifications for {@code request} and starts sending them. Returns the records as
     * written: pending (being sent, or held for quiet hours) or failed (suppressed). A resolved
     * request skips channels whose {@code sendResolved} is off. Throws only if the store cannot
     * write, in which case nothing after the failed write was recorded.
     */
    public List<NotificationRecord> submit(NotificationRequest request) {
        ensureOpen();
        Instant now = clock.instant();
        NotificationConfig cfg = config.get();
        DeliveryPolicy policy = cfg.policy();
        List<Planned> plan = plan(request, cfg);
        if (plan.isEmpty()) {
            return List.of();
        }
        AlertMessage message = request.message();
        Optional<Instant> lastSent = gate.admit(message, request.kind(), now, policy.minInterval());
        Optional<Instant> holdUntil = lastSent.isPresent() ? Optional.empty()
                : QuietWindow.holdUntil(policy.quietHours(), now, message.severity(), request.kind());
        String requestId = ids.get();
        List<NotificationRecord> written = new ArrayList<>(plan.size());
        for (int i = 0; i < plan.size(); i++) {
            Planned p = plan.get(i);
            Notification n = new Notification(requestId + "." + i, request.kind(), p.channel(), p.recipient(),
                    p.settings(), message, now);
            NotificationRecord r = newRecord(n, now);
            counters.submitted.incrementAndGet();
            if (lastSent.isPresent()) {
                counters.suppressed.incrementAndGet();
                written.add(store.createNotification(r.failed(Records.SUPPRESSED + policy.minInterval().toSeconds()
                        + "s, last notified at " + lastSent.get())));
                continue;
            }
            Pending pending = new Pending(n, request.policy(), request.targetChannels());
            payloads.put(n.id(), pending);
            try {
                if (holdUntil.isPresent()) {
                    counters.held.incrementAndGet();
                    written.add(store.createNotification(Records.held(r, holdUntil.get())));
                } else {
                    NotificationRecord stored = store.createNotification(Records.leased(r, now.plus(lease)));
                    written.add(stored);
                    dispatch(stored);
                }
            } catch (RuntimeException e) {
                payloads.remove(n.id());
                throw e;
            }
        }
        return written;
    }

    /**
     * Sends a test notification (seed 003 {@code /notifications/test}) through the same path as any
     * other, without quiet hours, minimum interval or retries, so the answer comes at once. The
     * future completes with the final record: {@code sent}, or {@code failed} with the reason.
     */
    public CompletableFuture<NotificationRecord> test(String channel, String recipient) {
        return test(channel, recipient, ChannelSettings.defaults());
    }

    /** A test with explicit channel settings (a webhook URL, headers or secret to try out). */
    public CompletableFuture<NotificationRecord> test(String channel, String recipient, ChannelSettings settings) {
        ChannelSettings s = (settings == null ? ChannelSettings.defaults() : settings)
                .withRecipients(recipient == null || recipient.isBlank() ? List.of() : List.of(recipient.trim()));
        NotificationPolicy policy = NotificationPolicy.builder().channel(channel, s).build();
        List<NotificationRecord> written = submit(new NotificationRequest(NotificationKind.TEST,
                Messages.test(clock.instant()), policy, List.of(channel), List.of()));
        return outcome(written.get(0).id());
    }

    /**
     * Completes with the record once it is {@code sent} or {@code failed}. Completes only through
     * this dispatcher's work (or at once if the record is already final); fails with
     * {@link ErrorCode#NOTIFICATION_NOT_FOUND} for an unknown id.
     */
    public CompletableFuture<NotificationRecord> outcome(String notificationId) {
        CompletableFuture<NotificationRecord> f = waiters.computeIfAbsent(notificationId, k -> new CompletableFuture<>());
        Optional<NotificationRecord> now = store.findNotification(notificationId);
        if (now.isEmpty()) {
            waiters.remove(notificationId, f);
            f.completeExceptionally(new AlertingException(ErrorCode.NOTIFICATION_NOT_FOUND,
                    "no notification '" + notificationId + "'"));
        } else if (now.get().status().isTerminal()) {
            waiters.remove(notificationId, f);
            f.complete(now.get());
        }
        return f.copy();
    }

    private List<Planned> plan(NotificationRequest request, NotificationConfig cfg) {
        List<Planned> plan = new ArrayList<>();
        for (String channel : request.targetChannels()) {
            if (request.kind() == NotificationKind.RESOLVED && !request.policy().sendsResolvedTo(channel)) {
                continue;
            }
            ChannelSettings settings = effectiveSettings(request.policy(), channel, cfg);
            if (!settings.enabled()) {
                continue; // switched off in the rule (an escalation level may still name it)
            }
            Set<String> recipients = new LinkedHashSet<>(settings.recipients());
            for (String extra : request.extraRecipients()) {
                if (Messages.fits(channel, extra)) {
                    recipients.add(extra);
                }
            }
            if (recipients.isEmpty()) {
                recipients.add(""); // the channel's own target: a webhook, all admins, SMTP_TO
            }
            recipients.forEach(r -> plan.add(new Planned(channel, r, settings)));
        }
        return plan;
    }

    /** The rule's settings for {@code channel}, with the template chosen by rule, policy or global default. */
    private static ChannelSettings effectiveSettings(NotificationPolicy policy, String channel, NotificationConfig cfg) {
        ChannelSettings s = policy.settingsFor(channel);
        String template = s.template() != null ? s.template()
                : policy.templates().getOrDefault(channel, cfg.defaultTemplates().get(channel));
        return withTemplate(s, template);
    }

    private static ChannelSettings withTemplate(ChannelSettings s, String template) {
        return Objects.equals(template, s.template()) ? s : new ChannelSettings(s.enabled(), s.recipients(), s.cc(),
                template, s.sendResolved(), s.url(), s.httpMethod(), s.headers(), s.secret());
    }

    private NotificationRecord newRecord(Notification n, Instant now) {
        RenderedMessage text = renderer.render(n, TextFormat.PLAIN, now);
        return NotificationRecord.pending(n.id(), n.message().recordId(), n.message().ruleId(), n.kind(), n.channel(),
                n.recipient(), text.title(), text.body(), now);
    }

    // ---- the due-time scan --------------------------------------------------------------------

    /**
     * Starts every due attempt: retries whose time has come, digests of quiet hours that have
     * ended, and records a previous process left behind. Returns a future that completes when this
     * dispatcher has nothing in flight (tests wait on it; it is not needed otherwise).
     */
    public CompletableFuture<Void> pump() {
        ensureOpen();
        Instant now = clock.instant();
        Map<Target, List<NotificationRecord>> toDigest = new LinkedHashMap<>();
        Map<Target, ChannelSettings> digestSettings = new HashMap<>();
        for (NotificationRecord r : store.duePendingNotifications(now, batchSize)) {
            if (inFlight.containsKey(r.id())) {
                continue;
            }
            if (Records.isInDigest(r) && !checkBackOnDigest(r, now)) {
                continue;
            }
            if (Records.isHeld(r) || Records.isInDigest(r)) {
                Notification n = payload(r).notification();
                Target target = Target.of(n);
                toDigest.computeIfAbsent(target, t -> new ArrayList<>()).add(r);
                digestSettings.putIfAbsent(target, n.settings());
                continue;
            }
            claim(r, now.plus(lease)).ifPresent(this::dispatch);
        }
        toDigest.forEach((target, held) -> openDigest(target, digestSettings.get(target), held, now));
        return whenIdle();
    }

    /** Completes when no attempt is running or queued in this dispatcher. */
    public CompletableFuture<Void> whenIdle() {
        List<CompletableFuture<Void>> running = List.copyOf(inFlight.values());
        if (running.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.allOf(running.toArray(new CompletableFuture<?>[0]))
                .handle((v, e) -> null)
                .thenCompose(v -> whenIdle());
    }

    /** Runs {@link #pump()} every {@code interval} on a background thread until {@link #close()}. */
    public NotificationDispatcher start(Duration interval) {
        synchronized (lifecycle) {
            ensureOpen();
            if (scheduler != null) {
                throw new IllegalStateException("already started");
            }
            scheduler = Executors.newSingleThreadScheduledExecutor(ChannelLanes.daemonThreads("vigil-notify-pump"));
            scheduler.scheduleWithFixedDelay(this::pumpQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
            return this;
        }
    }

    private void pumpQuietly() {
        try {
            pump();
        } catch (RuntimeException e) {
            // Most likely the store is unreachable; everything is still in it, so the next tick retries.
            counters.pumpErrors.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "notification pump failed, will retry: " + e);
        }
    }

    private Optional<NotificationRecord> claim(NotificationRecord r, Instant until) {
        return update(Records.leased(r, until));
    }

    // ---- attempts -----------------------------------------------------------------------------

    private void dispatch(NotificationRecord claimed) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (inFlight.putIfAbsent(claimed.id(), done) != null) {
            return;
        }
        Runnable task = () -> {
            try {
                attempt(claimed);
            } catch (RuntimeException e) {
                // The store failed mid-way. The record keeps its lease and comes due again when it runs out.
                LOG.log(System.Logger.Level.WARNING, "notification " + claimed.id() + " could not be settled: " + e);
            } finally {
                inFlight.remove(claimed.id(), done);
                done.complete(null);
            }
        };
        try {
            if (notifiers.containsKey(claimed.method())) {
                lanes.lane(claimed.method()).execute(task);
            } else {
                task.run(); // no network involved: the record fails at once
            }
        } catch (RejectedExecutionException closing) {
            // Closing: the record stays pending in the store and is picked up after a restart.
            inFlight.remove(claimed.id(), done);
            done.complete(null);
        }
    }

    private void attempt(NotificationRecord claimed) {
        Optional<NotificationRecord> current = store.findNotification(claimed.id());
        if (current.isEmpty() || current.get().status().isTerminal() || current.get().version() != claimed.version()) {
            return; // settled or taken over meanwhile
        }
        NotificationRecord r = current.get();
        Pending p = payload(r);
        Notifier notifier = notifiers.get(r.method());
        DeliveryResult result = notifier == null
                ? DeliveryResult.permanent(ErrorCode.UNKNOWN_CHANNEL + ": no notifier for channel '" + r.method()
                + "' is configured")
                : sendSafely(notifier, p.notification());
        settle(r, result, p);
    }

    private DeliveryResult sendSafely(Notifier notifier, Notification n) {
        try {
            DeliveryResult result = notifier.send(n);
            return result != null ? result : DeliveryResult.retryable(notifier.channel() + " notifier returned nothing");
        } catch (RuntimeException | LinkageError e) {
            // The SPI says notifiers report, not throw. One that throws anyway is retried like a
            // passing failure; its message is left out because it might quote a secret.
            counters.notifierErrors.incrementAndGet();
            return DeliveryResult.retryable(notifier.channel() + " notifier threw " + e.getClass().getName());
        }
    }

    private void settle(NotificationRecord r, DeliveryResult result, Pending p) {
        Instant now = clock.instant();
        DeliveryPolicy policy = config.get().policy();
        String detail = result.detail().isEmpty() ? result.outcome().name().toLowerCase(Locale.ROOT)
                : result.detail();
        NotificationRecord next;
        switch (result.outcome()) {
            case DELIVERED:
                next = Records.sent(r, now);
                break;
            case PERMANENT:
                next = r.failed(detail);
                break;
            default:
                int maxRetry = r.kind() == NotificationKind.TEST ? 0 : policy.maxRetry();
                RetrySchedule.Decision d = retries.next(r, result, now, policy, maxRetry);
                next = d.retry() ? r.retryAt(d.nextAttempt(), detail) : r.failed(d.giveUpReason() + "; last error: " + detail);
        }
        Optional<NotificationRecord> stored = update(next);
        if (stored.isEmpty()) {
            return;
        }
        if (!stored.get().status().isTerminal()) {
            counters.retried.incrementAndGet();
            return;
        }
        finished(stored.get());
        if (stored.get().kind() == NotificationKind.DIGEST) {
            settleDigestMembers(stored.get());
        }
        if (stored.get().status() == NotificationStatus.FAILED) {
            fallback(stored.get(), p);
        }
    }

    /** A record reached its end: count it, forget its payload and wake whoever waits for it. */
    private void finished(NotificationRecord r) {
        (r.status() == NotificationStatus.FAILED ? counters.failed : counters.sent).incrementAndGet();
        payloads.remove(r.id());
        CompletableFuture<NotificationRecord> waiter = waiters.remove(r.id());
        if (waiter != null) {
            waiter.complete(r);
        }
    }

    /**
     * Sends the rule's fallback channel after a primary channel failed for good. Once per request
     * and fallback recipient: the fallback record's id is derived from the request, so a second
     * failing primary finds it already there. Never for tests, digests or fallbacks themselves, and
     * not when the fallback channel was one of the request's channels anyway.
     */
    private void fallback(NotificationRecord failed, Pending p) {
        String channel = p.policy().fallbackChannel();
        if (channel == null || failed.kind() == NotificationKind.TEST || failed.kind() == NotificationKind.DIGEST
                || Records.isFallback(failed.id()) || channel.equals(failed.method())
                || p.requestChannels().contains(channel)) {
            return;
        }
        Instant now = clock.instant();
        ChannelSettings settings = effectiveSettings(p.policy(), channel, config.get());
        List<String> recipients = settings.recipients().isEmpty() ? List.of("") : settings.recipients();
        String requestId = Records.requestId(failed.id());
        for (int i = 0; i < recipients.size(); i++) {
            Notification n = new Notification(requestId + ".fallback." + i, failed.kind(), channel, recipients.get(i),
                    settings, p.notification().message(), now);
            NotificationRecord stored;
            try {
                stored = store.createNotification(Records.leased(newRecord(n, now), now.plus(lease)));
            } catch (AlertingException e) {
                if (e.code() == ErrorCode.VERSION_CONFLICT) {
                    continue; // another primary of this request already triggered the fallback
                }
                throw e;
            }
            counters.fallbacks.incrementAndGet();
            payloads.put(n.id(), new Pending(n, p.policy(), p.requestChannels()));
            dispatch(stored);
        }
    }

    // ---- quiet hours ----------------------------------------------------------------------------

    /**
     * Bundles held notifications for one target into one digest. Members are marked first ("in
     * digest D", due again when D must have settled), then D is written: if the process dies in
     * between, the members come due, find no D and are bundled again; nothing is lost or sent twice.
     */
    private void openDigest(Target target, ChannelSettings targetSettings, List<NotificationRecord> held, Instant now) {
        held.sort(Comparator.comparing(NotificationRecord::createdAt).thenComparing(NotificationRecord::id));
        String digestId = ids.get() + ".digest";
        Instant checkBack = now.plus(config.get().policy().maxRetryTime()).plus(lease);
        List<NotificationRecord> members = new ArrayList<>();
        Severity severity = Severity.LOW;
        for (NotificationRecord r : held) {
            Optional<NotificationRecord> marked = update(Records.inDigest(r, digestId, checkBack));
            if (marked.isPresent()) {
                members.add(marked.get());
                Severity s = payload(r).notification().message().severity();
                severity = s.compareTo(severity) > 0 ? s : severity;
            }
        }
        if (members.isEmpty()) {
            return;
        }
        AlertMessage message = Messages.digest(members, severity, now);
        Notification n = new Notification(digestId, NotificationKind.DIGEST, target.channel(), target.recipient(),
                withTemplate(targetSettings, null), message, now);
        NotificationRecord record = newRecord(n, now);
        // The digest is addressed with the first member's rule settings; keeping that rule id lets a
        // restarted dispatcher find the same webhook URL or address again.
        record = new NotificationRecord(record.id(), null, members.get(0).ruleId(), record.kind(), record.method(),
                record.recipient(), record.subject(), record.content(), record.status(), record.createdAt(), null,
                null, null, 0, now.plus(lease), 0);
        digestMembers.put(digestId, members.stream().map(NotificationRecord::id).toList());
        payloads.put(digestId, new Pending(n, NotificationPolicy.none(), List.of(target.channel())));
        NotificationRecord stored = store.createNotification(record);
        counters.digests.incrementAndGet();
        dispatch(stored);
    }

    /**
     * A member's check-back time came (normally only after a restart: in-process members are settled
     * when their digest ends). True if the member must be bundled again because its digest was never written.
     */
    private boolean checkBackOnDigest(NotificationRecord member, Instant now) {
        Optional<NotificationRecord> digest = store.findNotification(Records.digestId(member));
        if (digest.isEmpty()) {
            return true;
        }
        if (digest.get().status().isTerminal()) {
            settleMember(member, digest.get());
        } else {
            update(Records.with(member, member.error(), now.plus(lease)));
        }
        return false;
    }

    private void settleDigestMembers(NotificationRecord digest) {
        List<String> members = digestMembers.remove(digest.id());
        if (members == null) {
            members = membersOf(digest); // a digest a previous process opened
        }
        for (String id : members) {
            store.findNotification(id).ifPresent(m -> settleMember(m, digest));
        }
    }

    /**
     * The records waiting for a digest, found in the store. Used only for digests opened by a
     * previous process; a member this scan misses still settles at its check-back time.
     */
    private List<String> membersOf(NotificationRecord digest) {
        return store.findNotifications(new NotificationQuery(null, null, digest.method(), NotificationStatus.PENDING,
                        null, null, PageRequest.all())).items().stream()
                .filter(m -> Records.isInDigest(m) && Records.digestId(m).equals(digest.id()))
                .sorted(Comparator.comparing(NotificationRecord::createdAt).thenComparing(NotificationRecord::id))
                .map(NotificationRecord::id)
                .toList();
    }

    private void settleMember(NotificationRecord member, NotificationRecord digest) {
        if (!Records.isInDigest(member) || !Records.digestId(member).equals(digest.id())) {
            return;
        }
        NotificationRecord next = digest.status() == NotificationStatus.FAILED
                ? member.failed("digest " + digest.id() + " failed: " + digest.error())
                : Records.sent(member, digest.sentAt());
        update(next).ifPresent(this::finished);
    }

    // ---- payloads -----------------------------------------------------------------------------

    private Pending payload(NotificationRecord r) {
        Pending cached = payloads.get(r.id());
        if (cached != null) {
            return cached;
        }
        Pending rebuilt = rebuild(r);
        payloads.put(r.id(), rebuilt);
        return rebuilt;
    }

    /**
     * What to send for a record this process did not create (it was left by a previous one). The
     * rule gives the channel settings (URL, secret, template), the alert record the facts; if
     * those are gone, the record's own subject and content are sent.
     */
    private Pending rebuild(NotificationRecord r) {
        Optional<AlertRule> rule = r.ruleId() == null ? Optional.empty() : store.findRule(r.ruleId());
        NotificationPolicy policy = rule.map(AlertRule::notifications).orElse(NotificationPolicy.none());
        ChannelSettings settings = effectiveSettings(policy, r.method(), config.get());
        AlertMessage message;
        switch (r.kind()) {
            case TEST:
                message = Messages.test(r.createdAt());
                break;
            case DIGEST:
                message = Messages.digestFromRecord(r, membersOf(r));
                settings = withTemplate(settings, null);
                break;
            default:
                String description = rule.map(AlertRule::description).orElse(null);
                message = r.alertId() == null ? Messages.fromNotificationRecord(r)
                        : store.findRecord(r.alertId()).map(a -> Messages.fromRecord(a, description))
                        .orElseGet(() -> Messages.fromNotificationRecord(r));
        }
        Notification n = new Notification(r.id(), r.kind(), r.method(), r.recipient(), settings, message, r.createdAt());
        return new Pending(n, policy, policy.activeChannels());
    }

    /** Writes {@code next}; empty if someone else changed the record first (they own it now). */
    private Optional<NotificationRecord> update(NotificationRecord next) {
        try {
            return Optional.of(store.updateNotification(next));
        } catch (AlertingException e) {
            if (e.code() == ErrorCode.VERSION_CONFLICT || e.code() == ErrorCode.NOTIFICATION_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    // ---- lifecycle and numbers ------------------------------------------------------------------

    /** Counts since this dispatcher started, for health pages and metrics. */
    public Stats stats() {
        return new Stats(counters.submitted.get(), counters.sent.get(), counters.failed.get(), counters.retried.get(),
                counters.suppressed.get(), counters.held.get(), counters.digests.get(), counters.fallbacks.get(),
                counters.notifierErrors.get(), counters.pumpErrors.get(), inFlight.size());
    }

    /**
     * Counters.
     *
     * @param submitted      notification records written by {@link #submit}
     * @param sent           records (including digest members) that ended sent
     * @param failed         records that ended failed after being tried (suppressed ones are counted apart)
     * @param retried        failed attempts that were rescheduled
     * @param suppressed     records suppressed by the minimum interval
     * @param held           records held for quiet hours
     * @param digests        digests opened
     * @param fallbacks      fallback records written
     * @param notifierErrors notifiers that threw instead of reporting
     * @param pumpErrors     background scans that failed (store unreachable)
     * @param inFlight       attempts running or queued now
     */
    public record Stats(long submitted, long sent, long failed, long retried, long suppressed, long held, long digests,
                        long fallbacks, long notifierErrors, long pumpErrors, int inFlight) {
    }

    private static final class Counters {
        final AtomicLong submitted = new AtomicLong();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong retried = new AtomicLong();
        final AtomicLong suppressed = new AtomicLong();
        final AtomicLong held = new AtomicLong();
        final AtomicLong digests = new AtomicLong();
        final AtomicLong fallbacks = new AtomicLong();
        final AtomicLong notifierErrors = new AtomicLong();
        final AtomicLong pumpErrors = new AtomicLong();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the notification dispatcher is closed");
        }
    }

    /**
     * Stops the background scan, lets running sends finish for the grace period, then closes the
     * notifiers. Whatever was not finished stays pending in the store for the next start.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
        }
        lanes.close(closeGrace);
        for (Notifier n : notifiers.values()) {
            try {
                n.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "closing the " + n.channel() + " notifier failed: " + e);
            }
        }
    }

    public static final class Builder {
        private final AlertStore store;
        private Clock clock = Clock.systemUTC();
        private Supplier<NotificationConfig> config;
        private final List<Notifier> notifiers = new ArrayList<>();
        private TemplateRegistry templates;
        private final Map<String, Integer> concurrency = new HashMap<>();
        private int defaultConcurrency = 4;
        private RandomGenerator random = RandomGenerator.getDefault();
        private Supplier<String> ids = () -> UUID.randomUUID().toString().replace("-", "");
        private Duration lease = Duration.ofMinutes(5);
        private int batchSize = 500;
        private Duration closeGrace = Duration.ofSeconds(10);

        private Builder(AlertStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** A fixed global configuration; by default it is read from the store on every use. */
        public Builder config(NotificationConfig config) {
            Objects.requireNonNull(config, "config");
            this.config = () -> config;
            return this;
        }

        public Builder config(Supplier<NotificationConfig> config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Adds notifiers; the dispatcher owns and closes them. The first notifier for a channel wins. */
        public Builder notifiers(Collection<? extends Notifier> toAdd) {
            notifiers.addAll(toAdd);
            return this;
        }

        public Builder notifier(Notifier notifier) {
            notifiers.add(Objects.requireNonNull(notifier, "notifier"));
            return this;
        }

        /**
         * Uses {@code environment}'s clock and templates and every channel its providers can
         * create ({@link Notifiers#load}). The environment itself stays the caller's to close.
         */
        public Builder environment(NotifierEnvironment environment) {
            clock(environment.clock());
            templates(environment.templates());
            return notifiers(Notifiers.load(environment));
        }

        /** The templates the records' subject and content are rendered with. */
        public Builder templates(TemplateRegistry templates) {
            this.templates = templates;
            return this;
        }

        /** At most {@code limit} sends on {@code channel} at once (default 4). */
        public Builder concurrency(String channel, int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("a channel needs at least one sender");
            }
            concurrency.put(channel, limit);
            return this;
        }

        public Builder defaultConcurrency(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("a channel needs at least one sender");
            }
            this.defaultConcurrency = limit;
            return this;
        }

        /** Source of retry jitter (seed it in tests). */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Request ids; record ids are {@code <request>.<n>}. Must be unique and must not contain a dot. */
        public Builder ids(Supplier<String> ids) {
            this.ids = Objects.requireNonNull(ids, "ids");
            return this;
        }

        /**
         * How long an attempt owns its record (default 5 minutes). If the process dies mid-attempt,
         * the record is retried this long after; it must exceed the slowest channel's timeouts.
         */
        public Builder lease(Duration lease) {
            if (lease.isNegative() || lease.isZero()) {
                throw new IllegalArgumentException("the lease must be positive");
            }
            this.lease = lease;
            return this;
        }

        /** Most records one {@link #pump()} looks at (default 500). */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be positive");
            }
            this.batchSize = batchSize;
            return this;
        }

        /** How long {@link #close()} lets running sends finish (default 10 s). */
        public Builder closeGrace(Duration grace) {
            this.closeGrace = Objects.requireNonNull(grace, "grace");
            return this;
        }

        public NotificationDispatcher build() {
            return new NotificationDispatcher(this);
        }
    }
}
