package io.vigil.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.NotificationConfig;
import io.vigil.alerting.api.NotificationRecord;
import io.vigil.alerting.api.NotificationStatus;
import io.vigil.alerting.spi.NotificationQuery;
import io.vigil.alerting.spi.Page;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Seed 003's notification configuration, test and history under {@code /api/v1/alerts/notifications}
 * (and seed 002's history at {@code /api/v1/notifications/history}).
 */
final class NotificationsApi {
    private static final String BASE = "/api/v1/alerts/notifications";
    private static final String TAG = "Notifications (seed 003)";

    private final Services s;

    NotificationsApi(Services services) {
        this.s = services;
    }

    List<Route> routes() {
        return List.of(
                Route.get(BASE + "/config").tag(TAG).summary("Get the global notification configuration (secrets redacted)")
                        .handler(this::getConfig),
                Route.put(BASE + "/config").permission(Permission.ALERT_WRITE).tag(TAG)
                        .summary("Update the configuration: the sections given replace the stored ones")
                        .body("NotificationConfig (partial)").handler(this::putConfig),
                Route.post(BASE + "/test").permission(Permission.ALERT_WRITE).tag(TAG)
                        .summary("Send a test notification and report how it went").body("{method: string, recipient: string}")
                        .handler(this::test),
                history(Route.get(BASE + "/history").tag(TAG)),
                history(Route.get("/api/v1/notifications/history").tag("Notification channels (seed 002)")));
    }

    private Route history(Route.Builder b) {
        return b.summary("Notification records, newest first").pageQuery()
                .query("alertId", "string", "only this alert's notifications")
                .query("ruleId", "string", "only this rule's notifications")
                .query("method", "string", "only this channel")
                .query("status", "string", "pending, sent, failed or delivered")
                .query("startTime", "date-time", "created at or after")
                .query("endTime", "date-time", "created before")
                .handler(this::history);
    }

    private NotificationConfig current() {
        return s.alerting.store().notificationConfig().orElse(NotificationConfig.defaults());
    }

    private Reply getConfig(Call call) {
        return Envelope.ok(ConfigJson.write(current()));
    }

    private Reply putConfig(Call call) throws IOException {
        ObjectNode body = call.jsonObject(true);
        NotificationConfig updated = ConfigJson.update(current(), body);
        s.alerting.store().saveNotificationConfig(updated);
        return Envelope.ok(ConfigJson.write(updated), "Updated");
    }

    private Reply test(Call call) throws IOException {
        ObjectNode body = call.jsonObject(true);
        Fields.only(body, "", "method", "recipient");
        String method = Fields.requiredText(body, "method", 64);
        String recipient = Fields.requiredText(body, "recipient", 500);
        return Envelope.ok(sendTest(s, method, recipient, null), "Test notification processed");
    }

    /** Sends a test through the gateway and waits (bounded) for its outcome. */
    static ObjectNode sendTest(Services s, String method, String recipient, ChannelSettings settings) {
        NotificationGateway gateway = s.options.notificationGateway();
        if (gateway == null) {
            throw ApiException.from(new AlertingException(ErrorCode.UNKNOWN_CHANNEL,
                    "no notifier is configured on this server, so nothing can be sent"), false);
        }
        if (!gateway.channels().contains(method)) {
            throw ApiException.from(new AlertingException(ErrorCode.UNKNOWN_CHANNEL, "no notifier for '" + method
                    + "'; configured: " + String.join(", ", new TreeSet<>(gateway.channels()))), false);
        }
        ObjectNode data = Json.object();
        data.put("method", method);
        data.put("recipient", recipient);
        CompletableFuture<NotificationRecord> future = gateway.test(method, recipient, settings);
        try {
            NotificationRecord n = future.get(s.options.notificationTestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            data.put("id", n.id());
            data.put("status", n.status().wireName());
            data.set("sentAt", Json.instant(n.sentAt()));
            data.put("error", n.error());
            data.put("retryCount", n.retryCount());
        } catch (TimeoutException e) {
            data.put("status", NotificationStatus.PENDING.wireName());
            data.put("error", "no outcome within " + s.options.notificationTestTimeout().toSeconds() + " s; see the history");
        } catch (ExecutionException e) {
            data.put("status", NotificationStatus.FAILED.wireName());
            Throwable cause = e.getCause() == null ? e : e.getCause();
            data.put("error", "the notifier failed: " + cause.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiError.UNAVAILABLE, "interrupted while waiting for the test notification");
        }
        return data;
    }

    private Reply history(Call call) {
        Query q = call.query();
        NotificationStatus status = q.parsed("status", NotificationStatus::parse, "pending, sent, failed, delivered").orElse(null);
        Instant from = q.instant("startTime").orElse(null);
        Instant to = q.instant("endTime").orElse(null);
        RecordsApi.requireOrder(from, to);
        Page<NotificationRecord> page = s.alerting.store().findNotifications(new NotificationQuery(
                q.string("alertId").orElse(null), q.string("ruleId").orElse(null), q.string("method").orElse(null),
                status, from, to, q.page()));
        ArrayNode list = Json.array();
        page.items().forEach(n -> list.add(RecordJson.notification(n)));
        return Envelope.ok(Envelope.page(list, page));
    }
}
