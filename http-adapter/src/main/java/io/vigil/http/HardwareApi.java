package io.vigil.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.alerting.api.Sample;
import io.vigil.collectors.gpu.GpuDevice;
import io.vigil.collectors.gpu.GpuInventory;
import io.vigil.collectors.gpu.GpuMetrics;
import io.vigil.collectors.gpu.GpuSummary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Seed 004's GPU and IPMI read endpoints, answered from the newest samples of whatever collectors
 * run in this process or push to it: empty lists (never errors) when there are none. Only each
 * device's or node's latest collection counts, so a reading it stopped reporting does not linger.
 * Vigil keeps no history outside rule windows, so the time series seed 004 shows are empty.
 */
final class HardwareApi {
    private static final String GPUS = "/api/v1/accelerators/gpus";
    private static final String IPMI = "/api/v1/hardware/ipmi";
    private static final String GPU_TAG = "Accelerators (seed 004)";
    private static final String IPMI_TAG = "Hardware (seed 004)";

    private final Services s;

    HardwareApi(Services services) {
        this.s = services;
    }

    List<Route> routes() {
        return List.of(
                gpu(Route.get(GPUS)).summary("GPU list with current readings")
                        .query("node", "string", "only GPUs on this node")
                        .query("status", "string", "active, idle or error")
                        .query("include_metrics", "boolean", "add every current metric of each GPU")
                        .handler(this::gpus),
                gpu(Route.get(GPUS + "/summary")).summary("Totals and averages over all GPUs").handler(this::gpuSummary),
                gpu(Route.get(GPUS + "/{gpu_id}")).summary("One GPU: inventory facts and current readings")
                        .query("node", "string", "the node, when several have a GPU with this id").handler(this::gpu),
                gpu(Route.get(GPUS + "/{gpu_id}/metrics")).summary("One GPU's current metrics")
                        .query("node", "string", "the node, when several have a GPU with this id").handler(this::gpuMetrics),
                gpu(Route.get(GPUS + "/{gpu_id}/power")).summary("One GPU's power readings")
                        .query("node", "string", "the node, when several have a GPU with this id").handler(this::gpuPower),
                ipmi(Route.get(IPMI + "/sensors")).summary("Every node's IPMI sensors").handler(this::sensors),
                ipmi(Route.get(IPMI + "/sensors/{node_name}")).summary("One node's IPMI sensors").handler(this::nodeSensors),
                ipmi(Route.get(IPMI + "/power")).summary("Power per node from the BMCs").handler(this::power),
                ipmi(Route.get(IPMI + "/temperature")).summary("Temperatures per node from the BMCs").handler(this::temperature));
    }

    private static Route.Builder gpu(Route.Builder b) {
        return b.style(Style.KCLOUD).tag(GPU_TAG);
    }

    private static Route.Builder ipmi(Route.Builder b) {
        return b.style(Style.KCLOUD).tag(IPMI_TAG);
    }

    // ---- GPUs -------------------------------------------------------------------------------

    /** One GPU's latest collection. */
    private record Gpu(String key, String index, String uuid, String node, String model, long time,
                       Map<String, Double> values, Map<String, Double> throttle) {
        String id() {
            return index == null ? uuid : "nvidia" + index;
        }

        Double value(String metric) {
            return values.get(metric);
        }

        String status() {
            Double up = values.get(GpuMetrics.UP);
            if (up != null && up == 0) {
                return "error";
            }
            Double util = values.get(GpuMetrics.UTILIZATION);
            return util != null && util == 0 ? "idle" : "active";
        }
    }

    private List<Sample> gpuSamples() {
        return s.alerting.latestSamples(x -> x.metric().startsWith("gpu_") && x.isNumeric()
                && (x.labels().has(GpuMetrics.UUID) || x.labels().has(GpuMetrics.GPU)));
    }

