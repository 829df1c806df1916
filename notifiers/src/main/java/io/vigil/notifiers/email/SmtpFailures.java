package io.vigil.notifiers.email;

import io.vigil.alerting.spi.DeliveryResult;
import io.vigil.notifiers.internal.Texts;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;

import javax.net.ssl.SSLException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.OptionalInt;

/**
 * What a failed SMTP exchange means for delivery. Refused credentials, refused addresses, a 5xx
 * reply or a TLS failure cannot be fixed by trying again; an unreachable server, a timeout or a 4xx
 * reply can.
 */
final class SmtpFailures {
    private static final int MAX_DETAIL = 300;

    private SmtpFailures() {
    }

    static DeliveryResult classify(MessagingException e, String server) {
        if (e instanceof AuthenticationFailedException) {
            return DeliveryResult.permanent("SMTP authentication failed at " + server + ": " + text(e));
        }
        if (e instanceof SendFailedException sfe) {
            boolean someRefused = sfe.getInvalidAddresses() != null && sfe.getInvalidAddresses().length > 0;
            boolean someDeferred = sfe.getValidUnsentAddresses() != null && sfe.getValidUnsentAddresses().length > 0;
            if (someRefused && !someDeferred) {
                return DeliveryResult.permanent("recipient refused by " + server + ": " + text(e));
            }
        }
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof ConnectException) {
                return DeliveryResult.retryable("cannot connect to " + server + ": " + text(t));
            }
            if (t instanceof UnknownHostException) {
                return DeliveryResult.retryable("unknown SMTP host " + server);
            }
            if (t instanceof InterruptedIOException) {
                return DeliveryResult.retryable("timeout talking to " + server + ": " + text(t));
            }
            if (t instanceof SSLException) {
                return DeliveryResult.permanent("TLS with " + server + " failed: " + text(t));
            }
        }
        OptionalInt code = replyCode(e);
        if (code.isPresent() && code.getAsInt() >= 500) {
            return DeliveryResult.permanent("SMTP server " + server + " refused the message: " + text(e));
        }
        if (text(e).contains("STARTTLS is required")) {
            // The server does not offer STARTTLS although the configuration demands it: a setup error.
            return DeliveryResult.permanent(server + " does not offer STARTTLS, which is required: " + text(e));
        }
        return DeliveryResult.retryable("SMTP error at " + server + ": " + text(e));
    }

    /**
     * The SMTP reply code of Angus Mail's {@code SMTPSendFailedException} and kin. Read reflectively
     * because the implementation is a runtime-only dependency; only the API is compiled against.
     */
    static OptionalInt replyCode(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            try {
                Object code = t.getClass().getMethod("getReturnCode").invoke(t);
                if (code instanceof Integer c && c > 0) {
                    return OptionalInt.of(c);
                }
            } catch (ReflectiveOperationException | RuntimeException notAnSmtpException) {
                // keep looking down the chain
            }
        }
        return OptionalInt.empty();
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException me && me.getNextException() != null && me.getNextException() != t) {
            return me.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static String text(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return Texts.truncate(Texts.singleLine(m).strip(), MAX_DETAIL);
    }
}
