package io.vigil.examples.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.examples.server.config.ConfigSchema.Key;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binder is fed by the outside (files and environment): whatever it gets, it either binds or
 * throws a {@link ConfigException} whose problems name keys, never anything else, and never quotes a secret.
 */
class ConfigBinderProperties {
    private static final List<Key> KEYS = ConfigSchema.of(ServerConfig.class).keys();
    private static final String SECRET_MARK = "Zq9SECRETx";

    @Provide
    Arbitrary<Map<String, String>> environments() {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.of(KEYS).map(Key::envName),
                Arbitraries.of(KEYS).filter(k -> k.alias() != null).map(Key::alias),
                Arbitraries.strings().alpha().ofMaxLength(8).map(s -> "VIGIL_" + s.toUpperCase()));
        return Arbitraries.maps(names, values()).ofMaxSize(6);
    }

    private static Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20),
                Arbitraries.of("0", "-1", "8000", "65536", "true", "FALSE", "10s", "0s", "1h30m", "PT5M", "P1D", "[a, b]",
                        "{a: b}", "{a: [b]}", "[", "{", "a,b,,c", "sqlite", "memory", "tls", "UTC", "99999999999"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(s -> SECRET_MARK + s));
    }

    @Provide
    Arbitrary<JsonNode> files() {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                values().map(JsonNodeFactory.instance::textNode),
                Arbitraries.integers().map(JsonNodeFactory.instance::numberNode),
                Arbitraries.of(true, false).map(JsonNodeFactory.instance::booleanNode),
                Arbitraries.just(JsonNodeFactory.instance.nullNode()),
                Arbitraries.just(JsonNodeFactory.instance.arrayNode().add("x")),
                Arbitraries.just(JsonNodeFactory.instance.objectNode().put("k", "v")));
        Arbitrary<String> paths = Arbitraries.oneOf(Arbitraries.of(KEYS).map(Key::path),
                Arbitraries.of("http", "notifiers.email", "nope", "http.nope", "collectors.ipmi.properties.x"));
        return Combinators.combine(paths, leaf).as(Map::entry).list().ofMaxSize(8).map(entries -> {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : entries) {
                put(root, e.getKey().split("\\."), e.getValue());
            }
            return root;
        });
    }

    private static void put(ObjectNode node, String[] path, JsonNode value) {
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode next = node.get(path[i]);
            if (!(next instanceof ObjectNode)) {
                next = node.putObject(path[i]);
            }
            node = (ObjectNode) next;
        }
        node.set(path[path.length - 1], value.deepCopy());
    }

    @Property(tries = 500)
    void bindsOrNamesTheProblemsAndNeverQuotesSecrets(@ForAll("files") JsonNode file,
                                                      @ForAll("environments") Map<String, String> env) {
        Set<String> knownKeys = new HashSet<>();
        KEYS.forEach(k -> knownKeys.add(k.path()));
        try {
            ServerConfig config = ConfigBinder.bind(ServerConfig.class, file, "f.yaml", env, Map.of());
            assertThat(config.http()).isNotNull();
            assertThat(config.toString()).doesNotContain(SECRET_MARK + "\u0000");
        } catch (ConfigException e) {
            assertThat(e.problems()).isNotEmpty();
            for (ConfigProblem p : e.problems()) {
                boolean namesAKey = knownKeys.stream().anyMatch(k -> p.key().equals(k) || k.startsWith(p.key() + "."))
                        || p.key().startsWith("VIGIL_") || p.key().equals("(top level)")
                        || p.message().startsWith("unknown key");
                assertThat(namesAKey).as(p.toString()).isTrue();
                if (isSecretKey(p.key())) {
                    assertThat(p.message()).doesNotContain(SECRET_MARK);
                }
            }
        }
    }

    private static boolean isSecretKey(String path) {
        return KEYS.stream().anyMatch(k -> k.path().equals(path) && k.type().secret());
    }
}