    private List<Gpu> gpus(List<Sample> samples) {
        Map<String, List<Sample>> byGpu = samples.stream().collect(Collectors.groupingBy(x -> {
            String uuid = x.labels().get(GpuMetrics.UUID);
            return uuid != null ? uuid : x.labels().get("host") + "\u0000" + x.labels().get(GpuMetrics.GPU);
        }));
        List<Gpu> out = new ArrayList<>();
        byGpu.forEach((key, list) -> {
            long time = list.stream().mapToLong(Sample::timestampMillis).max().orElse(0);
            Map<String, Double> values = new TreeMap<>();
            Map<String, Double> throttle = new TreeMap<>();
            Sample any = null;
            for (Sample x : list) {
                if (x.timestampMillis() != time) {
                    continue;
                }
                any = x;
                String reason = x.labels().get(GpuMetrics.REASON);
                if (reason != null) {
                    throttle.put(reason, x.value());
                } else {
                    values.merge(x.metric(), x.value(), Math::max);
                }
            }
            if (any != null) {
                out.add(new Gpu(key, any.labels().get(GpuMetrics.GPU), any.labels().get(GpuMetrics.UUID),
                        node(any), any.labels().get(GpuMetrics.MODEL), time, values, throttle));
            }
        });
        out.sort(Comparator.comparing((Gpu g) -> g.node() == null ? "" : g.node())
                .thenComparing(g -> g.index() == null ? Integer.MAX_VALUE : parseIndex(g.index()))
                .thenComparing(Gpu::key));
        return out;
    }

