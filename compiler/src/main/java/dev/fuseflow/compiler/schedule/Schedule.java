package dev.fuseflow.compiler.schedule;

import dev.fuseflow.diagnostics.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Fusion groups of a program: contiguous ranges of assignment indices, run one after another with their
 * outputs materialised between them. Textual form {@code groups=0-3,4-7} (the {@code --fusion} words).
 */
public record Schedule(List<List<Integer>> groups) {

    public Schedule {
        groups = groups.stream().map(List::copyOf).toList();
    }

    /** One group per assignment. */
    public static Schedule unfused(int assignments) {
        List<List<Integer>> groups = new ArrayList<>();
        for (int i = 0; i < assignments; i++) {
            groups.add(List.of(i));
        }
        return new Schedule(groups);
    }

    /** One group holding every assignment. */
    public static Schedule full(int assignments) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < assignments; i++) {
            all.add(i);
        }
        return new Schedule(List.of(all));
    }

    /**
     * Every way to cut the assignments 0..n-1 into contiguous groups ({@code 2^(n-1)} schedules, unfused
     * first and full last). Contiguous groups of a program's order are convex: a value only flows to later
     * assignments, so no path can leave a contiguous group and come back into it.
     */
    public static List<Schedule> contiguousPartitions(int assignments) {
        if (assignments < 1 || assignments > MAX_PARTITIONED) {
            throw UserError.of("enumerating the partitions of " + assignments + " assignments is refused; it is done "
                    + "for 1 to " + MAX_PARTITIONED + " (2^(n-1) schedules)");
        }
        List<Schedule> partitions = new ArrayList<>();
        int cuts = assignments - 1;
        for (int mask = (1 << cuts) - 1; mask >= 0; mask--) {
            List<List<Integer>> groups = new ArrayList<>();
            List<Integer> group = new ArrayList<>();
            for (int a = 0; a < assignments; a++) {
                group.add(a);
                if (a == assignments - 1 || (mask & (1 << a)) != 0) {
                    groups.add(group);
                    group = new ArrayList<>();
                }
            }
            partitions.add(new Schedule(groups));
        }
        return partitions;
    }

    /** The largest program whose partitions are enumerated (2^19 schedules). */
    public static final int MAX_PARTITIONED = 20;

    /** Parses {@code groups=0-3,4-7}; groups must cover 0..n-1 in order without gaps. */
    public static Schedule parse(String text, int assignments) {
        if (!text.startsWith("groups=")) {
            throw UserError.of("fusion '" + text + "' is not a preset or groups=...",
                    List.of("unfused", "partial", "full", "groups=0-1,2"));
        }
        List<List<Integer>> groups = new ArrayList<>();
        int expected = 0;
        for (String part : text.substring("groups=".length()).split(",")) {
            String[] ends = part.trim().split("-");
            int from;
            int to;
            try {
                from = Integer.parseInt(ends[0].trim());
                to = ends.length > 1 ? Integer.parseInt(ends[1].trim()) : from;
            } catch (NumberFormatException e) {
                throw UserError.of("fusion group '" + part + "' is not a range like 0-3");
            }
            if (from != expected || to < from || to >= assignments) {
                throw UserError.of("fusion groups must cover assignments 0-" + (assignments - 1)
                        + " in order without gaps; group '" + part + "' does not follow");
            }
            List<Integer> group = new ArrayList<>();
            for (int i = from; i <= to; i++) {
                group.add(i);
            }
            groups.add(group);
            expected = to + 1;
        }
        if (expected != assignments) {
            throw UserError.of("fusion groups cover assignments 0-" + (expected - 1) + " but the program has "
                    + assignments);
        }
        return new Schedule(groups);
    }

    /** The assignments of the groups at {@code groupIndices}, ascending (what a program restricted to them keeps). */
    public List<Integer> assignmentsOf(List<Integer> groupIndices) {
        return groupIndices.stream().flatMap(g -> groups.get(g).stream()).sorted().toList();
    }

    /**
     * The groups at {@code groupIndices}, in that order, numbered as in the program restricted to their
     * {@link #assignmentsOf assignments} ({@code Program.restrictedTo}).
     */
    public Schedule restrictedTo(List<Integer> groupIndices) {
        List<Integer> kept = assignmentsOf(groupIndices);
        List<List<Integer>> renumbered = new ArrayList<>();
        for (int g : groupIndices) {
            renumbered.add(groups.get(g).stream().map(kept::indexOf).toList());
        }
        return new Schedule(renumbered);
    }

    @Override
    public String toString() {
        return "groups=" + groups.stream().map(g -> g.size() == 1 ? "" + g.get(0) : g.get(0) + "-" + g.get(g.size() - 1))
                .collect(Collectors.joining(","));
    }
}
