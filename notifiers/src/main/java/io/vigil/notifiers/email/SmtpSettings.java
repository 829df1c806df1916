package io.vigil.notifiers.email;

import io.vigil.alerting.api.NotificationConfig;
import io.vigil.alerting.api.NotificationConfig.SmtpSecurity;
import io.vigil.alerting.api.Secret;
import io.vigil.alerting.spi.NotifierContext;
import io.vigil.notifiers.internal.Settings;
import io.vigil.notifiers.internal.Texts;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Where and how mail is sent: seed 003's {@code email} configuration if the store has one, else
 * seed 000's {@code SMTP_SERVER}, {@code SMTP_PORT}, {@code SMTP_USERNAME}, {@code SMTP_PASSWORD}
 * and the further {@code SMTP_*} settings listed in the README.
 */
record SmtpSettings(String host, int port, SmtpSecurity security, String username, Secret password, String from,
                    String fromName, List<String> defaultTo, Duration connectTimeout, Duration timeout,
                    String sslTrust) {

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    static Optional<SmtpSettings> from(NotifierContext context) {
        Settings s = new Settings(context);
        List<String> defaultTo = s.text("SMTP_TO").map(v -> Arrays.stream(v.split(","))
                .map(String::trim).filter(a -> !a.isEmpty()).toList()).orElse(List.of());
        Duration connect = s.duration("SMTP_CONNECT_TIMEOUT", DEFAULT_CONNECT_TIMEOUT);
        Duration timeout = s.duration("SMTP_TIMEOUT", DEFAULT_TIMEOUT);
        String trust = s.text("SMTP_SSL_TRUST").orElse(null);
        NotificationConfig.Smtp smtp = context.config().email();
        if (smtp != null) {
            if (!smtp.enabled()) {
                return Optional.empty();
            }
            return Optional.of(new SmtpSettings(smtp.host(), smtp.port(), smtp.security(), smtp.username(),
                    smtp.password(), smtp.from(), smtp.fromName(), defaultTo, connect, timeout, trust).checked());
        }
        Optional<String> host = s.text("SMTP_SERVER");
        if (host.isEmpty()) {
            return Optional.empty();
        }
        int port = s.integer("SMTP_PORT", 587);
        SmtpSecurity security = s.text("SMTP_SECURITY").map(SmtpSettings::security)
                .orElse(port == 465 ? SmtpSecurity.TLS : SmtpSecurity.STARTTLS);
        String username = s.text("SMTP_USERNAME").orElse(null);
        String from = s.text("SMTP_FROM").orElse(username);
        return Optional.of(new SmtpSettings(host.get(), port, security, username, s.secret("SMTP_PASSWORD").orElse(null),
                from, s.text("SMTP_FROM_NAME").orElse(null), defaultTo, connect, timeout, trust).checked());
    }

    private static SmtpSecurity security(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "none": case "plain": return SmtpSecurity.NONE;
            case "starttls": return SmtpSecurity.STARTTLS;
            case "tls": case "ssl": case "smtps": return SmtpSecurity.TLS;
            default: throw new IllegalArgumentException("SMTP_SECURITY must be none, starttls or tls");
        }
    }

    /** The sender is configuration, not input, but a bad one must fail at start-up, not per message. */
    private SmtpSettings checked() {
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("email needs a sender: set SMTP_FROM (or SMTP_USERNAME)");
        }
        if (Texts.hasControlCharacter(from) || EmailAddresses.parse(from).isEmpty()) {
            throw new IllegalArgumentException("SMTP_FROM is not a single valid email address");
        }
        return this;
    }

    /** Jakarta Mail session properties; timeouts always set so a dead server cannot hang a sender thread. */
    Properties sessionProperties() {
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", Integer.toString(port));
        p.put("mail.smtp.auth", Boolean.toString(username != null));
        p.put("mail.smtp.from", from);
        p.put("mail.smtp.connectiontimeout", Long.toString(connectTimeout.toMillis()));
        p.put("mail.smtp.timeout", Long.toString(timeout.toMillis()));
        p.put("mail.smtp.writetimeout", Long.toString(timeout.toMillis()));
        if (security == SmtpSecurity.STARTTLS) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true"); // never fall back to plain text
        } else if (security == SmtpSecurity.TLS) {
            p.put("mail.smtp.ssl.enable", "true");
        }
        if (security != SmtpSecurity.NONE) {
            if (sslTrust == null) {
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            } else {
                // SMTP_SSL_TRUST is the explicit opt-out for internal relays with self-signed
                // certificates: their certificate is trusted as is, name included.
                p.put("mail.smtp.ssl.trust", sslTrust);
                p.put("mail.smtp.ssl.checkserveridentity", "false");
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + ", " + security + ", user=" + username + ", from=" + from + "]";
    }
}
