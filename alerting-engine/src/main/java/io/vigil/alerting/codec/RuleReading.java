package io.vigil.alerting.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.ErrorCode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads rules out of parsed documents: picks the format of each rule object, applies it to a
 * builder and lets the model validate the result, collecting every problem with its path.
 */
final class RuleReading {
    private RuleReading() {
    }

    /** One rule from {@code node}; the problems, if any, go to {@code issues} and the result is {@code null}. */
    static AlertRule read(JsonNode node, Issues issues, AlertRule existing) {
        DocObject o = DocObject.of(node, "", issues);
        if (o == null) {
            return null;
        }
        ReadContext ctx = new ReadContext(issues, existing);
        AlertRule.Builder b = existing == null ? AlertRule.builder() : existing.toBuilder();
        Paths.Renames renames = new Paths.Renames();
        String marker = Seed000Reader.marker(node);
        if (marker != null) {
            Seed000Reader.apply(o, b, ctx, renames, marker);
        } else {
            CanonicalReader.apply(o, b, ctx, renames);
        }
        // build even after problems, so that the model's findings are reported with the codec's
        AlertRule rule = ctx.build(b::build, renames);
        return issues.isEmpty() ? rule : null;
    }

    static AlertRule readOne(JsonNode root, AlertRule existing) {
        Issues issues = new Issues();
        if (!root.isObject()) {
            issues.add(ErrorCode.MALFORMED_DOCUMENT, "", "expected a rule object, found " + DocObject.kind(root));
        } else if (root.has("rules") && !root.has("name")) {
            issues.add(ErrorCode.MALFORMED_DOCUMENT, "", "expected one rule, found a list of rules under 'rules'");
        }
        issues.throwIfAny();
        AlertRule rule = read(root, issues, existing);
        issues.throwIfAny();
        return rule;
    }

    /**
     * Every rule of a document: a list, an object holding {@code rules} (seed 003's export), or a
     * single rule. Problems carry the rule's index ({@code rules[2].severity}); names must be unique
     * and ids, where given, too.
     */
    static List<AlertRule> readMany(JsonNode root) {
        Issues issues = new Issues();
        JsonNode list = root;
        String listPath = "";
        if (root.isObject() && root.has("rules")) {
            DocObject wrapper = DocObject.of(root, "", issues);
            list = wrapper.raw("rules");
            listPath = "rules";
            wrapper.rejectUnknown("a rule list document holds only 'rules'");
            if (list == null || !list.isArray()) {
                issues.add(ErrorCode.INVALID_FIELD, listPath, "must be a list of rules, was " + DocObject.kind(list));
                issues.throwIfAny();
            }
        } else if (root.isObject()) {
            AlertRule one = readOne(root, null);
            return List.of(one);
        } else if (!root.isArray()) {
            issues.add(ErrorCode.MALFORMED_DOCUMENT, "", "expected a rule, a list of rules or {\"rules\": [...]}, found "
                    + DocObject.kind(root));
            issues.throwIfAny();
        }
        List<AlertRule> rules = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> ids = new HashMap<>();
        int i = 0;
        for (Iterator<JsonNode> it = list.elements(); it.hasNext(); i++) {
            String path = Paths.index(listPath, i);
            Issues ruleIssues = new Issues();
            AlertRule rule = read(it.next(), ruleIssues, null);
            issues.addNested(ruleIssues, path);
            if (rule == null) {
                continue;
            }
            Integer sameName = names.putIfAbsent(rule.name(), i);
            if (sameName != null) {
                issues.add(ErrorCode.RULE_NAME_CONFLICT, Paths.field(path, "name"),
                        "the name '" + Values.shorten(rule.name()) + "' is also used by " + Paths.index(listPath, sameName));
            }
            Integer sameId = rule.id() == null ? null : ids.putIfAbsent(rule.id(), i);
            if (sameId != null) {
                issues.add(ErrorCode.INVALID_FIELD, Paths.field(path, "id"),
                        "the id '" + Values.shorten(rule.id()) + "' is also used by " + Paths.index(listPath, sameId));
            }
            rules.add(rule);
        }
        issues.throwIfAny();
        return List.copyOf(rules);
    }
}
