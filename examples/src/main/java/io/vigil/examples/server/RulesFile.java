package io.vigil.examples.server;

import io.vigil.alerting.api.AlertRule;
import io.vigil.alerting.api.AlertingException;
import io.vigil.alerting.api.ValidationError;
import io.vigil.alerting.codec.RuleCodec;
import io.vigil.alerting.runtime.Actor;
import io.vigil.alerting.runtime.Alerting;
import io.vigil.alerting.runtime.ImportResult;
import io.vigil.examples.server.config.ConfigException;
import io.vigil.examples.server.config.ConfigProblem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server's rules file ({@code rules.file}, {@code --rules}): YAML or JSON, a list of rules,
 * {@code {rules: [...]}} or one rule, each in seed 000's or seed 003's format. Loading is all or
 * nothing: a file with any invalid rule changes nothing and stops the start, listing every problem
 * with the rule's index and field.
 */
public final class RulesFile {
    /** Who the loaded rules are created or updated by. */
    public static final Actor ACTOR = new Actor("rules-file", "rules file");
    private static final String KEY = "rules.file";
    private static final RuleCodec CODEC = new RuleCodec();

    private RulesFile() {
    }

    /** Reads and applies {@code file}; returns the stored rules in file order. */
    public static List<AlertRule> load(Alerting alerting, Path file) {
        return apply(alerting, read(file), file);
    }

    /** Reads every rule of {@code file}. */
    public static List<AlertRule> read(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > RuleCodec.MAX_DOCUMENT_SIZE) {
                throw problem(file, "is larger than " + RuleCodec.MAX_DOCUMENT_SIZE + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw problem(file, "does not exist");
        } catch (IOException e) {
            throw problem(file, "cannot be read: " + e.getMessage());
        }
        try {
            return CODEC.readRules(bytes);
        } catch (AlertingException e) {
            throw problems(file, e.errors(), "");
        }
    }

    /**
     * Creates each rule, or replaces the stored rule of the same name (keeping its id and history);
     * other stored rules are kept. All or nothing.
     */
    public static List<AlertRule> apply(Alerting alerting, List<AlertRule> rules, Path file) {
        ImportResult result = alerting.rules().importRules(rules, true, ACTOR);
        if (!result.isApplied()) {
            List<ConfigProblem> all = new ArrayList<>();
            for (Map.Entry<Integer, List<ValidationError>> e : result.errors().entrySet()) {
                String where = e.getKey() < 0 ? "" : "rules[" + e.getKey() + "] (" + rules.get(e.getKey()).name() + ")";
                all.addAll(problems(file, e.getValue(), where).problems());
            }
            throw new ConfigException(all);
        }
        return result.applied();
    }

    private static ConfigException problems(Path file, List<ValidationError> errors, String prefix) {
        List<ConfigProblem> out = new ArrayList<>();
        for (ValidationError error : errors) {
            String path = error.path().isEmpty() ? prefix : prefix.isEmpty() ? error.path() : prefix + "." + error.path();
            out.add(new ConfigProblem(KEY, file.toString(),
                    (path.isEmpty() ? "" : path + ": ") + error.message() + " [" + error.code() + "]"));
        }
        return new ConfigException(out);
    }

    private static ConfigException problem(Path file, String message) {
        return new ConfigException(new ConfigProblem(KEY, "", file + " " + message));
    }
}
