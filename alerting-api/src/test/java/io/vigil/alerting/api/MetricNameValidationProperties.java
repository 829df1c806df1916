package io.vigil.alerting.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** The hand-written metric name check accepts exactly what the documented pattern accepts. */
class MetricNameValidationProperties {
    private static final Pattern DOCUMENTED = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:.\\-]{0,199}");

    @Property(tries = 1000)
    void agreesWithTheDocumentedPattern(@ForAll @StringLength(max = 210)
                                        @Chars({'a', 'Z', '0', '9', '_', ':', '.', '-', ' ', '/', 'é', '\n'}) String name) {
        assertThat(MetricNames.isValid(name)).as(name).isEqualTo(DOCUMENTED.matcher(name).matches());
    }

    @Property(tries = 200)
    void agreesOnAnyString(@ForAll String name) {
        assertThat(MetricNames.isValid(name)).as(name).isEqualTo(DOCUMENTED.matcher(name).matches());
    }
}
