package io.vigil.notifiers.email;

import io.vigil.alerting.testing.ManualClock;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NotificationConfig;
import io.vigil.alerting.api.NotificationConfig.SmtpSecurity;
import io.vigil.alerting.api.NotificationKind;
import io.vigil.alerting.api.Secret;
import io.vigil.alerting.spi.DeliveryResult;
import io.vigil.alerting.spi.DeliveryResult.Outcome;
import io.vigil.alerting.spi.Notifier;
import io.vigil.notifiers.Fixtures;
import io.vigil.notifiers.NotifierEnvironment;
import io.vigil.notifiers.TestContext;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailNotifierTest {
    private final ManualClock clock = ManualClock.at("2026-02-03T12:31:00Z");
    private GreenMail mail;

    @BeforeEach
    void startMailServer() {
        mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS)});
        mail.withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@vigil.test", "alerts", "s3cret"));
        mail.start();
    }

    @AfterEach
    void stopMailServer() {
        mail.stop();
    }

    private Map<String, String> smtp(int port, String security) {
        Map<String, String> s = new HashMap<>();
        s.put("SMTP_SERVER", "127.0.0.1");
        s.put("SMTP_PORT", Integer.toString(port));
        s.put("SMTP_USERNAME", "alerts");
        s.put("SMTP_PASSWORD", "s3cret");
        s.put("SMTP_FROM", "alerts@vigil.test");
        s.put("SMTP_FROM_NAME", "Vigil Alerts");
        s.put("SMTP_SECURITY", security);
        s.put("SMTP_CONNECT_TIMEOUT", "2s");
        s.put("SMTP_TIMEOUT", "2s");
        return s;
    }

    private DeliveryResult send(Map<String, String> settings, io.vigil.alerting.spi.Notification n) {
        try (NotifierEnvironment env = TestContext.env(clock, settings);
             Notifier email = new EmailNotifierProvider().create(env).orElseThrow()) {
            return email.send(n);
        }
    }

    private int smtpPort() {
        return mail.getSmtp().getPort();
    }

    @Test
    void deliversMultipartAlternativeWithTheRightHeaders() throws Exception {
        ChannelSettings settings = new ChannelSettings(true, List.of("ops@example.com"), List.of("lead@example.com"),
                null, null, null, null, Map.of(), null);

        DeliveryResult result = send(smtp(smtpPort(), "none"), Fixtures.notification("email", "ops@example.com",
                settings, NotificationKind.FIRING, Fixtures.named("CPU <high> & hot", Labels.of("host", "web-1"))));

        assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.DELIVERED);
        assertThat(mail.waitForIncomingEmail(5000, 2)).isTrue();
        MimeMessage m = mail.getReceivedMessages()[0];
        InternetAddress from = (InternetAddress) m.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("alerts@vigil.test");
        assertThat(from.getPersonal()).isEqualTo("Vigil Alerts");
        assertThat(m.getSubject()).isEqualTo("[HIGH] CPU <high> & hot is firing");
        assertThat(m.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly("ops@example.com");
        assertThat(m.getRecipients(Message.RecipientType.CC)).extracting(Object::toString).containsExactly("lead@example.com");
        assertThat(m.getHeader("X-Vigil-Delivery")).containsExactly("n-1");
        assertThat(m.getSentDate().toInstant()).isEqualTo(clock.instant());
        assertThat(m.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").contains("UTF-8");
        assertThat((String) parts.getBodyPart(0).getContent()).contains("CPU <high> & hot fired at 2026-02-03T12:30:00Z.",
                "Metric: cpu.usagePercent = 85.5", "Labels: host=web-1");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(html).contains("<h2", "CPU &lt;high&gt; &amp; hot fired at", "cpu.usagePercent &gt;= 80", "<br>")
                .doesNotContain("<high>");
        assertThat(mail.getReceivedMessagesForDomain("example.com")).hasSize(2); // to and cc
    }

    @Test
    void aLineBreakInTheSubjectCannotAddAHeader() throws Exception {
        DeliveryResult result = send(smtp(smtpPort(), "none"), Fixtures.notification("email", "ops@example.com",
                ChannelSettings.defaults(), NotificationKind.FIRING,
                Fixtures.named("CPU\r\nBcc: attacker@evil.test\r\nX-Evil: 1", Labels.of("host", "h\r\nTo: x@evil.test"))));

        assertThat(result.isDelivered()).isTrue();
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage m = mail.getReceivedMessages()[0];
        assertThat(m.getSubject()).isEqualTo("[HIGH] CPU  Bcc: attacker@evil.test  X-Evil: 1 is firing");
        assertThat(m.getHeader("X-Evil")).isNull();
        assertThat(m.getHeader("Bcc")).isNull();
        assertThat(GreenMailUtil.getHeaders(m)).doesNotContain("\r\nBcc:", "\r\nX-Evil:");
        assertThat(mail.getReceivedMessagesForDomain("evil.test")).isEmpty();
        assertThat(mail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void anAddressWithALineBreakOrSeveralAddressesIsRefusedPermanently() {
        for (String bad : List.of("ops@example.com\r\nBcc: attacker@evil.test", "ops@example.com, attacker@evil.test",
                "not an address", "ops@example.com\n")) {
            DeliveryResult result = send(smtp(smtpPort(), "none"), Fixtures.firing("email", bad, ChannelSettings.defaults()));
            assertThat(result.outcome()).as(bad).isEqualTo(Outcome.PERMANENT);
            assertThat(result.detail()).startsWith("invalid recipient address").doesNotContain("\r", "\n");
        }
        ChannelSettings badCc = new ChannelSettings(true, List.of(), List.of("x@y.z\r\nBcc: a@evil.test"), null, null,
                null, null, Map.of(), null);
        assertThat(send(smtp(smtpPort(), "none"), Fixtures.firing("email", "ops@example.com", badCc)).outcome())
                .isEqualTo(Outcome.PERMANENT);
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void refusedCredentialsArePermanent() {
        Map<String, String> settings = smtp(smtpPort(), "none");
        settings.put("SMTP_PASSWORD", "wrong");

        DeliveryResult result = send(settings, Fixtures.firing("email", "ops@example.com", ChannelSettings.defaults()));

        assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(result.detail()).startsWith("SMTP authentication failed").doesNotContain("wrong");
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aServerThatIsDownIsRetryable() {
        int port = smtpPort();
        mail.stop();

        DeliveryResult result = send(smtp(port, "none"), Fixtures.firing("email", "ops@example.com", ChannelSettings.defaults()));

        assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(result.detail()).contains("cannot connect to 127.0.0.1:" + port);
    }

    @Test
    void aServerThatNeverGreetsTimesOutAsRetryable() throws Exception {
        // The kernel completes the TCP handshake for the backlog; nobody ever writes the SMTP greeting.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            Map<String, String> settings = smtp(silent.getLocalPort(), "none");
            settings.put("SMTP_TIMEOUT", "300ms");

            DeliveryResult result = send(settings, Fixtures.firing("email", "ops@example.com", ChannelSettings.defaults()));

            assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
            assertThat(result.detail()).contains("timeout");
        }
    }

    @Test
    void implicitTlsWorksWithAnExplicitlyTrustedCertificateAndFailsWithoutIt() throws Exception {
        Map<String, String> tls = smtp(mail.getSmtps().getPort(), "tls");
        DeliveryResult untrusted = send(tls, Fixtures.firing("email", "ops@example.com", ChannelSettings.defaults()));
        assertThat(untrusted.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(untrusted.detail()).contains("TLS");

        tls.put("SMTP_SSL_TRUST", "*");
        DeliveryResult trusted = send(tls, Fixtures.firing("email", "ops@example.com", ChannelSettings.defaults()));
        assertThat(trusted.outcome()).as(trusted.detail()).isEqualTo(Outcome.DELIVERED);
        assertThat(mail.waitForIncomingEmail(5000, 1)).isTrue();
    }

    @Test
    void requiredStarttlsIsNeverSilentlySkipped() {
        DeliveryResult result = send(smtp(smtpPort(), "starttls"),
                Fixtures.firing("email", "ops@example.com", ChannelSettings.defaults()));

        assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(result.detail()).contains("STARTTLS");
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    void theStoredConfigurationWinsOverEnvironmentSettingsAndDefaultRecipientsApply() throws Exception {
        NotificationConfig config = new NotificationConfig(new NotificationConfig.Smtp(true, "127.0.0.1", smtpPort(),
                SmtpSecurity.NONE, "alerts", Secret.of("s3cret"), "alerts@vigil.test", "VM监控系统"), null, null, null);
        try (NotifierEnvironment env = TestContext.env(clock, Map.of("SMTP_SERVER", "192.0.2.1",
                "SMTP_TO", "a@example.com, b@example.com"), config, null);
             Notifier email = new EmailNotifierProvider().create(env).orElseThrow()) {
            assertThat(email.send(Fixtures.firing("email", "", ChannelSettings.defaults())).isDelivered()).isTrue();
        }
        assertThat(mail.waitForIncomingEmail(5000, 2)).isTrue();
        MimeMessage m = mail.getReceivedMessages()[0];
        assertThat(((InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo("VM监控系统");
        assertThat(m.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("a@example.com", "b@example.com");
    }

    @Test
    void configurationIsCheckedAtCreation() {
        try (NotifierEnvironment none = TestContext.env(clock, Map.of())) {
            assertThat(new EmailNotifierProvider().create(none)).isEmpty();
        }
        try (NotifierEnvironment noSender = TestContext.env(clock, Map.of("SMTP_SERVER", "127.0.0.1"))) {
            assertThatThrownBy(() -> new EmailNotifierProvider().create(noSender)).hasMessageContaining("SMTP_FROM");
        }
        try (NotifierEnvironment badPort = TestContext.env(clock, Map.of("SMTP_SERVER", "h", "SMTP_PORT", "x",
                "SMTP_PASSWORD", "pw-never-shown"))) {
            assertThatThrownBy(() -> new EmailNotifierProvider().create(badPort))
                    .hasMessageContaining("SMTP_PORT").hasMessageNotContaining("pw-never-shown");
        }
    }

    @Test
    void sessionTimeoutsAndTlsAreAlwaysSet() {
        try (NotifierEnvironment env = TestContext.env(clock, Map.of("SMTP_SERVER", "smtp.example.com",
                "SMTP_USERNAME", "me@example.com", "SMTP_PASSWORD", "pw"))) {
            SmtpSettings s = SmtpSettings.from(env).orElseThrow();
            var p = s.sessionProperties();
            assertThat(s.port()).isEqualTo(587);
            assertThat(s.from()).isEqualTo("me@example.com");
            assertThat(p).containsEntry("mail.smtp.connectiontimeout", "10000").containsEntry("mail.smtp.timeout", "30000")
                    .containsEntry("mail.smtp.writetimeout", "30000").containsEntry("mail.smtp.starttls.required", "true")
                    .containsEntry("mail.smtp.ssl.checkserveridentity", "true").containsEntry("mail.smtp.auth", "true");
            assertThat(p.toString()).doesNotContain("pw");
            assertThat(s.toString()).doesNotContain("pw");
        }
    }
}
