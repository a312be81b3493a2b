package dev.fuseflow.compiler.schedule;

import dev.fuseflow.diagnostics.UserError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole schedule as one line of text, {@code fusion=partial order=g0:ikj,g1:auto par=i:4 block=16}, so
 * a schedule can be written in a notebook cell, stored beside a result and read back. {@code groups=0-1,2}
 * stands for {@code fusion=groups=0-1,2}. Keys may come in any order and be left out (defaults: fusion
 * unfused, order auto, no parallelization, no blocking); {@link #toString()} writes every key that differs
 * from its default, in the order fusion, order, par, block, and parses back to an equal schedule.
 */
public record ScheduleText(String fusion, String order, Parallelization par, Integer block) {
    public static final List<String> KEYS = List.of("fusion", "groups", "order", "par", "block");
    public static final String DEFAULT_FUSION = "unfused";
    public static final String DEFAULT_ORDER = "auto";

    public ScheduleText {
        if (fusion == null || fusion.isBlank() || fusion.contains(" ")) {
            throw UserError.of("a schedule's fusion is one word such as partial or groups=0-1,2, not '" + fusion + "'");
        }
        if (order == null || order.isBlank() || order.contains(" ")) {
            throw UserError.of("a schedule's order is one word such as ikj, #2, auto or g0:ikj,g1:auto, not '"
                    + order + "'");
        }
        par = par == null ? Parallelization.NONE : par;
        if (block != null && block < 1) {
            throw UserError.of("a schedule's block size must be positive, not " + block);
        }
    }

    /** Parses the one-line form; an unknown or repeated key, or a malformed value, is one sentence. */
    public static ScheduleText parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String word : text.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            int eq = word.indexOf('=');
            String key = eq < 0 ? word : word.substring(0, eq);
            if (eq <= 0 || eq == word.length() - 1 || !KEYS.contains(key)) {
                throw UserError.of("schedule word '" + word + "' is not key=value with a key of " + KEYS,
                        List.of("fusion=partial", "groups=0-1,2", "order=ikj", "par=i:4", "block=16"));
            }
            String normalised = key.equals("groups") ? "fusion" : key;
            String value = key.equals("groups") ? word : word.substring(eq + 1);
            if (values.put(normalised, value) != null) {
                throw UserError.of("the schedule gives " + (normalised.equals("fusion") ? "fusion (or groups)" : normalised)
                        + " twice");
            }
        }
        Integer block = null;
        if (values.containsKey("block")) {
            try {
                block = Integer.parseInt(values.get("block"));
            } catch (NumberFormatException e) {
                throw UserError.of("schedule block '" + values.get("block") + "' is not a whole number",
                        List.of("16", "32", "64"));
            }
        }
        return new ScheduleText(values.getOrDefault("fusion", DEFAULT_FUSION),
                values.getOrDefault("order", DEFAULT_ORDER), Parallelization.parse(values.get("par")), block);
    }

    /** The groups a fusion word names among a model's presets, or its {@code groups=} ranges. */
    public Schedule groups(Map<String, Schedule> presets, int assignments) {
        Schedule preset = presets.get(fusion);
        if (preset != null) {
            return preset;
        }
        if (fusion.startsWith("groups=")) {
            return Schedule.parse(fusion, assignments);
        }
        List<String> accepted = new ArrayList<>(presets.keySet());
        accepted.add("groups=0-1,2");
        throw UserError.of("fusion '" + fusion + "' is not defined here", accepted);
    }

    @Override
    public String toString() {
        List<String> words = new ArrayList<>();
        words.add(fusion.startsWith("groups=") ? fusion : "fusion=" + fusion);
        if (!order.equals(DEFAULT_ORDER)) {
            words.add("order=" + order);
        }
        if (!par.lanes().isEmpty()) {
            words.add("par=" + par);
        }
        if (block != null) {
            words.add("block=" + block);
        }
        return String.join(" ", words);
    }
}