    private static int parseIndex(String index) {
        try {
            return Integer.parseInt(index);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static String node(Sample x) {
        String node = x.labels().get("node");
        return node != null ? node : x.labels().get("host");
    }

    private Optional<GpuDevice> device(Gpu g) {
        if (s.options.gpuInventory() == null || g.uuid() == null) {
            return Optional.empty();
        }
        GpuInventory inventory = s.options.gpuInventory().get();
        return inventory == null ? Optional.empty() : inventory.device(g.uuid());
    }

    private Reply gpus(Call call) {
        Optional<String> node = call.query().string("node");
        Optional<String> status = call.query().parsed("status", HardwareApi::gpuStatus, "active, idle, error");
        boolean metrics = call.query().bool("include_metrics").orElse(false);
        ArrayNode list = Json.array();
        for (Gpu g : gpus(gpuSamples())) {
            if (node.isPresent() && !node.get().equals(g.node()) || status.isPresent() && !status.get().equals(g.status())) {
                continue;
            }
            ObjectNode o = gpuEntry(g);
            if (metrics) {
                o.set("metrics", current(g));
            }
            list.add(o);
        }
        ObjectNode meta = Json.object().put("total_count", list.size()).put("data_source", "vigil");
        return Envelope.kcloud(s.now(), "gpu", list, meta);
    }

    private static Optional<String> gpuStatus(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return t.equals("active") || t.equals("idle") || t.equals("error") ? Optional.of(t) : Optional.empty();
    }

    private ObjectNode gpuEntry(Gpu g) {
        ObjectNode o = Json.object();
        o.put("gpu_id", g.id());
        o.put("uuid", g.uuid());
        o.put("node", g.node());
        o.put("model", g.model());
        device(g).ifPresent(d -> {
            d.driverVersion().ifPresent(v -> o.put("driver_version", v));
            d.cudaDriverVersion().ifPresent(v -> o.put("cuda_version", v));
        });
        o.set("power_watts", Json.number(g.value(GpuMetrics.POWER)));
        o.set("temperature_celsius", Json.number(g.value(GpuMetrics.TEMPERATURE)));
        o.set("utilization_percent", Json.number(g.value(GpuMetrics.UTILIZATION)));
        o.set("memory_used_mb", Json.number(g.value(GpuMetrics.MEMORY_USED)));
        o.set("memory_total_mb", Json.number(g.value(GpuMetrics.MEMORY_TOTAL)));
        o.put("status", g.status());
        return o;
    }

    /** Every current metric, named without the {@code gpu_} prefix ({@code power_watts}). */
    private static ObjectNode current(Gpu g) {
        ObjectNode o = Json.object();
        g.values().forEach((metric, v) -> o.set(metric.substring("gpu_".length()), Json.number(v)));
        if (!g.throttle().isEmpty()) {
            ObjectNode t = o.putObject("throttle_reasons_active");
            g.throttle().forEach((reason, v) -> t.put(reason, v != 0));
        }
        return o;
    }

    private Gpu requireGpu(Call call) {
        String id = call.path("gpu_id");
        Optional<String> node = call.query().string("node");
        List<Gpu> matching = new ArrayList<>();
        for (Gpu g : gpus(gpuSamples())) {
            boolean idMatches = id.equalsIgnoreCase(g.id()) || id.equals(g.index()) || id.equalsIgnoreCase(g.uuid() == null ? "" : g.uuid());
            if (idMatches && (node.isEmpty() || node.get().equals(g.node()))) {
                matching.add(g);
            }
        }
        if (matching.isEmpty()) {
            throw ApiException.notFound("no GPU '" + abbreviate(id) + "'" + node.map(n -> " on node '" + abbreviate(n) + "'").orElse(""));
        }
        if (matching.size() > 1) {
            throw ApiException.badParameter("node", "several nodes have a GPU '" + abbreviate(id) + "'; choose one with ?node=");
        }
        return matching.get(0);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    private Reply gpu(Call call) {
        Gpu g = requireGpu(call);
        ObjectNode o = gpuEntry(g);
        device(g).ifPresent(d -> {
            d.vbiosVersion().ifPresent(v -> o.put("vbios_version", v));
            d.computeCapability().ifPresent(v -> o.put("compute_capability", v));
            d.pcieMaxGeneration().ifPresent(v -> o.put("pcie_generation", v));
            d.pcieMaxLinkWidth().ifPresent(v -> o.put("pcie_link_width", v));
            d.powerLimitDefaultWatts().ifPresent(v -> o.set("power_default_watts", Json.number(v)));
            d.powerLimitMaxWatts().ifPresent(v -> o.set("power_max_watts", Json.number(v)));
            d.memoryTotalMb().ifPresent(v -> o.set("memory_total_mb", Json.number(v)));
            d.eccEnabled().ifPresent(v -> o.put("ecc_enabled", v));
        });
        o.set("power_limit_watts", Json.number(g.value(GpuMetrics.POWER_LIMIT)));
        o.put("last_seen", java.time.Instant.ofEpochMilli(g.time()).toString());
        return Envelope.kcloud(s.now(), "gpu", o, null);
    }

    private Reply gpuMetrics(Call call) {
        Gpu g = requireGpu(call);
        ObjectNode o = Json.object();
        o.put("gpu_id", g.id());
        o.put("node", g.node());
        o.put("timestamp", java.time.Instant.ofEpochMilli(g.time()).toString());
        o.set("current", current(g));
        o.putArray("timeseries");
        return Envelope.kcloud(s.now(), "gpu_metrics", o, null);
    }

    private Reply gpuPower(Call call) {
        Gpu g = requireGpu(call);
        ObjectNode o = Json.object();
        o.put("gpu_id", g.id());
        o.put("node", g.node());
        o.set("current_power_watts", Json.number(g.value(GpuMetrics.POWER)));
        o.set("power_limit_watts", Json.number(g.value(GpuMetrics.POWER_LIMIT)));
        o.set("power_usage_percent", Json.number(g.value(GpuMetrics.POWER_USAGE)));
        o.set("energy_consumed_joules", Json.number(g.value(GpuMetrics.ENERGY)));
        o.set("energy_since_last_collection_joules", Json.number(g.value(GpuMetrics.ENERGY_INTERVAL)));
        return Envelope.kcloud(s.now(), "gpu_power", o, null);
    }

    private Reply gpuSummary(Call call) {
        GpuSummary summary = GpuSummary.of(gpuSamples());
        ObjectNode o = Json.object();
        o.put("total_gpus", summary.totalGpus());
        o.put("active_gpus", summary.activeGpus());
        o.put("idle_gpus", summary.idleGpus());
        o.put("unavailable_gpus", summary.unavailableGpus());
        o.set("total_power_watts", Json.number(summary.totalPowerWatts()));
        o.set("average_power_watts", optional(summary.averagePowerWatts()));
        o.set("average_utilization_percent", optional(summary.averageUtilizationPercent()));
        o.set("average_temperature_celsius", optional(summary.averageTemperatureCelsius()));
        o.set("max_temperature_celsius", optional(summary.maxTemperatureCelsius()));
        o.set("total_memory_mb", Json.number(summary.totalMemoryMb()));
        o.set("used_memory_mb", Json.number(summary.usedMemoryMb()));
        o.set("memory_utilization_percent", optional(summary.memoryUsagePercent()));
        o.set("nodes", Json.strings(summary.nodes()));
        return Envelope.kcloud(s.now(), "gpu_summary", o, null);
    }

    private static com.fasterxml.jackson.databind.JsonNode optional(OptionalDouble v) {
        return v.isPresent() ? Json.number(Math.round(v.getAsDouble() * 100.0) / 100.0) : Json.NODES.nullNode();
    }

    // ---- IPMI -------------------------------------------------------------------------------

    /** One sensor reading of a node's latest collection. */
    private record Reading(String sensor, String metric, double value, String state) {
    }

    /** A node's latest collection. */
    private record Node(String name, boolean up, List<Reading> readings, Double totalPower, String psuRedundancy) {
        List<Reading> of(String... metrics) {
            List<String> wanted = List.of(metrics);
            return readings.stream().filter(r -> wanted.contains(r.metric())).collect(Collectors.toList());
        }
    }

    private List<Node> nodes() {
        List<Sample> samples = s.alerting.latestSamples(x -> x.metric().startsWith("ipmi_"));
        Map<String, List<Sample>> byNode = new TreeMap<>();
        for (Sample x : samples) {
            String node = node(x);
            if (node != null) {
                byNode.computeIfAbsent(node, k -> new ArrayList<>()).add(x);
            }
        }
        List<Node> out = new ArrayList<>();
        byNode.forEach((name, list) -> {
            long time = list.stream().mapToLong(Sample::timestampMillis).max().orElse(0);
            List<Sample> latest = list.stream().filter(x -> x.timestampMillis() == time).collect(Collectors.toList());
            Map<String, String> states = new TreeMap<>();
            boolean up = true;
            Double total = null;
            String redundancy = null;
            for (Sample x : latest) {
                String sensor = x.labels().get(IpmiNames.SENSOR);
                if (x.metric().equals(IpmiNames.SENSOR_STATE) && sensor != null && !x.isNumeric()) {
                    states.put(sensor, x.state());
                } else if (x.metric().equals(IpmiNames.UP) && x.isNumeric()) {
                    up = x.value() != 0;
                } else if (x.metric().equals(IpmiNames.POWER_TOTAL) && x.isNumeric()) {
                    total = x.value();
                } else if (x.metric().equals(IpmiNames.PSU_REDUNDANCY) && !x.isNumeric()) {
                    redundancy = x.state();
                }
            }
            List<Reading> readings = new ArrayList<>();
            for (Sample x : latest) {
                String sensor = x.labels().get(IpmiNames.SENSOR);
                if (sensor != null && x.isNumeric() && IpmiNames.READINGS.contains(x.metric())) {
                    readings.add(new Reading(sensor, x.metric(), x.value(), states.get(sensor)));
                }
            }
            readings.sort(Comparator.comparing(Reading::sensor));
            if (total == null) {
                List<Reading> power = readings.stream().filter(r -> r.metric().equals(IpmiNames.POWER)).collect(Collectors.toList());
                total = power.isEmpty() ? null : power.stream().mapToDouble(Reading::value).sum();
            }
            out.add(new Node(name, up, readings, total, redundancy));
        });
        return out;
    }

    private static ObjectNode sensorsOf(Node n) {
        ObjectNode o = Json.object();
        o.put("node", n.name());
        o.put("up", n.up());
        ObjectNode sensors = o.putObject("sensors");
        sensors.set("power", readings(n.of(IpmiNames.POWER), "watts"));
        sensors.set("temperature", readings(n.of(IpmiNames.TEMPERATURE), "celsius"));
        sensors.set("fans", readings(n.of(IpmiNames.FAN_RPM, IpmiNames.FAN_PERCENT), null));
        sensors.set("voltage", readings(n.of(IpmiNames.VOLTAGE), "volts"));
        sensors.set("current", readings(n.of(IpmiNames.CURRENT), "amperes"));
        return o;
    }

    private static ArrayNode readings(List<Reading> list, String unit) {
        ArrayNode a = Json.array();
        for (Reading r : list) {
            ObjectNode o = a.addObject();
            o.put("name", r.sensor());
            o.set("value", Json.number(r.value()));
            o.put("unit", unit != null ? unit : r.metric().equals(IpmiNames.FAN_PERCENT) ? "percent" : "rpm");
            if (r.state() != null) {
                o.put("state", r.state());
            }
        }
        return a;
    }

    private Reply sensors(Call call) {
        ArrayNode list = Json.array();
        nodes().forEach(n -> list.add(sensorsOf(n)));
        return Envelope.kcloud(s.now(), "ipmi_sensors", list, Json.object().put("node_count", list.size()));
    }

    private Reply nodeSensors(Call call) {
        String name = call.path("node_name");
        Node n = nodes().stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiException.notFound("no IPMI readings for node '" + abbreviate(name) + "'"));
        return Envelope.kcloud(s.now(), "ipmi_sensors", sensorsOf(n), null);
    }

    private Reply power(Call call) {
        ArrayNode list = Json.array();
        double total = 0;
        for (Node n : nodes()) {
            ObjectNode o = list.addObject();
            o.put("node", n.name());
            o.set("total_power_watts", Json.number(n.totalPower()));
            for (Reading r : n.of(IpmiNames.POWER)) {
                o.set(fieldName(r.sensor()) + "_watts", Json.number(r.value()));
            }
            if (n.psuRedundancy() != null) {
                o.put("psu_redundancy", n.psuRedundancy());
            }
            total += n.totalPower() == null ? 0 : n.totalPower();
        }
        ObjectNode summary = Json.object();
        summary.set("total_power_watts", Json.number(total));
        summary.put("node_count", list.size());
        return kcloudWithSummary("ipmi_power", list, summary);
    }

    private Reply temperature(Call call) {
        ArrayNode list = Json.array();
        Double max = null;
        for (Node n : nodes()) {
            List<Reading> temps = n.of(IpmiNames.TEMPERATURE);
            ObjectNode o = list.addObject();
            o.put("node", n.name());
            o.set("sensors", readings(temps, "celsius"));
            OptionalDouble nodeMax = temps.stream().mapToDouble(Reading::value).max();
            o.set("max_temperature_celsius", nodeMax.isPresent() ? Json.number(nodeMax.getAsDouble()) : Json.NODES.nullNode());
            if (nodeMax.isPresent()) {
                max = max == null ? nodeMax.getAsDouble() : Math.max(max, nodeMax.getAsDouble());
            }
        }
        ObjectNode summary = Json.object();
        summary.set("max_temperature_celsius", Json.number(max));
        summary.put("node_count", list.size());
        return kcloudWithSummary("ipmi_temperature", list, summary);
    }

    private Reply kcloudWithSummary(String type, ArrayNode data, ObjectNode summary) {
        ObjectNode o = Json.object();
        o.put("timestamp", s.now().toString());
        o.put("resource_type", type);
        o.set("data", data);
        o.set("summary", summary);
        return Reply.json(200, o);
    }

    /** {@code PSU1 Power} becomes {@code psu1_power}, as seed 004's {@code psu1_power_watts}. */
    static String fieldName(String sensor) {
        String f = sensor.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return f.isEmpty() ? "sensor" : f;
    }
}
