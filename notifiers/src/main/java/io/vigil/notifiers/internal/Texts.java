package io.vigil.notifiers.internal;

/** Cutting text to a channel's limit without producing broken characters. */
public final class Texts {
    /** Appended where text was cut. */
    public static final String ELLIPSIS = "\u2026";

    private Texts() {
    }

    /**
     * {@code text} if it has at most {@code max} UTF-16 units, else its longest prefix that fits
     * together with an ellipsis, never ending inside a surrogate pair. Limits are counted in UTF-16
     * units because that is what the chat services count; a code point never counts for less.
     */
    public static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        if (max < ELLIPSIS.length()) {
            return "";
        }
        int cut = max - ELLIPSIS.length();
        if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + ELLIPSIS;
    }

    /** Replaces CR, LF and other control characters by spaces: for one-line fields such as subjects. */
    public static String singleLine(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        return sb.toString();
    }

    /** Whether {@code text} has a CR, LF or other control character. */
    public static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }
}
