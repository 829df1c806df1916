package io.vigil.http;

import io.vigil.alerting.api.AlertingException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** Rule documents in request bodies: JSON (checked here for syntax) or YAML, read by the codec. */
final class RuleDocuments {
    private RuleDocuments() {
    }

    /** The body as text, after checking its media type and, for JSON, its syntax (400 with the place). */
    static String text(Call call) throws IOException {
        byte[] body = call.body();
        if (body.length == 0) {
            throw ApiException.badRequest("a rule document is required in the body");
        }
        if (!call.isYamlBody()) {
            call.json(); // syntax and limits; the codec reads the text again into rules
        }
        return utf8(body);
    }

    static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("the body is not valid UTF-8");
        }
    }

    /** Runs a rule-document operation: every validation problem makes the rule invalid (422). */
    static <T> T read(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (AlertingException e) {
            throw ApiException.from(e, true);
        }
    }
}
