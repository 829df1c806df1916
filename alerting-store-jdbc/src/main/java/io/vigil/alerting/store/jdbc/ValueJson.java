package io.vigil.alerting.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Threshold;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** JSON for the values rules and records share: thresholds, labels and metric snapshots. */
final class ValueJson {
    private ValueJson() {
    }

    /** {@code {"type":"number","value":80}}, {@code {"type":"range","lo":10,"hi":20}}, ... */
    static ObjectNode threshold(Threshold t) {
        ObjectNode n = Json.object();
        if (t instanceof Threshold.Number v) {
            n.put("type", "number").set("value", Json.numberNode(v.value()));
        } else if (t instanceof Threshold.Range r) {
            n.put("type", "range").set("lo", Json.numberNode(r.lo()));
            n.set("hi", Json.numberNode(r.hi()));
        } else if (t instanceof Threshold.Numbers ns) {
            ArrayNode a = n.put("type", "numbers").putArray("values");
            ns.values().forEach(d -> a.add(Json.numberNode(d)));
        } else if (t instanceof Threshold.Text s) {
            n.put("type", "text").put("value", s.value());
        } else if (t instanceof Threshold.Texts ts) {
            ArrayNode a = n.put("type", "texts").putArray("values");
            ts.values().forEach(a::add);
        } else {
            throw new IllegalArgumentException("unknown threshold type " + t.getClass().getName());
        }
        return n;
    }

    static Threshold threshold(JsonNode n) {
        String type = Json.text(n, "type");
        switch (type == null ? "" : type) {
            case "number":
                return Threshold.of(Json.toDouble(n.get("value")));
            case "range":
                return Threshold.range(Json.toDouble(n.get("lo")), Json.toDouble(n.get("hi")));
            case "numbers": {
                List<Double> values = new ArrayList<>();
                n.get("values").forEach(v -> values.add(Json.toDouble(v)));
                return new Threshold.Numbers(values);
            }
            case "text":
                return Threshold.text(n.get("value").asText());
            case "texts":
                return new Threshold.Texts(Json.strings(n, "values"));
            default:
                throw new StoreException("the stored threshold type '" + type + "' is unknown");
        }
    }

    static String thresholdText(Threshold t) {
        return t == null ? null : Json.write(threshold(t));
    }

    static Threshold thresholdFromText(String text) {
        return text == null ? null : threshold(Json.parse(text, "threshold"));
    }

    /** Labels as a JSON object, names in order. */
    static String labelsText(Labels labels) {
        ObjectNode n = Json.object();
        for (int i = 0; i < labels.size(); i++) {
            n.put(labels.nameAt(i), labels.valueAt(i));
        }
        return Json.write(n);
    }

    static Labels labelsFromText(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        Json.parse(text, "labels").fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return Labels.of(map);
    }

    /** A metric snapshot as a JSON object sorted by metric name. */
    static String snapshotText(Map<String, Double> snapshot) {
        ObjectNode n = Json.object();
        new TreeMap<>(snapshot).forEach((k, v) -> n.set(k, Json.numberNode(v)));
        return Json.write(n);
    }

    static Map<String, Double> snapshotFromText(String text) {
        Map<String, Double> map = new LinkedHashMap<>();
        Json.parse(text, "snapshot").fields().forEachRemaining(e -> map.put(e.getKey(), Json.toDouble(e.getValue())));
        return map;
    }
}
