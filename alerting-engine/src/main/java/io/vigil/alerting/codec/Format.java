package io.vigil.alerting.codec;

/** The text formats the codec reads and writes. */
public enum Format {
    JSON, YAML;

    /**
     * Guesses the format of a document: JSON when its first non-blank character is {@code {} or
     * {@code [}, YAML otherwise. (JSON is also YAML, but reading it as JSON gives sharper errors.)
     */
    public static Format detect(String text) {
        if (text != null) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '{' || c == '[') {
                    return JSON;
                }
                if (!Character.isWhitespace(c) && c != '\uFEFF') {
                    return YAML;
                }
            }
        }
        return YAML;
    }

    /** Like {@link #detect(String)} for UTF-8 (or UTF-16/32 with a byte-order mark) bytes. */
    public static Format detect(byte[] bytes) {
        if (bytes != null) {
            for (byte b : bytes) {
                if (b == '{' || b == '[') {
                    return JSON;
                }
                // skip ASCII white space, NUL (UTF-16/32 padding) and byte-order-mark bytes
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != 0 && (b & 0x80) == 0) {
                    return YAML;
                }
            }
        }
        return YAML;
    }
}
