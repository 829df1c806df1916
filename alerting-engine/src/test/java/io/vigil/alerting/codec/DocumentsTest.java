package io.vigil.alerting.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DocumentsTest {

    private static String describeJson(String doc) {
        return Documents.describe(catchThrowableOfType(JsonProcessingException.class, () -> new ObjectMapper().readTree(doc)));
    }

    private static String describeYaml(String doc) {
        return Documents.describe(catchThrowableOfType(JsonProcessingException.class, () -> new YAMLMapper().readTree(doc)));
    }

    @Test
    void jsonReasonsKeepTheReasonAndDropTokensAndSources() {
        assertThat(describeJson("{\"secret\": sup3rs3cret}"))
                .startsWith("Unrecognized token '…'")
                .doesNotContain("sup3rs3cret").doesNotContain("Source");
        assertThat(describeJson("{\"a\":1")).isEqualTo("Unexpected end-of-input: expected close marker for Object");
        assertThat(describeJson("{\"a\" 1}")).contains("was expecting a colon");
    }

    @Test
    void yamlReasonsDropTheQuotedSourceLines() {
        String reason = describeYaml("name: r\nsecret: \"sup3rs3cret\n");
        assertThat(reason).isEqualTo("while scanning a quoted scalar; found unexpected end of stream");
        assertThat(describeYaml("a:\n  - b\n c: d\n")).doesNotContain("c: d").contains("expected <block end>");
    }
}
