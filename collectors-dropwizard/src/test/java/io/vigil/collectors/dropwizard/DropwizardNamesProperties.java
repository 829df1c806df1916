package io.vigil.collectors.dropwizard;

import io.vigil.alerting.api.MetricNames;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Dropwizard names come from applications: any text must become a valid name, suffixes included. */
class DropwizardNamesProperties {
    private static final List<String> SUFFIXES = List.of("", "_count", "_rate_mean", "_rate_m1", "_rate_m5", "_rate_m15",
            "_mean", "_p50", "_p95", "_p99", "_max", "_ms_mean", "_ms_p50", "_ms_p95", "_ms_p99", "_ms_max");

    @Property(tries = 500)
    void anyNameWithAnySuffixIsAValidMetricName(@ForAll @StringLength(max = 300) String prefix,
                                                @ForAll @StringLength(max = 300) String name) {
        String base = DropwizardNames.base(prefix, name);
        if (prefix.isEmpty() && name.isEmpty()) {
            assertThat(base).isNull();
            return;
        }
        assertThat(base).isNotNull();
        for (String suffix : SUFFIXES) {
            assertThat(MetricNames.isValid(base + suffix)).as("'%s%s'", base, suffix).isTrue();
            assertThat(MetricNames.isValid(DropwizardNames.timerStem(base) + suffix)).isTrue();
        }
    }

    @Provide
    Arbitrary<String> usualNames() {
        Arbitrary<String> head = Arbitraries.strings().withCharRange('a', 'z').ofLength(1);
        Arbitrary<String> tail = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('_', '.', '-', ':')
                .ofMaxLength(60);
        return head.flatMap(h -> tail.map(t -> h + t));
    }

    @Property(tries = 500)
    void aNameThatIsAlreadyValidIsKeptAsItIs(@ForAll("usualNames") String name) {
        assertThat(DropwizardNames.base("", name)).isEqualTo(name);
        assertThat(DropwizardNames.base("app_", name)).isEqualTo("app_" + name);
    }
}
