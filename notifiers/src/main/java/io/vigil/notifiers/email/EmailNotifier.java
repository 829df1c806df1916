package io.vigil.notifiers.email;

import io.vigil.alerting.api.Channels;
import io.vigil.alerting.spi.DeliveryResult;
import io.vigil.alerting.spi.Notification;
import io.vigil.alerting.spi.Notifier;
import io.vigil.notifiers.internal.Texts;
import io.vigil.notifiers.template.MessageRenderer;
import io.vigil.notifiers.template.RenderedMessage;
import io.vigil.notifiers.template.TextFormat;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Email over SMTP (Jakarta Mail): one message per notification, to its recipient (or the
 * {@code SMTP_TO} default) with the rule's {@code cc}, as {@code multipart/alternative} with a
 * plain-text and an HTML part.
 *
 * <p>Header injection is impossible: the subject is made one line (CR, LF and other control
 * characters become spaces) and every address must parse as exactly one address without control
 * characters; a bad recipient is a permanent failure, never a silently shortened list.
 */
final class EmailNotifier implements Notifier {
    static final String DELIVERY_HEADER = "X-Vigil-Delivery";
    private static final int MAX_SUBJECT = 250;

    private final SmtpSettings smtp;
    private final Session session;
    private final MessageRenderer renderer;
    private final Clock clock;
    private final String server;

    EmailNotifier(SmtpSettings smtp, MessageRenderer renderer, Clock clock) {
        this.smtp = smtp;
        this.session = Session.getInstance(smtp.sessionProperties());
        this.renderer = renderer;
        this.clock = clock;
        this.server = smtp.host() + ":" + smtp.port();
    }

    @Override
    public String channel() {
        return Channels.EMAIL;
    }

    @Override
    public DeliveryResult send(Notification n) {
        List<String> to = n.recipient().isBlank() ? smtp.defaultTo() : List.of(n.recipient());
        if (to.isEmpty()) {
            return DeliveryResult.permanent("no recipient: the rule lists none and SMTP_TO is not set");
        }
        List<InternetAddress> toAddresses = new ArrayList<>();
        List<InternetAddress> ccAddresses = new ArrayList<>();
        for (String address : to) {
            Optional<InternetAddress> parsed = EmailAddresses.parse(address);
            if (parsed.isEmpty()) {
                return DeliveryResult.permanent("invalid recipient address '" + shown(address) + "'");
            }
            toAddresses.add(parsed.get());
        }
        for (String address : n.settings().cc()) {
            Optional<InternetAddress> parsed = EmailAddresses.parse(address);
            if (parsed.isEmpty()) {
                return DeliveryResult.permanent("invalid cc address '" + shown(address) + "'");
            }
            ccAddresses.add(parsed.get());
        }
        try {
            MimeMessage message = compose(n, toAddresses, ccAddresses);
            try (Transport transport = session.getTransport()) {
                transport.connect(smtp.host(), smtp.port(), smtp.username(),
                        smtp.password() == null ? null : smtp.password().reveal());
                transport.sendMessage(message, message.getAllRecipients());
            }
            return DeliveryResult.delivered("accepted by " + server + " for " + toAddresses.size() + " recipient(s)");
        } catch (MessagingException e) {
            return SmtpFailures.classify(e, server);
        } catch (RuntimeException e) {
            return DeliveryResult.retryable("email failed: " + e.getClass().getSimpleName());
        }
    }

    private MimeMessage compose(Notification n, List<InternetAddress> to, List<InternetAddress> cc)
            throws MessagingException {
        Instant now = clock.instant();
        RenderedMessage text = renderer.render(n, TextFormat.PLAIN, now);
        String subject = Texts.truncate(Texts.singleLine(text.title()).strip(), MAX_SUBJECT);

        MimeMessage message = new MimeMessage(session);
        message.setFrom(sender());
        message.setRecipients(Message.RecipientType.TO, to.toArray(new InternetAddress[0]));
        if (!cc.isEmpty()) {
            message.setRecipients(Message.RecipientType.CC, cc.toArray(new InternetAddress[0]));
        }
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(now));
        message.setHeader(DELIVERY_HEADER, Texts.singleLine(n.id()));

        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text.body(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(EmailHtml.page(n, subject, renderer.html(n, now)), StandardCharsets.UTF_8.name(), "html");
        // Order matters: clients show the last part they understand, so HTML goes last.
        MimeMultipart alternative = new MimeMultipart("alternative", plain, html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private InternetAddress sender() throws MessagingException {
        InternetAddress from = EmailAddresses.parse(smtp.from()).orElseThrow();
        if (smtp.fromName() != null && !smtp.fromName().isBlank()) {
            try {
                return new InternetAddress(from.getAddress(), Texts.singleLine(smtp.fromName()).strip(),
                        StandardCharsets.UTF_8.name());
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException("UTF-8 is always supported", e);
            }
        }
        return from;
    }

    private static String shown(String address) {
        return Texts.truncate(Texts.singleLine(address), 80);
    }
}
