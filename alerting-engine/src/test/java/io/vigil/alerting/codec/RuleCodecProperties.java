package io.vigil.alerting.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.Channels;
import io.vigil.alerting.api.Secret;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class RuleCodecProperties {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final RuleCodec codec = new RuleCodec();

    @Provide
    Arbitrary<AlertRule> rules() {
        return RuleArbitraries.rules();
    }

    // ---- valid rules round-trip -------------------------------------------------------------

    @Property(tries = 300)
    void everyValidRuleRoundTripsThroughJson(@ForAll("rules") AlertRule rule) {
        String json = codec.write(rule, Format.JSON, Redaction.REVEAL);
        assertThat(codec.readRule(json)).as(json).isEqualTo(rule);
    }

    @Property(tries = 300)
    void everyValidRuleRoundTripsThroughYaml(@ForAll("rules") AlertRule rule) {
        String yaml = codec.write(rule, Format.YAML, Redaction.REVEAL);
        assertThat(codec.readRule(yaml)).as(yaml).isEqualTo(rule);
    }

    @Property(tries = 50)
    void ruleListsRoundTrip(@ForAll @Size(max = 4) List<@net.jqwik.api.From("rules") AlertRule> rules, @ForAll Format format) {
        List<AlertRule> distinct = distinctNamesAndIds(rules);
        String text = codec.writeAll(distinct, format, Redaction.REVEAL);
        assertThat(codec.readRules(text)).isEqualTo(distinct);
    }

    private static List<AlertRule> distinctNamesAndIds(List<AlertRule> rules) {
        List<AlertRule> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            AlertRule r = rules.get(i);
            out.add(r.toBuilder().name(i + "-" + r.name()).id(r.id() == null ? null : i + "-" + r.id()).build());
        }
        return out;
    }

    @Property(tries = 200)
    void redactionReplacesExactlyTheCredentialsAndAnUpdateKeepsThem(@ForAll("rules") AlertRule rule, @ForAll Format format)
            throws Exception {
        String redacted = codec.write(rule, format);
        // the redacted export is the export of the redacted rule: only credentials differ, each as the placeholder
        assertThat(redacted).isEqualTo(codec.write(rule.redacted(), format, Redaction.REVEAL));
        JsonNode notifications = new ObjectMapper().readTree(codec.write(rule, Format.JSON)).get("notifications");
        rule.notifications().settings().forEach((channel, s) -> {
            JsonNode block = Channels.BUILT_IN.contains(channel) ? notifications.get(channel)
                    : notifications.get("channelSettings").get(channel);
            if (s.secret() != null) {
                assertThat(block.get("secret").asText()).isEqualTo(Secret.REDACTED);
            }
            s.headers().keySet().stream().filter(ChannelSettings::isCredentialHeader).forEach(name ->
                    assertThat(block.get("headers").get(name).asText()).isEqualTo(Secret.REDACTED));
            if (s.url() != null && ChannelSettings.urlIsCredential(channel)) {
                assertThat(block.get("url").asText()).endsWith("/" + Secret.REDACTED).isNotEqualTo(s.url());
            }
        });
        Statistics.label("credentials").collect(!rule.notifications().redacted().equals(rule.notifications()));
        if (!rule.notifications().redacted().equals(rule.notifications())) {
            Throwable t = catchThrowable(() -> codec.readRule(redacted));
            assertThat(t).isInstanceOf(AlertingException.class);
            assertThat(((AlertingException) t).errors()).allMatch(e -> e.path().endsWith(".secret")
                    || e.path().endsWith(".url") || e.path().contains(".headers."));
        } else {
            assertThat(codec.readRule(redacted)).isEqualTo(rule);
        }
        assertThat(codec.readUpdate(redacted, rule)).isEqualTo(rule);
    }

    // ---- malformed documents give AlertingException and nothing else -------------------------

    private void readingOnlyEverFailsWithAlertingException(String text) {
        for (Runnable read : List.<Runnable>of(() -> codec.readRule(text), () -> codec.readRules(text),
                () -> codec.readRule(text.getBytes(StandardCharsets.UTF_8)))) {
            Throwable t = catchThrowable(read::run);
            if (t != null) {
                assertThat(t).as(text).isInstanceOf(AlertingException.class);
                assertThat(((AlertingException) t).errors()).isNotEmpty();
            }
        }
    }

    @Provide
    Arbitrary<JsonNode> jsonTrees() {
        return tree(4);
    }

    private static Arbitrary<JsonNode> scalar() {
        return Arbitraries.oneOf(
                RuleArbitraries.anyText().map(NODES::textNode),
                Arbitraries.of("5m", ">=", "between", "avg", "high", "email", "vm", "******", "2026-02-03T10:00:00Z",
                        "greater_than", "PT5M", "-1s").map(NODES::textNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e308, -1e-308).map(NODES::numberNode),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(30).negate(), java.math.BigInteger.TEN.pow(30))
                        .map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
    }

    /** Random trees biased to the codec's own field names, so that they reach deep into the readers. */
    private static Arbitrary<JsonNode> tree(int depth) {
        if (depth == 0) {
            return scalar();
        }
        Arbitrary<String> keys = Arbitraries.oneOf(
                Arbitraries.of("name", "id", "conditions", "metric", "operator", "threshold", "aggregation", "duration",
                        "window", "holdFor", "notifications", "methods", "email", "webhook", "sms", "inApp", "secret",
                        "escalation", "levels", "delay", "scope", "scopeId", "severity", "cooldown", "condition",
                        "value", "duration_minutes", "channels", "tags", "labelMatchers", "noData", "flapping",
                        "rules", "headers", "url", "method", "channelSettings", "recoveryThreshold", "version"),
                RuleArbitraries.anyText());
        Arbitrary<JsonNode> child = tree(depth - 1);
        Arbitrary<JsonNode> object = Arbitraries.maps(keys, child).ofMaxSize(5).map(m -> {
            ObjectNode o = NODES.objectNode();
            m.forEach(o::set);
            return o;
        });
        Arbitrary<JsonNode> array = child.list().ofMaxSize(4).map(l -> {
            ArrayNode a = NODES.arrayNode();
            l.forEach(a::add);
            return a;
        });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, scalar()),
                net.jqwik.api.Tuple.of(4, object),
                net.jqwik.api.Tuple.of(1, array));
    }

    @Property(tries = 400)
    void randomTreesAsJsonAndYaml(@ForAll("jsonTrees") JsonNode tree) throws Exception {
        readingOnlyEverFailsWithAlertingException(new ObjectMapper().writeValueAsString(tree));
        readingOnlyEverFailsWithAlertingException(new YAMLMapper().writeValueAsString(tree));
    }

    /** One random change to one node of a valid document: replace, delete, rename or add. */
    @Property(tries = 300)
    void mutatedValidDocuments(@ForAll("rules") AlertRule rule, @ForAll long seed, @ForAll("jsonTrees") JsonNode replacement,
                               @ForAll Format format, @ForAll boolean seed000) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode doc = seed000
                ? json.readTree(SeedExamplesTest.resource("000/cpu_usage_high.json"))
                : json.readTree(codec.write(rule, Format.JSON, Redaction.REVEAL));
        Random random = new Random(seed);
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            mutate(doc, random, replacement);
        }
        String text = format == Format.JSON ? json.writeValueAsString(doc) : new YAMLMapper().writeValueAsString(doc);
        readingOnlyEverFailsWithAlertingException(text);
        Throwable t = catchThrowable(() -> codec.readUpdate(text, rule));
        if (t != null) {
            assertThat(t).isInstanceOf(AlertingException.class);
        }
    }

    private static void mutate(JsonNode doc, Random random, JsonNode replacement) {
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(doc, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String field = names.isEmpty() ? "x" : names.get(random.nextInt(names.size()));
            switch (random.nextInt(4)) {
                case 0 -> o.set(field, replacement.deepCopy());
                case 1 -> o.remove(field);
                case 2 -> {
                    JsonNode v = o.remove(field);
                    o.set(field + (random.nextBoolean() ? "s" : "_"), v == null ? NODES.nullNode() : v);
                }
                default -> o.set("extra" + random.nextInt(3), replacement.deepCopy());
            }
        } else if (target instanceof ArrayNode a) {
            if (a.isEmpty() || random.nextBoolean()) {
                a.add(replacement.deepCopy());
            } else {
                a.set(random.nextInt(a.size()), replacement.deepCopy());
            }
        }
    }

    private static void collectContainers(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collectContainers(it.next(), out);
            }
        }
    }

    @Property(tries = 300)
    void truncatedAndSplicedDocuments(@ForAll("rules") AlertRule rule, @ForAll Format format, @ForAll long seed) {
        String text = codec.write(rule, format, Redaction.REVEAL);
        Random random = new Random(seed);
        int cut = random.nextInt(text.length() + 1);
        readingOnlyEverFailsWithAlertingException(text.substring(0, cut));
        String junk = switch (random.nextInt(6)) {
            case 0 -> "\u0000";
            case 1 -> "}{";
            case 2 -> "\n  - ";
            case 3 -> ": :";
            case 4 -> "\"";
            default -> "\t";
        };
        readingOnlyEverFailsWithAlertingException(text.substring(0, cut) + junk + text.substring(cut));
    }

    @Property(tries = 300)
    void garbageBytes(@ForAll byte[] bytes) {
        for (Runnable read : List.<Runnable>of(() -> codec.readRule(bytes), () -> codec.readRules(bytes))) {
            Throwable t = catchThrowable(read::run);
            if (t != null) {
                assertThat(t).isInstanceOf(AlertingException.class);
            }
        }
    }

    @Property(tries = 300)
    void garbageText(@ForAll String text) {
        readingOnlyEverFailsWithAlertingException(text);
        readingOnlyEverFailsWithAlertingException("{" + text);
        readingOnlyEverFailsWithAlertingException("name: " + text);
    }

    @Property(tries = 30)
    void deepNesting(@ForAll("depths") int depth, @ForAll boolean yaml) {
        String text = yaml
                ? "name: r\nconditions:\n" + "  ".repeat(1) + "- ".repeat(depth) + "x\n"
                : "{\"name\":\"r\",\"conditions\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        readingOnlyEverFailsWithAlertingException(text);
    }

    @Provide
    Arbitrary<Integer> depths() {
        return Arbitraries.integers().between(1, 5000);
    }

    @Property(tries = 100)
    void wrongTypesForEveryField(@ForAll("rules") AlertRule rule, @ForAll("scalarOrContainer") JsonNode wrong) throws Exception {
        ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(codec.write(rule, Format.JSON, Redaction.REVEAL));
        List<String> names = new ArrayList<>();
        doc.fieldNames().forEachRemaining(names::add);
        for (String field : names) {
            ObjectNode copy = doc.deepCopy();
            copy.set(field, wrong);
            readingOnlyEverFailsWithAlertingException(copy.toString());
        }
    }

    @Provide
    Arbitrary<JsonNode> scalarOrContainer() {
        return Arbitraries.oneOf(scalar(), Arbitraries.just(NODES.objectNode()), Arbitraries.just(NODES.arrayNode()),
                Arbitraries.just((JsonNode) NODES.arrayNode().add(1).add("x")),
                Arbitraries.just((JsonNode) NODES.objectNode().put(Secret.REDACTED, Secret.REDACTED)));
    }

    @Property(tries = 50)
    void readOnlyStatisticsDoNotDisturbARoundTrip(@ForAll("rules") AlertRule rule,
                                                                                @ForAll long triggerCount) throws Exception {
        ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(codec.write(rule, Format.JSON, Redaction.REVEAL));
        doc.put("triggerCount", triggerCount).put("lastTriggeredAt", "2026-02-03T08:30:00Z");
        assertThat(codec.readRule(doc.toString())).isEqualTo(rule);
    }
}
