package io.vigil.notifiers.template;

import io.vigil.notifiers.internal.Texts;

/**
 * The target format of a rendered message. Template text is written in the target format by its
 * author and kept as is; values put into it (rule names, label values, metric text) come from
 * rules and from metrics, so they are escaped so that they can neither break nor forge markup.
 */
public enum TextFormat {
    /** Plain text (email text part, SMS, in-app, record content): nothing to escape. */
    PLAIN {
        @Override
        public String escape(String value) {
            return value;
        }
    },
    /** HTML (email HTML part). */
    HTML {
        @Override
        public String escape(String value) {
            StringBuilder sb = new StringBuilder(value.length() + 16);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '&': sb.append("&amp;"); break;
                    case '<': sb.append("&lt;"); break;
                    case '>': sb.append("&gt;"); break;
                    case '"': sb.append("&quot;"); break;
                    case '\'': sb.append("&#39;"); break;
                    default: sb.append(c);
                }
            }
            return sb.toString();
        }

        @Override
        String repairCut(String cut) {
            return dropPartialEntity(cut);
        }
    },
    /**
     * Discord's Markdown: formatting characters are backslash-escaped. Mentions are neutralised by
     * the Discord notifier itself ({@code allowed_mentions}), not here.
     */
    DISCORD_MARKDOWN {
        @Override
        public String escape(String value) {
            StringBuilder sb = new StringBuilder(value.length() + 8);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ("\\*_~`|[]()>#".indexOf(c) >= 0) {
                    sb.append('\\');
                }
                sb.append(c);
            }
            return sb.toString();
        }

        @Override
        String repairCut(String cut) {
            return dropDanglingBackslash(cut);
        }
    },
    /**
     * Slack's mrkdwn: Slack has no escape for {@code * _ ~}; what it requires is that {@code &},
     * {@code <} and {@code >} are entities, which also stops values from forging links and
     * {@code <!channel>} mentions.
     */
    SLACK_MRKDWN {
        @Override
        public String escape(String value) {
            return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }

        @Override
        String repairCut(String cut) {
            return dropPartialEntity(cut);
        }
    },
    /** The inside of a JSON string (a webhook template that writes its own JSON body). */
    JSON {
        @Override
        public String escape(String value) {
            StringBuilder sb = new StringBuilder(value.length() + 8);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"': sb.append("\\\""); break;
                    case '\\': sb.append("\\\\"); break;
                    case '\n': sb.append("\\n"); break;
                    case '\r': sb.append("\\r"); break;
                    case '\t': sb.append("\\t"); break;
                    default:
                        if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                }
            }
            return sb.toString();
        }

        @Override
        String repairCut(String cut) {
            return dropDanglingBackslash(cut);
        }
    };

    /** {@code value} made safe to place inside text of this format. */
    public abstract String escape(String value);

    /** Cuts already formatted text to {@code max} UTF-16 units without leaving half an escape behind. */
    public String truncate(String formatted, int max) {
        if (formatted == null || formatted.length() <= max) {
            return formatted;
        }
        String cut = Texts.truncate(formatted, max);
        String body = cut.substring(0, cut.length() - Texts.ELLIPSIS.length());
        return repairCut(body) + Texts.ELLIPSIS;
    }

    String repairCut(String cut) {
        return cut;
    }

    /** Removes a trailing {@code &...} that lost its {@code ;} in the cut. */
    private static String dropPartialEntity(String cut) {
        int amp = cut.lastIndexOf('&');
        if (amp >= 0 && cut.length() - amp <= 8 && cut.indexOf(';', amp) < 0) {
            return cut.substring(0, amp);
        }
        return cut;
    }

    /** Removes a trailing backslash that would otherwise escape the ellipsis. */
    private static String dropDanglingBackslash(String cut) {
        int n = 0;
        for (int i = cut.length() - 1; i >= 0 && cut.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1 ? cut.substring(0, cut.length() - 1) : cut;
    }
}
