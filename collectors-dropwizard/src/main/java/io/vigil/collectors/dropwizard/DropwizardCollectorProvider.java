package io.vigil.collectors.dropwizard;

import com.codahale.metrics.MetricFilter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SharedMetricRegistries;
import io.vigil.collectors.CollectorContext;
import io.vigil.collectors.CollectorUnavailableException;
import io.vigil.collectors.MetricCollector;
import io.vigil.collectors.MetricCollectorProvider;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code dropwizard} collector as found by {@code ServiceLoader}. A provider cannot be handed
 * the application's registry, so it meets the application in {@link SharedMetricRegistries}:
 * <ul>
 *   <li>{@code registry} — the name of a shared registry. Looked up with
 *       {@link SharedMetricRegistries#getOrCreate}, so it does not matter whether the application or
 *       Vigil starts first.</li>
 *   <li>without {@code registry}: the default shared registry, if the application set one;
 *       otherwise the collector is unavailable (build one with {@link DropwizardCollector#builder}).</li>
 *   <li>{@code prefix} — put before every name; {@code include} — a regular expression the
 *       Dropwizard name must match (found anywhere in it); {@code interval} — default 10s.</li>
 * </ul>
 */
public final class DropwizardCollectorProvider implements MetricCollectorProvider {

    @Override
    public String name() {
        return DropwizardCollector.DEFAULT_NAME;
    }

    @Override
    public MetricCollector create(CollectorContext context) throws CollectorUnavailableException {
        DropwizardCollector.Builder builder = DropwizardCollector.builder(registry(context))
                .prefix(context.property("prefix", ""))
                .interval(context.durationProperty("interval", DropwizardCollector.DEFAULT_INTERVAL))
                .health(context.health());
        include(context).ifPresent(builder::filter);
        return builder.build();
    }

    private static MetricRegistry registry(CollectorContext context) throws CollectorUnavailableException {
        Optional<String> name = context.property("registry");
        if (name.isPresent()) {
            return SharedMetricRegistries.getOrCreate(name.get().trim());
        }
        MetricRegistry fallback = SharedMetricRegistries.tryGetDefault();
        if (fallback == null) {
            throw new CollectorUnavailableException("the dropwizard collector needs a registry: set the property"
                    + " 'registry' to a SharedMetricRegistries name, set a default shared registry, or register"
                    + " DropwizardCollector.builder(registry).build() programmatically");
        }
        return fallback;
    }

    private static Optional<MetricFilter> include(CollectorContext context) {
        Optional<String> regex = context.property("include");
        if (regex.isEmpty()) {
            return Optional.empty();
        }
        try {
            Pattern pattern = Pattern.compile(regex.get());
            return Optional.of((name, metric) -> pattern.matcher(name).find());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("property 'include' is not a regular expression: '" + regex.get()
                    + "' (" + e.getDescription() + ")", e);
        }
    }
}
