package io.vigil.collectors.gpu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What GpuProbe writes must be JSON any parser reads back to the same strings and numbers. */
class JsonWriterProperties {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 500)
    void stringsSurviveARoundTrip(@ForAll String name, @ForAll String value) throws Exception {
        String json = new JsonWriter().beginObject().field(name, value).endObject().toString();

        JsonNode node = JSON.readTree(json);

        assertThat(node.get(name).asText()).isEqualTo(value);
    }

    @Property(tries = 500)
    void finiteNumbersSurviveARoundTrip(@ForAll double value) throws Exception {
        String json = new JsonWriter().beginArray().value(value).value(true).endArray().toString();

        JsonNode node = JSON.readTree(json);

        if (Double.isFinite(value)) {
            assertThat(node.get(0).asDouble()).isEqualTo(value);
        } else {
            assertThat(node.get(0).isNull()).isTrue();
        }
        assertThat(node.get(1).asBoolean()).isTrue();
    }

    @Property(tries = 100)
    void nestedContainersAreSeparatedProperly(@ForAll List<@net.jqwik.api.constraints.AlphaChars String> keys) throws Exception {
        JsonWriter writer = new JsonWriter().beginArray();
        for (String key : keys) {
            writer.beginObject().object("labels", Map.of("k", key)).name("list").beginArray().value(1).value(2).endArray()
                    .endObject();
        }
        JsonNode node = JSON.readTree(writer.endArray().toString());

        assertThat(node.size()).isEqualTo(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            assertThat(node.get(i).get("labels").get("k").asText()).isEqualTo(keys.get(i));
            assertThat(node.get(i).get("list").size()).isEqualTo(2);
        }
    }
}
