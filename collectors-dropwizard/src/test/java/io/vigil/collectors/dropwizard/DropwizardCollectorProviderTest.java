package io.vigil.collectors.dropwizard;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SharedMetricRegistries;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.CollectorUnavailableException;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.SampleBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DropwizardCollectorProviderTest {
    private static final String REGISTRY = "provider-test-registry";
    private final DropwizardCollectorProvider provider = new DropwizardCollectorProvider();

    @AfterEach
    void forgetRegistry() {
        SharedMetricRegistries.remove(REGISTRY);
    }

    private static List<String> names(MetricCollector collector) throws Exception {
        SampleBuffer buffer = new SampleBuffer(Instant.EPOCH, Labels.empty());
        collector.collect(buffer);
        return buffer.drain().stream().map(Sample::metric).sorted().collect(Collectors.toList());
    }

    @Test
    void meetsTheApplicationInANamedSharedRegistryWhoeverComesFirst() throws Exception {
        MetricCollector collector = provider.create(CollectorContext.builder()
                .property("registry", REGISTRY).property("prefix", "app_").property("interval", "30s").build());
        assertThat(names(collector)).isEmpty();

        SharedMetricRegistries.getOrCreate(REGISTRY).counter("logins").inc(); // the application starts later
        assertThat(names(collector)).containsExactly("app_logins");
        assertThat(collector.name()).isEqualTo("dropwizard");
        assertThat(collector.defaultInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void includeKeepsTheMatchingNames() throws Exception {
        MetricRegistry registry = SharedMetricRegistries.getOrCreate(REGISTRY);
        registry.counter("http.requests").inc();
        registry.counter("http.errors").inc();
        registry.counter("jvm.gc").inc();
        MetricCollector collector = provider.create(CollectorContext.builder()
                .property("registry", REGISTRY).property("include", "^http\\.(requests|errors)$").build());
        assertThat(names(collector)).containsExactly("http.errors", "http.requests");
    }

    @Test
    void aBadIncludePatternIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> provider.create(CollectorContext.builder()
                .property("registry", REGISTRY).property("include", "http.(").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'include'").hasMessageContaining("http.(");
    }

    @Test
    void problemsGoToTheContextsHealth() throws Exception {
        SharedMetricRegistries.getOrCreate(REGISTRY).gauge("state", () -> () -> "up");
        CollectorContext context = CollectorContext.builder().property("registry", REGISTRY).build();
        names(provider.create(context));
        assertThat(context.health().problems()).containsOnlyKeys("gauge state");
    }

    /**
     * The default shared registry can be set once per JVM, so both sides of it are in one test:
     * unavailable without one, then used once the application sets it.
     */
    @Test
    void withoutARegistryNameTheDefaultSharedRegistryIsUsedAndWithoutOneTheCollectorIsUnavailable() throws Exception {
        if (SharedMetricRegistries.tryGetDefault() == null) {
            assertThatThrownBy(() -> provider.create(CollectorContext.builder().build()))
                    .isInstanceOf(CollectorUnavailableException.class)
                    .hasMessageContaining("needs a registry")
                    .hasMessageContaining("DropwizardCollector.builder");
            SharedMetricRegistries.setDefault("provider-test-default");
        }
        SharedMetricRegistries.getDefault().counter("default_registry_hits").inc();
        assertThat(names(provider.create(CollectorContext.builder().build()))).contains("default_registry_hits");
    }
}
