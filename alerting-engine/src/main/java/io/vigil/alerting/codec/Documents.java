package io.vigil.alerting.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.ValidationError;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns text into a JSON tree and back, for JSON and YAML, with limits on size and nesting so a
 * hostile document costs little. Every parse failure becomes {@link ErrorCode#MALFORMED_DOCUMENT}
 * with a line and column; the parser's message is trimmed so it never echoes document content
 * (which may hold a secret).
 */
final class Documents {
    /** Rule documents are a few kilobytes; an import of every rule a deployment may hold stays far below this. */
    static final int MAX_DOCUMENT_CHARS = 4 * 1024 * 1024;
    static final int MAX_NESTING_DEPTH = 32;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxDocumentLength(MAX_DOCUMENT_CHARS)
            .maxStringLength(MAX_DOCUMENT_CHARS)
            .maxNameLength(1000)
            .maxNumberLength(400)
            .build();

    private static final Pattern QUOTED = Pattern.compile("'[^']{2,}'");
    private static final Pattern SOURCE = Pattern.compile("\\s*\\(?(start marker )?at \\[Source:[^\\]]*\\]\\)?");

    private final ObjectMapper json;
    private final ObjectMapper yaml;

    Documents() {
        json = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(LIMITS).build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit(MAX_DOCUMENT_CHARS);
        loader.setNestingDepthLimit(MAX_NESTING_DEPTH);
        loader.setMaxAliasesForCollections(10);
        loader.setAllowRecursiveKeys(false);
        YAMLFactory yamlFactory = YAMLFactory.builder()
                .loaderOptions(loader)
                .streamReadConstraints(LIMITS)
                .stringQuotingChecker(new PlainWhenUnambiguous())
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .build();
        yaml = YAMLMapper.builder(yamlFactory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .build();
    }

    JsonNode parse(String text, Format format) {
        return parse(text == null ? -1 : text.length(), () -> mapper(format).readTree(text), format);
    }

    JsonNode parse(byte[] bytes, Format format) {
        return parse(bytes == null ? -1 : bytes.length, () -> mapper(format).readTree(bytes), format);
    }

    /** Reads a tree from text or bytes; the caller's lambda is the only difference. */
    private interface TreeRead {
        JsonNode read() throws IOException;
    }

    private static JsonNode parse(int length, TreeRead read, Format format) {
        if (length < 0) {
            throw malformed(format, "no document");
        }
        if (length > MAX_DOCUMENT_CHARS) {
            throw malformed(format, "the document is larger than " + MAX_DOCUMENT_CHARS / (1024 * 1024) + " MiB");
        }
        JsonNode tree;
        try {
            tree = read.read();
        } catch (JsonProcessingException e) {
            throw malformed(format, e);
        } catch (IOException | RuntimeException e) {
            // invalid UTF-8 surfaces as CharConversionException; the YAML scanner throws its own unchecked exceptions
            throw malformed(format, "unreadable (" + e.getClass().getSimpleName() + ")");
        }
        return nonEmpty(tree, format);
    }

    String print(JsonNode tree, Format format) {
        try {
            return mapper(format).writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            // writing a tree of plain values cannot fail; if it does, it is a bug, not bad input
            throw new UncheckedIOException(e);
        }
    }

    private ObjectMapper mapper(Format format) {
        return format == Format.YAML ? yaml : json;
    }

    private static JsonNode nonEmpty(JsonNode node, Format format) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw malformed(format, "the document is empty");
        }
        return node;
    }

    private static AlertingException malformed(Format format, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return malformed(format, where.isEmpty() ? describe(e) : where.substring(1) + ": " + describe(e));
    }

    private static AlertingException malformed(Format format, String message) {
        return AlertingException.invalid(List.of(new ValidationError(ErrorCode.MALFORMED_DOCUMENT, "",
                "malformed " + format.name() + " document: " + message)));
    }

    /**
     * The parser's reason without document content: YAML messages quote the offending lines and
     * both parsers quote the offending token, which may be a secret typed without quotes.
     */
    static String describe(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        StringBuilder reason = new StringBuilder();
        for (String line : original.split("\\R")) {
            if (line.isBlank() || Character.isWhitespace(line.charAt(0)) || line.startsWith("in '")) {
                continue; // a quoted source line, a caret, or a "in 'reader', line 1" marker
            }
            reason.append(reason.length() == 0 ? "" : "; ").append(line.trim());
        }
        String text = SOURCE.matcher(reason).replaceAll("");
        text = QUOTED.matcher(text).replaceAll("'…'");
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    /**
     * Leaves a YAML string unquoted only when it cannot be read back as anything else: it starts
     * with a letter, holds only name-like characters and is not one of YAML's boolean or null
     * words. Everything else is quoted, so numbers-as-text ({@code "80"}), {@code "0x10"},
     * {@code "yes"} and operators ({@code ">="}) survive a round trip as the strings they are.
     */
    private static final class PlainWhenUnambiguous extends StringQuotingChecker {
        private static final long serialVersionUID = 1L;
        private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9_.@/-]{0,199}");
        private static final Set<String> RESERVED = Set.of("y", "yes", "n", "no", "true", "false", "on", "off", "null");

        @Override
        public boolean needToQuoteName(String name) {
            return !isPlain(name);
        }

        @Override
        public boolean needToQuoteValue(String value) {
            return !isPlain(value);
        }

        private static boolean isPlain(String s) {
            return PLAIN.matcher(s).matches() && !RESERVED.contains(s.toLowerCase(Locale.ROOT));
        }
    }
}
