package io.vigil.notifiers.email;

import io.vigil.notifiers.internal.Texts;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.Optional;

/**
 * Strict address parsing. Recipients come from rules (and may be built from labels), so an address
 * is accepted only if it is exactly one syntactically valid address without any control
 * character: {@code "a@x\r\nBcc: b@y"} or {@code "a@x, b@y"} can never add a header or a recipient.
 */
final class EmailAddresses {
    private EmailAddresses() {
    }

    static Optional<InternetAddress> parse(String text) {
        if (text == null || text.isBlank() || Texts.hasControlCharacter(text)) {
            return Optional.empty();
        }
        try {
            InternetAddress[] parsed = InternetAddress.parse(text.trim(), true);
            if (parsed.length != 1) {
                return Optional.empty();
            }
            parsed[0].validate();
            return Optional.of(parsed[0]);
        } catch (AddressException e) {
            return Optional.empty();
        }
    }
}
