package io.vigil.alerting.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.alerting.engine.EngineState;

/** The evaluator's checkpoint as JSON text, the form {@code AlertStore.saveEngineState} keeps. */
final class EngineStateCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private EngineStateCodec() {
    }

    static String write(EngineState state) {
        try {
            return MAPPER.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("engine state could not be written", e);
        }
    }

    /** Reads a checkpoint; a damaged one is reported as {@link IllegalArgumentException}. */
    static EngineState read(String json) {
        try {
            return MAPPER.readValue(json, EngineState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("engine checkpoint is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
