package io.vigil.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;

/**
 * JSON in and out. Reading is bounded (nesting depth, string, name and number lengths, one
 * document, no duplicate keys) so a hostile body costs little; parse failures say where, never
 * echo the body.
 */
final class Json {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper WRITER = JsonMapper.builder().build();
    private static final ObjectMapper YAML = com.fasterxml.jackson.dataformat.yaml.YAMLMapper.builder()
            .disable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    private final ObjectMapper reader;

    Json(int maxDepth, int maxBytes) {
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth)
                .maxDocumentLength(maxBytes)
                .maxStringLength(maxBytes)
                .maxNameLength(1000)
                .maxNumberLength(100)
                .build();
        this.reader = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(limits).build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .build();
    }

    /** The document in {@code body}, or 400 saying where it is broken. */
    JsonNode read(byte[] body) {
        try {
            JsonNode node = reader.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("the request body is empty; a JSON document was expected");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw ApiException.badRequest("the JSON document exceeds a limit (nesting depth, string or number length)");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw ApiException.badRequest("malformed JSON" + where);
        } catch (IOException e) {
            // invalid UTF-8 and the like
            throw ApiException.badRequest("unreadable JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    static byte[] write(JsonNode node) {
        try {
            return WRITER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain values always serialises
        }
    }

    static String writeString(JsonNode node) {
        try {
            return WRITER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String writePretty(JsonNode node) {
        try {
            return WRITER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String writeYaml(JsonNode node) {
        try {
            return YAML.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses JSON Vigil wrote itself (the codec's output): any failure is a bug, not bad input. */
    static JsonNode readTrusted(String text) {
        try {
            return WRITER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    static ArrayNode strings(Collection<String> values) {
        ArrayNode a = NODES.arrayNode();
        values.forEach(a::add);
        return a;
    }

    static JsonNode instant(Instant t) {
        return t == null ? NODES.nullNode() : NODES.textNode(t.toString());
    }

    /** A number without a needless fraction: {@code 80}, not {@code 80.0}. */
    static JsonNode number(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return NODES.nullNode();
        }
        if (v == Math.rint(v) && Math.abs(v) < 9.0e15 && !(v == 0 && Double.doubleToRawLongBits(v) != 0)) {
            return NODES.numberNode(v.longValue());
        }
        return NODES.numberNode(v);
    }
}
