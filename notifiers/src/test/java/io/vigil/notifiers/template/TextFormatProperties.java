package io.vigil.notifiers.template;

import io.vigil.notifiers.internal.Texts;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TextFormatProperties {

    @Provide
    Arbitrary<String> text() {
        // Mixes ASCII, markup characters, astral code points (surrogate pairs) and control characters.
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab<>&\"'*_~`|[]()#\\\n\r{}"),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff'),
                Arbitraries.strings().withChars("x😀🚨é中\uD83D\uDE00"),
                Arbitraries.strings().all()).list().ofMaxSize(4).map(l -> String.join("", l))
                .filter(s -> s.length() < 600 && wellFormed(s));
    }

    @Property(tries = 500)
    void truncationFitsAndNeverBreaksASurrogatePair(@ForAll("text") String s, @ForAll @IntRange(min = 1, max = 300) int max) {
        for (TextFormat f : TextFormat.values()) {
            String cut = f.truncate(f.escape(s), max);
            assertThat(cut.length()).isLessThanOrEqualTo(max);
            assertThat(wellFormed(cut)).as("broken surrogate in %s", f).isTrue();
            if (f.escape(s).length() > max) {
                assertThat(cut).endsWith(Texts.ELLIPSIS);
            } else {
                assertThat(cut).isEqualTo(f.escape(s));
            }
        }
    }

    @Property(tries = 300)
    void escapedMarkupHasNoActiveCharacters(@ForAll("text") String s) {
        String html = TextFormat.HTML.escape(s);
        assertThat(html).doesNotContain("<", ">", "\"", "'");
        assertThat(html.replace("&amp;", "").replace("&lt;", "").replace("&gt;", "").replace("&quot;", "")
                .replace("&#39;", "")).doesNotContain("&");
        assertThat(TextFormat.SLACK_MRKDWN.escape(s)).doesNotContain("<", ">");
        String json = "\"" + TextFormat.JSON.escape(s) + "\"";
        assertThat(json.chars().filter(c -> c < 0x20).count()).isZero();
    }

    @Property(tries = 300)
    void cutEscapedTextEndsOnACompleteEscape(@ForAll("text") String s, @ForAll @IntRange(min = 2, max = 200) int max) {
        String md = TextFormat.DISCORD_MARKDOWN.truncate(TextFormat.DISCORD_MARKDOWN.escape(s), max);
        String body = md.endsWith(Texts.ELLIPSIS) ? md.substring(0, md.length() - 1) : md;
        int trailing = 0;
        for (int i = body.length() - 1; i >= 0 && body.charAt(i) == '\\'; i--) {
            trailing++;
        }
        assertThat(trailing % 2).isZero();
        String html = TextFormat.HTML.truncate(TextFormat.HTML.escape(s), max);
        int amp = html.lastIndexOf('&');
        if (amp >= 0) {
            assertThat(html.indexOf(';', amp)).isGreaterThan(amp);
        }
    }

    @Property(tries = 200)
    void templatesNeverThrow(@ForAll("text") String template, @ForAll("text") String value) {
        TemplateRegistry r = TemplateRegistry.withDefaults();
        r.register(MessageTemplate.of("t", template, template));
        MessageRenderer renderer = new MessageRenderer(r);
        io.vigil.alerting.api.ChannelSettings s = new io.vigil.alerting.api.ChannelSettings(true, null, null, "t",
                null, null, null, null, null);
        io.vigil.alerting.spi.Notification n = io.vigil.notifiers.Fixtures.notification("email", "", s,
                io.vigil.alerting.api.NotificationKind.FIRING, io.vigil.notifiers.Fixtures.named(value.isEmpty() ? "r" : value,
                        io.vigil.alerting.api.Labels.empty()));
        for (TextFormat f : TextFormat.values()) {
            assertThat(renderer.render(n, f, io.vigil.notifiers.Fixtures.FIRED)).isNotNull();
        }
        assertThat(renderer.html(n, io.vigil.notifiers.Fixtures.FIRED)).isNotNull();
    }

    @Property(tries = 200)
    void durationsReadWell(@ForAll @IntRange(min = 0, max = 10_000_000) int seconds) {
        String d = Values.duration(Duration.ofSeconds(seconds));
        assertThat(d).matches("\\d+[dhms]( \\d+[dhms])?|0ms");
    }

    /** Whether every surrogate in {@code s} is half of a proper pair. */
    static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
