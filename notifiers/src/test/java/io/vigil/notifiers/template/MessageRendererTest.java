package io.vigil.notifiers.template;

import io.vigil.alerting.api.ChannelSettings;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.NotificationKind;
import io.vigil.alerting.spi.AlertMessage;
import io.vigil.alerting.spi.Notification;
import io.vigil.notifiers.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.vigil.notifiers.Fixtures.FIRED;
import static org.assertj.core.api.Assertions.assertThat;

class MessageRendererTest {
    private static final Instant NOW = FIRED.plusSeconds(600);

    private final TemplateRegistry registry = TemplateRegistry.withDefaults();
    private final MessageRenderer renderer = new MessageRenderer(registry);

    private Notification with(String templateId, NotificationKind kind, AlertMessage m) {
        ChannelSettings s = new ChannelSettings(true, List.of(), List.of(), templateId, null, null, null, Map.of(), null);
        return Fixtures.notification("webhook", "", s, kind, m);
    }

    @Test
    void seedOneStyleVariablesIncludingLabelsAndExtras() {
        AlertMessage m = Fixtures.cpuHigh();
        m = new AlertMessage(m.recordId(), m.ruleId(), m.ruleName(), m.description(), m.severity(), m.metric(),
                m.value(), m.threshold(), m.condition(), m.labels(), m.triggeredAt(), null, null, 0, m.link(),
                Map.of("additional_info", "check the web tier", "rule", "an extra must not replace a built-in"));
        registry.register(MessageTemplate.of("t", "{rule} on {labels.host}: {value} >= {threshold} [{severity}] {additional_info}"));

        String body = renderer.render(with("t", NotificationKind.FIRING, m), TextFormat.PLAIN, NOW).body();

        assertThat(body).isEqualTo("CPU high on web-1: 85.5 >= 80 [high] check the web tier");
    }

    @Test
    void unknownVariablesStayVisibleAndNothingThrows() {
        registry.register(MessageTemplate.of("t", "{rule} {nmae} {labels.zone} { not a var } {{rule} {"));

        String body = renderer.render(with("t", NotificationKind.FIRING, Fixtures.cpuHigh()), TextFormat.PLAIN, NOW).body();

        assertThat(body).isEqualTo("CPU high {nmae} {labels.zone} { not a var } {rule} {");
    }

    @Test
    void linesWhoseVariablesAreAllEmptyAreLeftOut() {
        registry.register(MessageTemplate.of("t", "{rule}\nResolved: {resolved_at}\nLink: {link}\nplain line"));

        String body = renderer.render(with("t", NotificationKind.FIRING, Fixtures.cpuHigh()), TextFormat.PLAIN, NOW).body();

        assertThat(body).isEqualTo("CPU high\nLink: https://vigil.example/alerts/alert_001\nplain line");
    }

    @Test
    void valuesAreEscapedForTheTargetFormatButTemplateTextIsNot() {
        AlertMessage m = Fixtures.named("<b>x</b> & *bold* \"q\"\n", Labels.of("host", "a_b"));
        registry.register(MessageTemplate.of("t", "**{rule}** {labels.host}"));
        Notification n = with("t", NotificationKind.FIRING, m);

        assertThat(renderer.render(n, TextFormat.HTML, NOW).body())
                .isEqualTo("**&lt;b&gt;x&lt;/b&gt; &amp; *bold* &quot;q&quot;\n** a_b");
        assertThat(renderer.render(n, TextFormat.DISCORD_MARKDOWN, NOW).body())
                .isEqualTo("**<b\\>x</b\\> & \\*bold\\* \"q\"\n** a\\_b");
        assertThat(renderer.render(n, TextFormat.SLACK_MRKDWN, NOW).body())
                .isEqualTo("**&lt;b&gt;x&lt;/b&gt; &amp; *bold* \"q\"\n** a_b");
        assertThat(renderer.render(n, TextFormat.JSON, NOW).body())
                .isEqualTo("**<b>x</b> & *bold* \\\"q\\\"\\n** a_b");
    }

    @Test
    void jsonTemplatesKeepTheirBraces() {
        registry.register(MessageTemplate.of("slack-like", "{\"text\": \"{rule} is {value}\", \"meta\": {\"host\": \"{labels.host}\"}}"));

        String body = renderer.render(with("slack-like", NotificationKind.FIRING, Fixtures.named("say \"hi\"",
                Labels.of("host", "h"))), TextFormat.JSON, NOW).body();

        assertThat(body).isEqualTo("{\"text\": \"say \\\"hi\\\" is 85.5\", \"meta\": {\"host\": \"h\"}}");
    }

