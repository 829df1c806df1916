package io.vigil.alerting.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.api.NotificationConfig;
import io.vigil.alerting.api.NotificationConfig.DeliveryPolicy;
import io.vigil.alerting.api.NotificationConfig.QuietHours;
import io.vigil.alerting.api.NotificationConfig.Sms;
import io.vigil.alerting.api.NotificationConfig.Smtp;
import io.vigil.alerting.api.NotificationConfig.SmtpSecurity;

import java.time.LocalTime;
import java.time.ZoneId;

/** The notification configuration as one JSON document, secrets included as given. */
final class ConfigJson {
    private ConfigJson() {
    }

    static String write(NotificationConfig c) {
        ObjectNode n = Json.object();
        if (c.email() != null) {
            Smtp e = c.email();
            ObjectNode o = n.putObject("email");
            o.put("enabled", e.enabled());
            Json.put(o, "host", e.host());
            o.put("port", e.port());
            Json.put(o, "security", e.security());
            Json.put(o, "username", e.username());
            Json.put(o, "password", e.password());
            Json.put(o, "from", e.from());
            Json.put(o, "fromName", e.fromName());
        }
        if (c.sms() != null) {
            Sms s = c.sms();
            ObjectNode o = n.putObject("sms");
            o.put("enabled", s.enabled());
            Json.put(o, "provider", s.provider());
            Json.put(o, "apiKey", s.apiKey());
            Json.put(o, "apiSecret", s.apiSecret());
            Json.put(o, "signature", s.signature());
            Json.put(o, "urlTemplate", s.urlTemplate());
        }
        Json.putStringMap(n, "defaultTemplates", c.defaultTemplates());
        DeliveryPolicy p = c.policy();
        ObjectNode o = n.putObject("policy");
        o.put("maxRetry", p.maxRetry());
        Json.put(o, "retryInterval", p.retryInterval());
        Json.put(o, "maxRetryTime", p.maxRetryTime());
        Json.put(o, "minInterval", p.minInterval());
        if (p.quietHours() != null) {
            QuietHours q = p.quietHours();
            ObjectNode qo = o.putObject("quietHours");
            qo.put("enabled", q.enabled());
            qo.put("start", q.start().toString());
            qo.put("end", q.end().toString());
            qo.put("zone", q.zone().getId());
            qo.put("criticalBypasses", q.criticalBypasses());
        }
        return Json.write(n);
    }

    static NotificationConfig read(String text) {
        JsonNode n = Json.parse(text, "notification configuration");
        JsonNode e = Json.field(n, "email");
        Smtp email = e == null ? null : new Smtp(Json.bool(e, "enabled", false), Json.text(e, "host"),
                e.path("port").asInt(), Json.enumValue(e, "security", SmtpSecurity.class), Json.text(e, "username"),
                Json.secret(e, "password"), Json.text(e, "from"), Json.text(e, "fromName"));
        JsonNode s = Json.field(n, "sms");
        Sms sms = s == null ? null : new Sms(Json.bool(s, "enabled", false), Json.text(s, "provider"),
                Json.secret(s, "apiKey"), Json.secret(s, "apiSecret"), Json.text(s, "signature"),
                Json.text(s, "urlTemplate"));
        JsonNode p = Json.field(n, "policy");
        DeliveryPolicy policy = null;
        if (p != null) {
            JsonNode q = Json.field(p, "quietHours");
            QuietHours quiet = q == null ? null : new QuietHours(Json.bool(q, "enabled", false),
                    LocalTime.parse(Json.text(q, "start")), LocalTime.parse(Json.text(q, "end")),
                    ZoneId.of(Json.text(q, "zone")), Json.bool(q, "criticalBypasses", false));
            policy = new DeliveryPolicy(p.path("maxRetry").asInt(), Json.duration(p, "retryInterval"),
                    Json.duration(p, "maxRetryTime"), Json.duration(p, "minInterval"), quiet);
        }
        return new NotificationConfig(email, sms, Json.stringMap(n, "defaultTemplates"), policy);
    }
}
