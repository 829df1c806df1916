package io.vigil.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.api.NotificationConfig;
import io.vigil.alerting.api.NotificationConfig.DeliveryPolicy;
import io.vigil.alerting.api.NotificationConfig.QuietHours;
import io.vigil.alerting.api.NotificationConfig.Smtp;
import io.vigil.alerting.api.NotificationConfig.SmtpSecurity;
import io.vigil.alerting.api.NotificationConfig.Sms;
import io.vigil.alerting.api.Secret;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Seed 003's global notification configuration in JSON. Secrets (SMTP password, SMS key and
 * secret) are shown as {@value Secret#REDACTED}; sending that placeholder back keeps the stored
 * secret. An update replaces the sections it holds ({@code email}, {@code sms},
 * {@code defaultTemplates}, {@code globalPolicy}) and keeps the others; {@code null} removes one.
 */
final class ConfigJson {
    private ConfigJson() {
    }

    static ObjectNode write(NotificationConfig c) {
        NotificationConfig r = c.redacted();
        ObjectNode o = Json.object();
        if (r.email() == null) {
            o.putNull("email");
        } else {
            Smtp e = r.email();
            ObjectNode email = o.putObject("email");
            email.put("enabled", e.enabled());
            ObjectNode smtp = email.putObject("smtp");
            smtp.put("host", e.host());
            smtp.put("port", e.port());
            smtp.put("secure", e.security() != SmtpSecurity.NONE);
            smtp.put("security", e.security().name().toLowerCase(Locale.ROOT));
            if (e.username() != null || e.password() != null) {
                ObjectNode auth = smtp.putObject("auth");
                auth.put("user", e.username());
                if (e.password() != null) {
                    auth.put("pass", Secret.REDACTED);
                }
            }
            email.put("from", e.from());
            email.put("fromName", e.fromName());
        }
        if (r.sms() == null) {
            o.putNull("sms");
        } else {
            Sms s = r.sms();
            ObjectNode sms = o.putObject("sms");
            sms.put("enabled", s.enabled());
            sms.put("provider", s.provider());
            if (s.apiKey() != null) {
                sms.put("apiKey", Secret.REDACTED);
            }
            if (s.apiSecret() != null) {
                sms.put("apiSecret", Secret.REDACTED);
            }
            sms.put("signature", s.signature());
            sms.put("urlTemplate", s.urlTemplate());
        }
        ObjectNode templates = o.putObject("defaultTemplates");
        new java.util.TreeMap<>(r.defaultTemplates()).forEach(templates::put);
        DeliveryPolicy p = r.policy();
        ObjectNode policy = o.putObject("globalPolicy");
        policy.put("maxRetry", p.maxRetry());
        policy.put("retryInterval", p.retryInterval().toSeconds());
        policy.put("maxRetryTime", p.maxRetryTime().toSeconds());
        policy.put("minInterval", p.minInterval().toSeconds());
        if (p.quietHours() != null) {
            QuietHours q = p.quietHours();
            ObjectNode quiet = policy.putObject("quietHours");
            quiet.put("enabled", q.enabled());
            quiet.put("start", q.start().toString());
            quiet.put("end", q.end().toString());
            quiet.put("zone", q.zone().getId());
            quiet.put("criticalBypasses", q.criticalBypasses());
        }
        return o;
    }

    /** The stored configuration with the sections of {@code body} applied. */
    static NotificationConfig update(NotificationConfig current, ObjectNode body) {
        Fields.only(body, "", "email", "sms", "defaultTemplates", "globalPolicy");
        Smtp email = current.email();
        Sms sms = current.sms();
        Map<String, String> templates = current.defaultTemplates();
        DeliveryPolicy policy = current.policy();
        if (body.has("email")) {
            email = body.get("email").isNull() ? null : email(Fields.object(body, "email"), current.email());
        }
        if (body.has("sms")) {
            sms = body.get("sms").isNull() ? null : sms(Fields.object(body, "sms"), current.sms());
        }
        if (body.has("defaultTemplates")) {
            Map<String, String> t = Fields.stringMap(body, "defaultTemplates", 50, 100);
            templates = t == null ? Map.of() : t;
        }
        if (body.has("globalPolicy")) {
            ObjectNode g = Fields.object(body, "globalPolicy");
            policy = g == null ? DeliveryPolicy.defaults() : policy(g, policy);
        }
        return new NotificationConfig(email, sms, templates, policy);
    }

    private static Smtp email(ObjectNode e, Smtp current) {
        Fields.only(e, "email", "enabled", "smtp", "from", "fromName");
        ObjectNode smtp = Fields.object(e, "smtp");
        if (smtp == null) {
            smtp = Json.object();
        }
        Fields.only(smtp, "email.smtp", "host", "port", "secure", "security", "auth");
        String host = Fields.text(smtp, "host", 255);
        Integer port = Fields.integer(smtp, "port", 1, 65535);
        int p = port == null ? 587 : port;
        SmtpSecurity security = security(smtp, p);
        String user = null;
        Secret password = null;
        ObjectNode auth = Fields.object(smtp, "auth");
        if (auth != null) {
            Fields.only(auth, "email.smtp.auth", "user", "pass");
            user = Fields.text(auth, "user", 320);
            String pass = Fields.text(auth, "pass", 1000);
            password = Secret.REDACTED.equals(pass) ? (current == null ? null : current.password()) : Secret.ofNullable(pass);
            if (Secret.REDACTED.equals(pass) && password == null) {
                throw ApiException.badParameter("email.smtp.auth.pass", "no stored password to keep; send the password itself");
            }
        }
        boolean enabled = !Boolean.FALSE.equals(Fields.bool(e, "enabled"));
        return new Smtp(enabled, host, p, security, user, password, Fields.text(e, "from", 320), Fields.text(e, "fromName", 200));
    }

    private static SmtpSecurity security(ObjectNode smtp, int port) {
        String named = Fields.text(smtp, "security", 20);
        if (named != null) {
            switch (named.toLowerCase(Locale.ROOT)) {
                case "none": return SmtpSecurity.NONE;
                case "starttls": return SmtpSecurity.STARTTLS;
                case "tls": case "ssl": return SmtpSecurity.TLS;
                default: throw ApiException.badParameter("email.smtp.security", "none, starttls or tls");
            }
        }
        Boolean secure = Fields.bool(smtp, "secure");
        if (Boolean.FALSE.equals(secure)) {
            return SmtpSecurity.NONE;
        }
        // seed 003 writes secure: true with port 587, which is STARTTLS; 465 is TLS from the first byte
        return port == 465 ? SmtpSecurity.TLS : SmtpSecurity.STARTTLS;
    }

    private static Sms sms(ObjectNode s, Sms current) {
        Fields.only(s, "sms", "enabled", "provider", "apiKey", "apiSecret", "signature", "urlTemplate");
        Secret key = keep(Fields.text(s, "apiKey", 1000), current == null ? null : current.apiKey(), "sms.apiKey");
        Secret secret = keep(Fields.text(s, "apiSecret", 1000), current == null ? null : current.apiSecret(), "sms.apiSecret");
        boolean enabled = Boolean.TRUE.equals(Fields.bool(s, "enabled"));
        return new Sms(enabled, Fields.text(s, "provider", 100), key, secret, Fields.text(s, "signature", 100),
                Fields.text(s, "urlTemplate", 2000));
    }

    private static Secret keep(String given, Secret stored, String path) {
        if (Secret.REDACTED.equals(given)) {
            if (stored == null) {
                throw ApiException.badParameter(path, "no stored secret to keep; send the secret itself");
            }
            return stored;
        }
        return Secret.ofNullable(given);
    }

    private static DeliveryPolicy policy(ObjectNode g, DeliveryPolicy current) {
        Fields.only(g, "globalPolicy", "maxRetry", "retryInterval", "maxRetryTime", "minInterval", "quietHours");
        Integer maxRetry = Fields.integer(g, "maxRetry", 0, 100);
        QuietHours quiet = current.quietHours();
        if (g.has("quietHours")) {
            ObjectNode q = Fields.object(g, "quietHours");
            quiet = q == null ? null : quietHours(q);
        }
        return new DeliveryPolicy(maxRetry == null ? current.maxRetry() : maxRetry,
                seconds(g, "retryInterval", current.retryInterval()),
                seconds(g, "maxRetryTime", current.maxRetryTime()),
                seconds(g, "minInterval", current.minInterval()), quiet);
    }

    private static Duration seconds(ObjectNode g, String name, Duration current) {
        Integer v = Fields.integer(g, name, 0, 30 * 24 * 3600);
        return v == null ? current : Duration.ofSeconds(v);
    }

    private static QuietHours quietHours(ObjectNode q) {
        Fields.only(q, "globalPolicy.quietHours", "enabled", "start", "end", "zone", "criticalBypasses");
        LocalTime start = time(q, "start");
        LocalTime end = time(q, "end");
        String zoneText = Fields.text(q, "zone", 100);
        ZoneId zone;
        try {
            zone = zoneText == null ? null : ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            throw ApiException.badParameter("globalPolicy.quietHours.zone", "a time zone such as Asia/Shanghai or UTC");
        }
        Boolean bypass = Fields.bool(q, "criticalBypasses");
        return new QuietHours(Boolean.TRUE.equals(Fields.bool(q, "enabled")), start, end, zone, bypass == null || bypass);
    }

    private static LocalTime time(ObjectNode q, String name) {
        String text = Fields.requiredText(q, name, 10);
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter("globalPolicy.quietHours." + name, "a time of day as HH:mm");
        }
    }
}
