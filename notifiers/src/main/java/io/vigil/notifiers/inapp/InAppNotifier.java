package io.vigil.notifiers.inapp;

import io.vigil.alerting.api.Channels;
import io.vigil.alerting.spi.AlertStore;
import io.vigil.alerting.spi.DeliveryResult;
import io.vigil.alerting.spi.InboxMessage;
import io.vigil.alerting.spi.Notification;
import io.vigil.alerting.spi.Notifier;
import io.vigil.notifiers.internal.Texts;
import io.vigil.notifiers.template.MessageRenderer;
import io.vigil.notifiers.template.RenderedMessage;
import io.vigil.notifiers.template.TextFormat;

import java.time.Clock;
import java.time.Instant;

/**
 * The in-app inbox (seed 003 {@code inApp}): one {@link InboxMessage} per user, or one for
 * {@link InboxMessage#ALL_ADMINS} when the rule names no users. Reading and marking read is the
 * store's API ({@link AlertStore#inbox}, {@link AlertStore#markRead}). The message id is the
 * notification id, so a repeated attempt rewrites the same message instead of adding another.
 */
final class InAppNotifier implements Notifier {
    static final int MAX_TITLE = 200;

    private final AlertStore store;
    private final MessageRenderer renderer;
    private final Clock clock;

    InAppNotifier(AlertStore store, MessageRenderer renderer, Clock clock) {
        this.store = store;
        this.renderer = renderer;
        this.clock = clock;
    }

    @Override
    public String channel() {
        return Channels.IN_APP;
    }

    @Override
    public DeliveryResult send(Notification n) {
        String user = n.recipient().isBlank() ? InboxMessage.ALL_ADMINS : n.recipient().trim();
        Instant now = clock.instant();
        RenderedMessage text = renderer.render(n, TextFormat.PLAIN, now);
        try {
            store.addInboxMessage(new InboxMessage(n.id(), user, n.message().recordId(), n.message().severity(),
                    Texts.truncate(Texts.singleLine(text.title()), MAX_TITLE), text.body(), now, null));
            return DeliveryResult.delivered("inbox of " + user);
        } catch (RuntimeException e) {
            return DeliveryResult.retryable("could not write the inbox message: " + e.getClass().getSimpleName());
        }
    }
}
