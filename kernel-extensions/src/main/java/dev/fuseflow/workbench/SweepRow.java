package dev.fuseflow.workbench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.fuseflow.simulator.stats.Statistics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of a sweep: the configuration's coordinates, its statistics under the contract names of
 * ARCHITECTURE.md §3.3, verification, the simulation's wall time, the speedup over the matching unfused row
 * and FLOPs and memory accesses relative to it ({@link dev.fuseflow.plots.Baselines}), whether it came from
 * the cache, and the error that kept it from running (other cells empty then).
 */
public final class SweepRow {

    /** The type of a column, which decides its Tablesaw column type. */
    enum Kind { TEXT, INT, LONG, DOUBLE, BOOLEAN }

    /** What a configuration is: the grid's coordinates. */
    static final List<String> COORDINATES = List.of("model", "dataset", "fusion", "schedule", "order", "par",
            "values", "block", "timing", "fifo", "memory", "decoders");

    /** What running it produced, as stored in the cache (the statistics, then verification and cost). */
    static final List<String> RESULTS;

    /** Every column in table order. */
    static final Map<String, Kind> COLUMNS;

    static {
        List<String> results = new java.util.ArrayList<>(Statistics.NAMES);
        results.addAll(List.of("verified", "max_rel_error", "wall_ms"));
        RESULTS = List.copyOf(results);
        Map<String, Kind> columns = new LinkedHashMap<>();
        for (String name : COORDINATES) {
            columns.put(name, List.of("block", "fifo", "decoders").contains(name) ? Kind.INT : Kind.TEXT);
        }
        for (String name : Statistics.NAMES) {
            columns.put(name, Kind.LONG);
        }
        columns.put("verified", Kind.BOOLEAN);
        columns.put("max_rel_error", Kind.DOUBLE);
        columns.put("wall_ms", Kind.DOUBLE);
        columns.put("speedup", Kind.DOUBLE);
        columns.put("flops_vs_unfused", Kind.DOUBLE);
        columns.put("memory_accesses_vs_unfused", Kind.DOUBLE);
        columns.put("estimated_cycles", Kind.DOUBLE);
        columns.put("estimated_flops", Kind.DOUBLE);
        columns.put("estimated_memory_accesses", Kind.DOUBLE);
        columns.put("pruned", Kind.BOOLEAN);
        columns.put("cached", Kind.BOOLEAN);
        columns.put("error", Kind.TEXT);
        COLUMNS = Collections.unmodifiableMap(columns);
    }

    private final Map<String, Object> cells = new LinkedHashMap<>();

    SweepRow(Map<String, Object> coordinates) {
        COLUMNS.keySet().forEach(name -> cells.put(name, null));
        coordinates.forEach(this::set);
        cells.put("cached", false);
    }

    void set(String column, Object value) {
        if (!COLUMNS.containsKey(column)) {
            throw new IllegalArgumentException("no sweep column " + column);
        }
        cells.put(column, value);
    }

    /** The cell of a column (null when empty: an error row's statistics, a scalar row's block). */
    public Object get(String column) {
        return cells.get(column);
    }

    /** Every cell by column name, in table order. */
    public Map<String, Object> cells() {
        return Collections.unmodifiableMap(cells);
    }

    public boolean failed() {
        return cells.get("error") != null;
    }

    /** Fills the results of a simulation report (its resolved order replaces the order spec). */
    void fill(SimulationReport report) {
        Map<String, Object> fields = report.fields();
        String order = (String) fields.get("order");
        // one group: its order's letters, as the user names it; several: g0:..,g1:.. as simulate prints it
        cells.put("order", order.startsWith("g0:") && !order.contains(",g1:") ? order.substring(3) : order);
        for (String name : RESULTS) {
            Object value = fields.get(name);
            if (name.equals("max_rel_error") && !(value instanceof Number)) {
                value = Double.POSITIVE_INFINITY;
            }
            cells.put(name, value);
        }
    }

    /** What the cache stores: the results, the resolved order and the error. */
    JsonObject cacheEntry() {
        JsonObject json = new JsonObject();
        json.addProperty("order", (String) cells.get("order"));
        for (String name : RESULTS) {
            add(json, name, cells.get(name));
        }
        json.addProperty("error", (String) cells.get("error"));
        return json;
    }

    /** Fills the results back from a cache entry. */
    void restore(JsonObject entry) {
        cells.put("order", entry.has("order") && !entry.get("order").isJsonNull() ? entry.get("order").getAsString()
                : cells.get("order"));
        for (String name : RESULTS) {
            cells.put(name, read(entry.get(name), COLUMNS.get(name)));
        }
        cells.put("error", read(entry.get("error"), Kind.TEXT));
        cells.put("cached", true);
    }

    /** The row as a JSON object (every column, nulls included, so every row has the same keys). */
    JsonObject json() {
        JsonObject json = new JsonObject();
        cells.forEach((name, value) -> add(json, name, value));
        return json;
    }

    private static void add(JsonObject json, String name, Object value) {
        if (value == null) {
            json.add(name, com.google.gson.JsonNull.INSTANCE);
        } else if (value instanceof Boolean b) {
            json.addProperty(name, b);
        } else if (value instanceof Double d && !Double.isFinite(d)) {
            json.addProperty(name, d.isNaN() ? "NaN" : d > 0 ? "infinity" : "-infinity");
        } else if (value instanceof Number n) {
            json.addProperty(name, n);
        } else {
            json.addProperty(name, value.toString());
        }
    }

    private static Object read(JsonElement element, Kind kind) {
        if (element == null || element.isJsonNull()) {
            return null;
        }
        return switch (kind) {
            case TEXT -> element.getAsString();
            case INT -> element.getAsInt();
            case LONG -> element.getAsLong();
            case BOOLEAN -> element.getAsBoolean();
            case DOUBLE -> element.isJsonPrimitive() && element.getAsJsonPrimitive().isString()
                    ? (element.getAsString().equals("infinity") ? Double.POSITIVE_INFINITY : Double.NaN)
                    : element.getAsDouble();
        };
    }
}
