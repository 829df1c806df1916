package io.vigil.examples.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads the server's configuration: the file named by {@code --config} or {@code VIGIL_CONFIG}
 * (YAML or JSON: JSON is read as the YAML it also is), then the environment and command-line
 * overrides on top (see {@link ConfigBinder} for the order).
 */
public final class ConfigLoader {
    /** The environment variable naming the configuration file. */
    public static final String CONFIG_ENV = "VIGIL_CONFIG";
    /** Configuration files are small; anything bigger is a mistake (a log file, a database). */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ConfigLoader() {
    }

    /**
     * The configuration from {@code file} ({@code null}: {@code VIGIL_CONFIG}, else no file), the
     * environment {@code env} and {@code overrides} (key path to text).
     *
     * @throws ConfigException naming every problem with its key
     */
    public static ServerConfig load(Path file, Map<String, String> env, Map<String, String> overrides) {
        Path chosen = file;
        if (chosen == null && env.get(CONFIG_ENV) != null && !env.get(CONFIG_ENV).isBlank()) {
            chosen = Path.of(env.get(CONFIG_ENV).trim());
        }
        JsonNode document = chosen == null ? null : read(chosen);
        return ConfigBinder.bind(ServerConfig.class, document, chosen == null ? null : chosen.toString(), env, overrides);
    }

    /** Parses a configuration file; an empty file is an empty configuration. */
    static JsonNode read(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw problem(name, "is larger than " + MAX_FILE_BYTES + " bytes; is it the right file?");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw problem(name, "does not exist");
        } catch (IOException e) {
            throw problem(name, "cannot be read: " + e.getMessage());
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            JsonNode root = YAML.readTree(bytes);
            return root == null || root.isMissingNode() ? null : root;
        } catch (CharacterCodingException e) {
            throw problem(name, "is not UTF-8 text");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            // Only the parser's first line: the rest quotes the file, which may hold a password.
            String reason = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("").trim();
            throw problem(name, "is not valid YAML or JSON" + where + ": " + reason);
        } catch (IOException e) {
            throw problem(name, "cannot be read: " + e.getMessage());
        }
    }

    private static ConfigException problem(String file, String message) {
        return new ConfigException(new ConfigProblem("config file " + file, "", message));
    }
}
