package io.vigil.examples.server;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's command line: {@code [--config <file>] [--rules <file>] [--help]}; both
 * {@code --name value} and {@code --name=value} work.
 *
 * @param config    the configuration file, or {@code null}
 * @param overrides key path to value, from options that set a key ({@code --rules} is {@code rules.file})
 * @param help      whether to print the usage and exit
 */
record ServerArgs(Path config, Map<String, String> overrides, boolean help) {
    static final String USAGE = """
            Usage: java -jar vigil-server.jar [--config <file>] [--rules <file>]

              --config <file>  configuration file, YAML or JSON (also: VIGIL_CONFIG)
              --rules <file>   rules file to load at start, YAML or JSON (sets rules.file)
              --help           print this and exit

            Every configuration key can also be set by an environment variable (VIGIL_HTTP_PORT=9000);
            see docs/configuration.md.
            """;

    /** Parses the arguments; throws {@link IllegalArgumentException} saying what is wrong. */
    static ServerArgs parse(List<String> args) {
        Path config = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--config", "--rules" -> {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new IllegalArgumentException(name + " needs a file");
                        }
                        value = args.get(++i);
                    }
                    if (value.isBlank()) {
                        throw new IllegalArgumentException(name + " needs a file");
                    }
                    if (name.equals("--config")) {
                        config = Path.of(value);
                    } else {
                        overrides.put("rules.file", value);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return new ServerArgs(config, Map.copyOf(overrides), help);
    }
}
