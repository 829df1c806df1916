package io.vigil.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.MetricNames;
import io.vigil.alerting.api.Sample;
import io.vigil.alerting.api.ValidationError;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code POST /api/v1/metrics}: a host that pushes instead of embedding sends a batch of samples.
 * The batch is checked whole first and refused whole (400 with every problem and its path) if any
 * sample is bad, so a retry after fixing the batch never duplicates half of it.
 */
final class IngestApi {
    static final int MAX_SAMPLES = 10_000;
    private static final int MAX_LABELS = 30;

    private final Services s;

    IngestApi(Services services) {
        this.s = services;
    }

    List<Route> routes() {
        return List.of(Route.post("/api/v1/metrics").permission(Permission.METRICS_WRITE).tag("Metrics ingest").status(202)
                .summary("Push samples: {samples: [{metric, value | state, labels?, timestamp?}]} or a list")
                .body("{samples: Sample[]}").handler(this::ingest));
    }

    private Reply ingest(Call call) throws IOException {
        JsonNode body = call.json();
        if (body == null) {
            throw ApiException.badRequest("a JSON body with samples is required");
        }
        JsonNode list = body;
        String listPath = "";
        if (body.isObject()) {
            Fields.only((ObjectNode) body, "", "samples");
            list = body.get("samples");
            listPath = "samples";
        }
        if (list == null || !list.isArray()) {
            throw ApiException.badParameter(listPath.isEmpty() ? "body" : listPath, "must be a list of samples");
        }
        if (list.size() > MAX_SAMPLES) {
            throw ApiException.badParameter(listPath.isEmpty() ? "body" : listPath, "at most " + MAX_SAMPLES + " samples per request");
        }
        long now = s.clock().millis();
        List<Sample> samples = new ArrayList<>(list.size());
        List<ValidationError> errors = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = (listPath.isEmpty() ? "" : listPath) + "[" + i + "]";
            Sample sample = sample(list.get(i), at, now, errors);
            if (sample != null) {
                samples.add(sample);
            }
            if (errors.size() >= 100) {
                break; // enough to fix the batch; the rest can wait for the next attempt
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ApiError.BAD_REQUEST, errors.size() + " problem(s) in the batch; nothing was recorded",
                    errors, Map.of());
        }
        int accepted = s.alerting.recordAll(samples);
        ObjectNode data = Json.object();
        data.put("received", samples.size());
        data.put("accepted", accepted);
        data.put("dropped", samples.size() - accepted);
        return Envelope.accepted(data);
    }

    private static Sample sample(JsonNode node, String at, long now, List<ValidationError> errors) {
        if (!node.isObject()) {
            errors.add(new ValidationError(ErrorCode.INVALID_FIELD, at, "a sample is an object"));
            return null;
        }
        int before = errors.size();
        JsonNode metric = node.get("metric");
        JsonNode value = node.get("value");
        JsonNode state = node.get("state");
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!List.of("metric", "value", "state", "labels", "timestamp").contains(f)) {
                errors.add(new ValidationError(ErrorCode.INVALID_FIELD, at + "." + f, "unknown field"));
            }
        }
        if (metric == null || !metric.isTextual() || !MetricNames.isValid(metric.textValue())) {
            errors.add(new ValidationError(metric == null ? ErrorCode.MISSING_FIELD : ErrorCode.INVALID_FIELD, at + ".metric",
                    "a metric name: letters, digits, '_', '.', ':' starting with a letter"));
        }
        boolean hasValue = value != null && !value.isNull();
        boolean hasState = state != null && !state.isNull();
        if (hasValue == hasState) {
            errors.add(new ValidationError(ErrorCode.MISSING_FIELD, at, "exactly one of value (a number) and state (a string)"));
        } else if (hasValue && (!value.isNumber() || !Double.isFinite(value.doubleValue()))) {
            errors.add(new ValidationError(ErrorCode.INVALID_FIELD, at + ".value", "must be a finite number"));
        } else if (hasState && (!state.isTextual() || state.textValue().isEmpty() || state.textValue().length() > 200)) {
            errors.add(new ValidationError(ErrorCode.INVALID_FIELD, at + ".state", "must be a string of 1 to 200 characters"));
        }
        Labels labels = labels(node.get("labels"), at + ".labels", errors);
        long time = timestamp(node.get("timestamp"), at + ".timestamp", now, errors);
        if (errors.size() > before) {
            return null;
        }
        return hasValue ? new Sample(metric.textValue(), labels, value.doubleValue(), null, time)
                : new Sample(metric.textValue(), labels, Double.NaN, state.textValue(), time);
    }

    private static Labels labels(JsonNode node, String at, List<ValidationError> errors) {
        if (node == null || node.isNull()) {
            return Labels.empty();
        }
        if (!node.isObject() || node.size() > MAX_LABELS) {
            errors.add(new ValidationError(ErrorCode.INVALID_FIELD, at, "an object of at most " + MAX_LABELS + " string labels"));
            return Labels.empty();
        }
        Map<String, String> map = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]{0,99}")) {
                errors.add(new ValidationError(ErrorCode.INVALID_FIELD, at + "." + e.getKey(), "a label name is letters, digits and '_'"));
            } else if (!e.getValue().isTextual() || e.getValue().textValue().length() > 500) {
                errors.add(new ValidationError(ErrorCode.INVALID_FIELD, at + "." + e.getKey(), "a label value is a string of at most 500 characters"));
            } else {
                map.put(e.getKey(), e.getValue().textValue());
            }
        }
        return Labels.of(map);
    }

    /** An ISO-8601 time or epoch milliseconds; now when absent. */
    private static long timestamp(JsonNode node, String at, long now, List<ValidationError> errors) {
        if (node == null || node.isNull()) {
            return now;
        }
        if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0) {
            return node.longValue();
        }
        if (node.isTextual()) {
            try {
                return Query.parseInstant(at, node.textValue()).toEpochMilli();
            } catch (ApiException | ArithmeticException e) {
                // reported below
            }
        }
        errors.add(new ValidationError(ErrorCode.INVALID_FIELD, at, "an ISO-8601 time or epoch milliseconds"));
        return now;
    }
}
