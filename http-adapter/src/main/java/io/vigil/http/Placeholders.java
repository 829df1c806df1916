package io.vigil.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seed 001's template syntax: {@code {variable}} (letters, digits, {@code _} and {@code .}),
 * <code>&#123;&#123;</code> for a literal brace; any other brace is text. The notifiers module renders the same
 * syntax; this is what the template API needs to list and preview variables.
 */
final class Placeholders {
    private static final Pattern TOKEN = Pattern.compile("\\{\\{|\\{([A-Za-z_][A-Za-z0-9_.]{0,99})}");

    private Placeholders() {
    }

    /** The variables {@code text} uses, in order of first use. */
    static List<String> of(String text) {
        Set<String> names = new LinkedHashSet<>();
        if (text != null) {
            Matcher m = TOKEN.matcher(text);
            while (m.find()) {
                if (m.group(1) != null) {
                    names.add(m.group(1));
                }
            }
        }
        return new ArrayList<>(names);
    }

    /** {@code text} with known variables replaced; unknown ones stay as written, so a typo shows. */
    static String render(String text, Map<String, String> values) {
        if (text == null) {
            return null;
        }
        Matcher m = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) == null) {
                replacement = "{";
            } else {
                String v = values.get(m.group(1));
                replacement = v != null ? v : m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
