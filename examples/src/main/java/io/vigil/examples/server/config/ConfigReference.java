package io.vigil.examples.server.config;

import io.vigil.examples.server.config.ConfigSchema.Key;
import io.vigil.examples.server.config.ConfigSchema.Node;
import io.vigil.examples.server.config.ConfigSchema.Section;

/**
 * Renders the configuration reference ({@code docs/configuration.md}) from the configuration
 * records: their keys, types, defaults, environment variables and {@link Doc}s. A test renders it
 * and compares it with the committed file, so the reference cannot drift from the code.
 */
public final class ConfigReference {
    /** An example file; the reference shows it and a test binds it. */
    static final String EXAMPLE = """
            http:
              port: 8000
            rules:
              file: examples/rules/seed000-scenarios.yaml
            collectors:
              hostLabels: {env: production}
              system:
                interval: 15s
            notifiers:
              email:
                server: smtp.gmail.com
                port: 587
                username: alerts@example.com
                to: [ops@example.com]
              discord:
                username: Vigil
            engine:
              statisticsZone: Asia/Seoul
            """;

    private ConfigReference() {
    }

    /** The reference as Markdown. */
    public static String markdown() {
        Section root = ConfigSchema.of(ServerConfig.class);
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n")
          .append("<!-- Generated from the records in io.vigil.examples.server.config by ConfigReference. Do not edit:\n")
          .append("     change the records and run `mvn -B -pl examples -am verify -Dvigil.writeConfigReference=true`. -->\n\n")
          .append("The standalone server reads one configuration file, YAML or JSON, named by `--config <path>` or the\n")
          .append("environment variable `VIGIL_CONFIG`; without one, every key has its default. Every key can also be set by\n")
          .append("an environment variable: `VIGIL_` and the key in upper case, with `_` for dots and between words\n")
          .append("(`http.port` is `VIGIL_HTTP_PORT`, `notifiers.email.fromName` is `VIGIL_NOTIFIERS_EMAIL_FROM_NAME`).\n\n")
          .append("For each key the first of these that is set wins:\n\n")
          .append("1. the command line (`--rules <file>` sets `rules.file`);\n")
          .append("2. its `VIGIL_...` environment variable;\n")
          .append("3. its other environment variable, where it has one (seed 000's `SMTP_SERVER`, `DISCORD_WEBHOOK_URL`, ...);\n")
          .append("4. the configuration file;\n")
          .append("5. the default.\n\n")
          .append("Empty environment variables count as unset. In environment variables, lists are comma-separated\n")
          .append("(`a,b`) and mappings are written `{name: value, other: value}`. The configuration is checked at start:\n")
          .append("unknown keys, unknown `VIGIL_...` variables and invalid values stop the server, which lists every\n")
          .append("problem with its key and where the value came from. Secrets are never printed.\n\n")
          .append("An example:\n\n```yaml\n").append(EXAMPLE).append("```\n");
        for (Section s : root.sections()) {
            section(md, s);
        }
        return md.toString();
    }

    private static void section(StringBuilder md, Section s) {
        boolean hasKeys = s.children().stream().anyMatch(n -> n instanceof Key);
        md.append("\n## `").append(s.path()).append("`\n\n");
        if (!s.doc().isEmpty()) {
            md.append(s.doc()).append("\n\n");
        }
        if (!hasKeys) {
            md.append("Sections: ").append(String.join(", ", s.children().stream()
                    .map(n -> "`" + n.path() + "`").toList())).append(".\n");
            return;
        }
        md.append("| key | environment | type | default | meaning |\n|---|---|---|---|---|\n");
        for (Node n : s.children()) {
            if (n instanceof Key k) {
                md.append("| `").append(k.path()).append("` | `").append(k.envName()).append('`');
                if (k.alias() != null) {
                    md.append(", `").append(k.alias()).append('`');
                }
                md.append(" | ").append(cell(type(k))).append(" | ").append(cell(defaultOf(k)))
                  .append(" | ").append(cell(k.doc())).append(" |\n");
            }
        }
    }

    private static String type(Key k) {
        String t = k.type().describe();
        if (k.range() != null) {
            t += " " + k.range().min() + " to " + k.range().max();
        }
        return t;
    }

    private static String defaultOf(Key k) {
        if (k.defaultText() == null) {
            return k.type().absent() != null ? "none" : "";
        }
        return "`" + k.type().show(k.type().fromText(k.defaultText())) + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
