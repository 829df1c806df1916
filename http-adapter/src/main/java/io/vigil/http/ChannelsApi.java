package io.vigil.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.Secret;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Seed 002's notification channels under {@code /api/v1/notifications/channels}: list, create,
 * update, delete, test and toggle. Secrets are never shown: the signing secret, credential-like
 * header values and the token part of Discord and Slack webhook URLs are redacted (by the model:
 * {@link ChannelSettings#redacted(String)}), and sending a redacted value back keeps what is stored
 * ({@link ChannelSettings#restoredFrom(ChannelSettings, String)}).
 */
final class ChannelsApi {
    private static final String BASE = "/api/v1/notifications/channels";
    private static final String TAG = "Notification channels (seed 002)";

    private final Services s;
    private final ChannelStore store;

    ChannelsApi(Services services) {
        this.s = services;
        this.store = services.options.channelStore();
    }

    List<Route> routes() {
        return List.of(
                Route.get(BASE).tag(TAG).summary("List notification channels").handler(this::list),
                Route.get(BASE + "/{id}").tag(TAG).summary("Get a channel").handler(this::get),
                Route.post(BASE).permission(Permission.ALERT_WRITE).tag(TAG).status(201).summary("Add a channel")
                        .body("{name, type, enabled?, config?: {recipients, cc, template, url, method, headers, secret, sendResolved}}")
                        .handler(this::create),
                Route.put(BASE + "/{id}").permission(Permission.ALERT_WRITE).tag(TAG)
                        .summary("Change a channel: the fields given replace the stored ones").body("NotificationChannel (partial)")
                        .handler(this::update),
                Route.delete(BASE + "/{id}").permission(Permission.ALERT_WRITE).tag(TAG).summary("Delete a channel")
                        .handler(this::delete),
                Route.post(BASE + "/{id}/test").permission(Permission.ALERT_WRITE).tag(TAG)
                        .summary("Send a test notification through the channel").body("{recipient?: string}").handler(this::test),
                Route.post(BASE + "/{id}/toggle").permission(Permission.ALERT_WRITE).tag(TAG)
                        .summary("Switch a channel on or off (flips it, or sets {enabled})").body("{enabled?: boolean}")
                        .handler(this::toggle));
    }

    private NotificationChannel require(String id) {
        return store.find(id).orElseThrow(() -> ApiException.notFound("no notification channel '" + id + "'"));
    }

    private Reply list(Call call) {
        ArrayNode list = Json.array();
        store.list().forEach(c -> list.add(write(c)));
        ObjectNode data = Json.object();
        data.set("list", list);
        data.put("total", list.size());
        return Envelope.ok(data);
    }

    private Reply get(Call call) {
        return Envelope.ok(write(require(call.path("id"))));
    }

    private Reply create(Call call) throws IOException {
        ObjectNode body = call.jsonObject(true);
        Fields.only(body, "", "name", "type", "enabled", "config");
        ObjectNode config = Fields.object(body, "config");
        String type = Fields.requiredText(body, "type", 64);
        ChannelSettings settings = settings(config == null ? Json.object() : config, null, type);
        var now = s.now();
        NotificationChannel channel = Channels.valid(() -> new NotificationChannel(Services.newId("ch_"),
                Fields.requiredText(body, "name", 200), type, !Boolean.FALSE.equals(Fields.bool(body, "enabled")),
                settings, now, now));
        return Envelope.created(write(store.create(channel)));
    }

    private Reply update(Call call) throws IOException {
        NotificationChannel current = require(call.path("id"));
        ObjectNode body = call.jsonObject(true);
        Fields.only(body, "", "name", "type", "enabled", "config");
        String name = body.has("name") ? Fields.requiredText(body, "name", 200) : current.name();
        String type = body.has("type") ? Fields.requiredText(body, "type", 64) : current.type();
        boolean enabled = body.has("enabled") ? Boolean.TRUE.equals(Fields.bool(body, "enabled")) : current.enabled();
        ChannelSettings settings = current.settings();
        if (body.has("config")) {
            ObjectNode config = Fields.object(body, "config");
            settings = settings(config == null ? Json.object() : config, current.settings(), type);
        }
        ChannelSettings finalSettings = settings;
        NotificationChannel changed = Channels.valid(() -> new NotificationChannel(current.id(), name, type, enabled,
                finalSettings, current.createdAt(), s.now()));
        NotificationChannel stored = store.update(changed)
                .orElseThrow(() -> ApiException.notFound("no notification channel '" + current.id() + "'"));
        return Envelope.ok(write(stored), "Updated");
    }

    private Reply delete(Call call) {
        String id = call.path("id");
        if (!store.delete(id)) {
            throw ApiException.notFound("no notification channel '" + id + "'");
        }
        ObjectNode data = Json.object().put("id", id).put("deleted", true);
        return Envelope.ok(data, "Deleted");
    }

    private Reply test(Call call) throws IOException {
        NotificationChannel channel = require(call.path("id"));
        ObjectNode body = call.jsonObject(false);
        Fields.only(body, "", "recipient");
        String recipient = Fields.text(body, "recipient", 500);
        if (recipient == null) {
            recipient = channel.settings().recipients().isEmpty() ? channel.name() : channel.settings().recipients().get(0);
        }
        ObjectNode data = NotificationsApi.sendTest(s, channel.type(), recipient, channel.settings());
        data.put("channelId", channel.id());
        return Envelope.ok(data, "Test notification processed");
    }

    private Reply toggle(Call call) throws IOException {
        NotificationChannel current = require(call.path("id"));
        ObjectNode body = call.jsonObject(false);
        Fields.only(body, "", "enabled");
        Boolean wanted = Fields.bool(body, "enabled");
        boolean enabled = wanted != null ? wanted : !current.enabled();
        NotificationChannel stored = store.update(current.withEnabled(enabled, s.now()))
                .orElseThrow(() -> ApiException.notFound("no notification channel '" + current.id() + "'"));
        return Envelope.ok(write(stored), enabled ? "Enabled" : "Disabled");
    }

    /** The settings a config object describes; redacted values keep those of {@code current}. */
    private static ChannelSettings settings(ObjectNode c, ChannelSettings current, String type) {
        Fields.only(c, "config", "recipients", "cc", "template", "url", "method", "headers", "secret", "sendResolved", "enabled");
        List<String> recipients = Fields.strings(c, "recipients", 500, 500);
        List<String> cc = Fields.strings(c, "cc", 500, 500);
        String url = Fields.text(c, "url", 2000);
        Map<String, String> headers = Fields.stringMap(c, "headers", 50, 4000);
        String secretText = Fields.text(c, "secret", 1000);
        if (Secret.REDACTED.equals(secretText) && (current == null || current.secret() == null)) {
            throw ApiException.badParameter("config.secret", "no stored secret to keep; send the secret itself");
        }
        String method = Fields.text(c, "method", 10);
        ChannelSettings given = Channels.valid(() -> new ChannelSettings(true, recipients, cc,
                Fields.text(c, "template", 100), Fields.bool(c, "sendResolved"), url, method, headers,
                Secret.ofNullable(secretText)));
        return current == null ? given : given.restoredFrom(current, type);
    }

    private static ObjectNode write(NotificationChannel ch) {
        ObjectNode o = Json.object();
        o.put("id", ch.id());
        o.put("name", ch.name());
        o.put("type", ch.type());
        o.put("enabled", ch.enabled());
        ChannelSettings st = ch.settings().redacted(ch.type());
        ObjectNode c = o.putObject("config");
        c.set("recipients", Json.strings(st.recipients()));
        if (!st.cc().isEmpty()) {
            c.set("cc", Json.strings(st.cc()));
        }
        c.put("template", st.template());
        c.put("url", st.url());
        c.put("method", st.httpMethod());
        ObjectNode headers = c.putObject("headers");
        st.headers().forEach(headers::put);
        if (st.secret() != null) {
            c.put("secret", st.secret().reveal()); // the placeholder: st is the redacted copy
        }
        if (st.sendResolved() != null) {
            c.put("sendResolved", st.sendResolved());
        }
        o.set("createdAt", Json.instant(ch.createdAt()));
        o.set("updatedAt", Json.instant(ch.updatedAt()));
        return o;
    }

    /** Model validation here is about a request's fields: 400 with every problem. */
    private static final class Channels {
        static <T> T valid(java.util.function.Supplier<T> make) {
            try {
                return make.get();
            } catch (io.vigil.alerting.api.AlertingException e) {
                throw ApiException.from(e, false);
            }
        }
    }
}
