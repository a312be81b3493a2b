package dev.fuseflow.workbench;

import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.diagnostics.UserError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every contiguous partition of a program's assignments into fusion groups ({@code --fusion all-partitions}).
 * A program lists its assignments in a topological order (each reads only inputs and earlier results), so a
 * contiguous range is convex: no path can leave the range and come back into it (ARCHITECTURE.md §3.6).
 * A program of n assignments has 2^(n-1) of them; they come out with the most groups first (unfused first,
 * full fusion last), and among equal group counts with the earlier cuts first.
 */
final class SchedulePartitions {
    private SchedulePartitions() {
    }

    /** The number of partitions of {@code assignments} assignments (saturating at {@link Long#MAX_VALUE}). */
    static long count(int assignments) {
        return assignments - 1 >= 63 ? Long.MAX_VALUE : 1L << Math.max(0, assignments - 1);
    }

    /**
     * @param limit refuse (a user error) when there are more partitions than this
     */
    static List<Schedule> all(int assignments, long limit) {
        long count = count(assignments);
        if (count > limit) {
            throw UserError.of("--fusion all-partitions gives " + (count == Long.MAX_VALUE ? "more than 2^62" : count)
                    + " partitions of " + assignments + " assignments, more than --max-configs " + limit
                    + " allows; list the fusions you want, or raise --max-configs");
        }
        List<long[]> cuts = new ArrayList<>();
        for (long mask = 0; mask < count; mask++) {
            cuts.add(new long[] {mask});
        }
        // a set bit b cuts between assignments b and b+1
        cuts.sort(Comparator.<long[]>comparingInt(m -> -Long.bitCount(m[0]))
                .thenComparing(m -> cutList(m[0], assignments), SchedulePartitions::lexicographic));
        List<Schedule> schedules = new ArrayList<>();
        for (long[] mask : cuts) {
            schedules.add(schedule(mask[0], assignments));
        }
        return schedules;
    }

    private static List<Integer> cutList(long mask, int assignments) {
        List<Integer> cuts = new ArrayList<>();
        for (int b = 0; b < assignments - 1; b++) {
            if ((mask >>> b & 1) != 0) {
                cuts.add(b);
            }
        }
        return cuts;
    }

    private static int lexicographic(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static Schedule schedule(long mask, int assignments) {
        List<List<Integer>> groups = new ArrayList<>();
        List<Integer> group = new ArrayList<>();
        for (int a = 0; a < assignments; a++) {
            group.add(a);
            if (a == assignments - 1 || (mask >>> a & 1) != 0) {
                groups.add(group);
                group = new ArrayList<>();
            }
        }
        return new Schedule(groups);
    }
}
