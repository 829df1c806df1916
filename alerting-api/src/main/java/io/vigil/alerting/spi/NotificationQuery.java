package io.vigil.alerting.spi;

import io.vigil.alerting.api.NotificationRecord;
import io.vigil.alerting.api.NotificationStatus;

import java.time.Instant;

/**
 * Filters for notification records; {@code null} means "any". Results are ordered newest first.
 *
 * @param alertId only notifications of this alert
 * @param ruleId  only notifications of this rule
 * @param method  only this channel
 * @param status  only this status
 * @param from    created at or after
 * @param to      created before
 * @param page    which page
 */
public record NotificationQuery(String alertId, String ruleId, String method, NotificationStatus status,
                                Instant from, Instant to, PageRequest page) {
    public NotificationQuery {
        page = page == null ? PageRequest.first() : page;
    }

    public static NotificationQuery all() {
        return new NotificationQuery(null, null, null, null, null, null, PageRequest.all());
    }

    public static NotificationQuery forAlert(String alertId) {
        return new NotificationQuery(alertId, null, null, null, null, null, PageRequest.all());
    }

    public boolean matches(NotificationRecord n) {
        return (alertId == null || alertId.equals(n.alertId()))
                && (ruleId == null || ruleId.equals(n.ruleId()))
                && (method == null || method.equals(n.method()))
                && (status == null || status == n.status())
                && (from == null || !n.createdAt().isBefore(from))
                && (to == null || n.createdAt().isBefore(to));
    }
}
