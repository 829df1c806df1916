package io.vigil.notifiers.http;

import io.vigil.alerting.api.Secret;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The webhook signature: {@code sha256=} and the lowercase hex HMAC-SHA256, keyed with the
 * secret's UTF-8 bytes, of the UTF-8 bytes of {@code <timestamp>.<body>}, where the timestamp is
 * the {@code X-Vigil-Timestamp} header (Unix seconds) and the body is exactly the bytes sent.
 * Signing the timestamp too lets receivers refuse replays of old deliveries.
 */
final class WebhookSigner {
    static final String TIMESTAMP_HEADER = "X-Vigil-Timestamp";
    static final String SIGNATURE_HEADER = "X-Vigil-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSigner() {
    }

    static String sign(Secret secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is required of every Java platform; reaching this means a broken JDK.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
