package io.vigil.alerting.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.alerting.api.Aggregation;
import io.vigil.alerting.api.ConditionLogic;
import io.vigil.alerting.api.ErrorCode;
import io.vigil.alerting.api.Operator;
import io.vigil.alerting.api.ScopeType;
import io.vigil.alerting.api.Severity;
import io.vigil.alerting.api.Threshold;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reads the model's small value types from document fields, reporting unknown spellings. */
final class Values {
    private Values() {
    }

    static Severity severity(DocObject o, String key) {
        return parse(o, key, Severity::parse, ErrorCode.INVALID_FIELD, "a severity: low, medium, high or critical");
    }

    static Operator operator(DocObject o, String key) {
        return parse(o, key, Operator::parse, ErrorCode.INVALID_CONDITION, "an operator: " + Operator.accepted());
    }

    static Aggregation aggregation(DocObject o, String key) {
        return parse(o, key, Aggregation::parse, ErrorCode.INVALID_CONDITION,
                "an aggregation: last, avg, min, max, sum, count or rate");
    }

    static ConditionLogic logic(DocObject o, String key) {
        return parse(o, key, ConditionLogic::parse, ErrorCode.INVALID_FIELD, "and or or");
    }

    static ScopeType scopeType(DocObject o, String key) {
        return parse(o, key, ScopeType::parse, ErrorCode.INVALID_FIELD, "a scope: global, vm, group or cluster");
    }

    static <T> T parse(DocObject o, String key, Function<String, Optional<T>> parser, ErrorCode code, String expected) {
        String text = o.text(key);
        if (text == null) {
            return null;
        }
        Optional<T> value = parser.apply(text);
        if (value.isEmpty()) {
            o.issues().add(code, o.pathOf(key), "'" + shorten(text) + "' is not " + expected);
            return null;
        }
        return value.get();
    }

    /**
     * A threshold as seed 003 writes it, {@code number | number[] | string}, plus lists of strings.
     * A two-number list is a range for {@code between}/{@code outside} and a set otherwise; the
     * model then checks that the shape fits the operator.
     */
    static Threshold threshold(DocObject o, String key, Operator op) {
        JsonNode v = o.raw(key);
        if (v == null) {
            return null;
        }
        String path = o.pathOf(key);
        if (v.isNumber()) {
            return Threshold.of(v.doubleValue());
        }
        if (v.isTextual()) {
            return Threshold.text(v.textValue());
        }
        if (!v.isArray()) {
            o.issues().add(ErrorCode.INVALID_THRESHOLD, path, "must be a number, a list or a string, was " + DocObject.kind(v));
            return null;
        }
        List<Double> numbers = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (e.isNumber()) {
                numbers.add(e.doubleValue());
            } else if (e.isTextual()) {
                texts.add(e.textValue());
            } else {
                o.issues().add(ErrorCode.INVALID_THRESHOLD, Paths.index(path, i), "must be a number or a string, was " + DocObject.kind(e));
                return null;
            }
        }
        if (!numbers.isEmpty() && !texts.isEmpty()) {
            o.issues().add(ErrorCode.INVALID_THRESHOLD, path, "a list threshold holds only numbers or only strings");
            return null;
        }
        if (!texts.isEmpty()) {
            return new Threshold.Texts(texts);
        }
        if (op != null && op.isRange()) {
            if (numbers.size() != 2) {
                o.issues().add(ErrorCode.INVALID_THRESHOLD, path, "'" + op.symbol() + "' needs exactly two numbers [lo, hi]");
                return null;
            }
            return Threshold.range(numbers.get(0), numbers.get(1));
        }
        return new Threshold.Numbers(numbers);
    }

    static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }
}
