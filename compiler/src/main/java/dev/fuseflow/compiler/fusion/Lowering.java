package dev.fuseflow.compiler.fusion;

import dev.fuseflow.compiler.ir.Assignment;
import dev.fuseflow.compiler.ir.IndexVar;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.passes.Cleanup;
import dev.fuseflow.compiler.passes.InsertBroadcasts;
import dev.fuseflow.compiler.schedule.DataflowOrder;
import dev.fuseflow.compiler.schedule.OrderEnumerator;
import dev.fuseflow.simulator.graph.SamGraph;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lowers a fusion group under a dataflow order into one {@link SamGraph}: each live-out tensor's
 * iteration, values and writers through a {@link GroupLowering}, then the {@link Cleanup} passes.
 */
public final class Lowering {
    private Lowering() {
    }

    /** Why the group cannot be lowered under this order, or empty when it can. */
    public static Optional<String> legality(Program program, FusedGroup group, DataflowOrder order) {
        return GroupLegality.check(program, group, order);
    }

    /**
     * The variables whose region can be split into lanes: those a live-out tensor of the group is indexed
     * by (the lanes then produce whole output fibers, merged back in coordinate order).
     */
    public static List<IndexVar> parallelizable(FusedGroup group) {
        java.util.LinkedHashSet<IndexVar> vars = new java.util.LinkedHashSet<>();
        for (Assignment root : group.roots()) {
            vars.addAll(root.target().indices());
        }
        return List.copyOf(vars);
    }

    /** The valid orders of a group, in enumeration order (at most {@code limit}). */
    public static List<DataflowOrder> validOrders(Program program, FusedGroup group, int limit) {
        return OrderEnumerator.validOrders(program, group, order -> legality(program, group, order), limit);
    }

    /** Lowers the group; the order must be valid (see {@link #legality}). */
    public static SamGraph lower(Program program, FusedGroup group, DataflowOrder order, String graphName) {
        return lower(program, group, order, Map.of(), graphName);
    }

    /**
     * Lowers the group with the regions below the given output variables parallelized over that many
     * lanes (see {@link #parallelizable}).
     */
    public static SamGraph lower(Program program, FusedGroup group, DataflowOrder order,
            Map<IndexVar, Integer> parallel, String graphName) {
        return lower(program, group, order, parallel, graphName, true);
    }

    /** As {@link #lower}; without {@code cleanup} only broadcasts are inserted (the passes' baseline). */
    public static SamGraph lower(Program program, FusedGroup group, DataflowOrder order,
            Map<IndexVar, Integer> parallel, String graphName, boolean cleanup) {
        return lower(program, group, order, parallel, graphName, cleanup, false);
    }

    /**
     * As {@link #lower}; with {@code tiles} the values are b×b tiles of a blocked program
     * ({@code SparsityBlocking}): element-wise products become ELEMMUL, matrix products stay MUL.
     */
    public static SamGraph lower(Program program, FusedGroup group, DataflowOrder order,
            Map<IndexVar, Integer> parallel, String graphName, boolean cleanup, boolean tiles) {
        legality(program, group, order).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        SamGraph.Builder graph = new SamGraph.Builder(graphName);
        GroupLowering lowering = new GroupLowering(program, order, parallel, graph, tiles);
        for (Assignment root : group.roots()) {
            lowering.lowerRoot(root);
        }
        if (cleanup) {
            Cleanup.apply(graph);
        } else {
            InsertBroadcasts.apply(graph);
        }
        return graph.build();
    }
}
