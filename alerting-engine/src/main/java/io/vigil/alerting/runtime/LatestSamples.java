package io.vigil.alerting.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vigil.alerting.api.Labels;
import io.vigil.alerting.api.Sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

/**
 * The newest sample of each series, bounded by the number of label sets kept (the least recently
 * written go first), for alert snapshots, evaluate-now answers and "current value" endpoints.
 * Samples are grouped by label set, so the snapshot of a target that is itself a series' label set
 * is one lookup.
 */
final class LatestSamples {
    private final Cache<Labels, ConcurrentMap<String, Sample>> byLabels;

    LatestSamples(long maximumLabelSets) {
        this.byLabels = Caffeine.newBuilder().maximumSize(maximumLabelSets).build();
    }

    void put(Sample s) {
        byLabels.get(s.labels(), k -> new ConcurrentHashMap<>())
                .merge(s.metric(), s, (old, fresh) -> fresh.timestampMillis() >= old.timestampMillis() ? fresh : old);
    }

    Sample get(String metric, Labels labels) {
        Map<String, Sample> m = byLabels.getIfPresent(labels);
        return m == null ? null : m.get(metric);
    }

    List<Sample> matching(Predicate<Sample> filter) {
        List<Sample> out = new ArrayList<>();
        for (Map<String, Sample> m : byLabels.asMap().values()) {
            for (Sample s : m.values()) {
                if (filter.test(s)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /**
     * Numeric values of the target's series by metric name. With {@code exactOnly} only series
     * labelled exactly like the target count (one lookup); otherwise every series whose labels
     * include the target's, a series with extra labels being named {@code metric{extra="x"}}.
     */
    Map<String, Double> snapshot(Labels target, boolean exactOnly) {
        Map<String, Double> out = new TreeMap<>();
        if (exactOnly) {
            Map<String, Sample> m = byLabels.getIfPresent(target);
            if (m != null) {
                m.values().stream().filter(Sample::isNumeric).forEach(s -> out.put(s.metric(), s.value()));
            }
            return out;
        }
        for (Map.Entry<Labels, ConcurrentMap<String, Sample>> e : byLabels.asMap().entrySet()) {
            if (!includes(e.getKey(), target)) {
                continue;
            }
            Labels extra = without(e.getKey(), target);
            for (Sample s : e.getValue().values()) {
                if (s.isNumeric()) {
                    out.put(extra.isEmpty() ? s.metric() : s.metric() + extra, s.value());
                }
            }
        }
        return out;
    }

    private static boolean includes(Labels labels, Labels target) {
        for (int i = 0; i < target.size(); i++) {
            if (!Objects.equals(labels.get(target.nameAt(i)), target.valueAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static Labels without(Labels labels, Labels target) {
        Map<String, String> rest = new TreeMap<>(labels.asMap());
        target.asMap().keySet().forEach(rest::remove);
        return Labels.of(rest);
    }
}