    @Test
    void eachKindHasItsOwnWording() {
        Notification firing = with(null, NotificationKind.FIRING, Fixtures.cpuHigh());
        Notification resolved = with(null, NotificationKind.RESOLVED, Fixtures.cpuResolved());
        AlertMessage escalated = new AlertMessage("alert_001", "rule_001", "CPU high", null,
                io.vigil.alerting.api.Severity.HIGH, "cpu", 91.0, "80", "cpu >= 80", Labels.empty(), FIRED, null, null,
                2, null, Map.of());

        RenderedMessage f = renderer.render(firing, TextFormat.PLAIN, NOW);
        RenderedMessage r = renderer.render(resolved, TextFormat.PLAIN, NOW);
        RenderedMessage e = renderer.render(with(null, NotificationKind.ESCALATION, escalated), TextFormat.PLAIN, NOW);

        assertThat(f.title()).isEqualTo("[HIGH] CPU high is firing");
        assertThat(f.body()).contains("Metric: cpu.usagePercent = 85.5", "Labels: env=prod, host=web-1",
                "Alert: alert_001", "CPU above 80% for 5 minutes");
        assertThat(r.title()).isEqualTo("[RESOLVED] CPU high recovered after 1h 30m");
        assertThat(r.body()).contains("recovered at 2026-02-03T14:00:00Z; it had been firing for 1h 30m",
                "Recovery value: cpu.usagePercent = 42");
        assertThat(e.title()).isEqualTo("[ESCALATED L2] [HIGH] CPU high is still firing");
        assertThat(e.body()).contains("firing for 10m", "escalated to level 2").doesNotContain("Link:");
        AlertMessage digest = new AlertMessage(null, null, "Quiet hours digest", null,
                io.vigil.alerting.api.Severity.MEDIUM, null, null, null, null, Labels.empty(), FIRED, null, null, 0, null,
                Map.of("count", "2", "items", "- a\n- b"));
        RenderedMessage d = renderer.render(with(null, NotificationKind.DIGEST, digest), TextFormat.PLAIN, NOW);
        assertThat(d.title()).isEqualTo("[DIGEST] 2 notifications held during quiet hours");
        assertThat(d.body()).endsWith("\n\n- a\n- b");
        for (NotificationKind kind : java.util.EnumSet.complementOf(java.util.EnumSet.of(NotificationKind.DIGEST))) {
            RenderedMessage any = renderer.render(with(null, kind, Fixtures.cpuHigh()), TextFormat.PLAIN, NOW);
            assertThat(any.title()).as(kind.name()).isNotBlank().doesNotContain("{");
            assertThat(any.body()).as(kind.name()).isNotBlank();
        }
    }

    @Test
    void aRuleTemplateOverridesTheBodyAndKeepsTheDefaultTitle() {
        registry.register(MessageTemplate.of("posco_news_alert", "🏢 **{rule}**\n📰 {description}"));
        registry.register(MessageTemplate.of("posco_news_alert.resolved", "✅ {rule} back to {recovery_value}"));

        RenderedMessage firing = renderer.render(with("posco_news_alert", NotificationKind.FIRING, Fixtures.cpuHigh()),
                TextFormat.PLAIN, NOW);
        RenderedMessage resolved = renderer.render(with("posco_news_alert", NotificationKind.RESOLVED,
                Fixtures.cpuResolved()), TextFormat.PLAIN, NOW);

        assertThat(firing.title()).isEqualTo("[HIGH] CPU high is firing");
        assertThat(firing.body()).isEqualTo("🏢 **CPU high**\n📰 CPU above 80% for 5 minutes");
        assertThat(resolved.body()).isEqualTo("✅ CPU high back to 42");
    }

    @Test
    void channelDefaultsDifferAndCanBeReplaced() {
        Notification sms = Fixtures.notification("sms", "+100", ChannelSettings.defaults(), NotificationKind.FIRING,
                Fixtures.cpuHigh());
        assertThat(renderer.render(sms, TextFormat.PLAIN, NOW).body())
                .isEqualTo("[HIGH] CPU high firing: cpu.usagePercent=85.5 (cpu.usagePercent >= 80) env=prod, host=web-1");

        registry.register(MessageTemplate.of("sms.firing", "{rule}!"));
        assertThat(renderer.render(sms, TextFormat.PLAIN, NOW).body()).isEqualTo("CPU high!");
    }

    @Test
    void htmlBodyFromATextTemplateEscapesEverythingAndKeepsLines() {
        registry.register(MessageTemplate.of("t", "<{rule}>\nline 2"));
        Notification n = with("t", NotificationKind.FIRING, Fixtures.named("a<b", Labels.empty()));

        assertThat(renderer.html(n, NOW)).isEqualTo("&lt;a&lt;b&gt;<br>\nline 2");

        registry.register(MessageTemplate.of("t", null, "text", "<p>{rule}</p>"));
        assertThat(renderer.html(n, NOW)).isEqualTo("<p>a&lt;b</p>");
    }

    @Test
    void templatesReportTheirVariables() {
        assertThat(MessageTemplate.of("t", "{a} {b}", "{b} {labels.c}").variables()).containsExactly("a", "b", "labels.c");
    }
}
