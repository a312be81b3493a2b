package dev.fuseflow.compiler.fusion;

import dev.fuseflow.compiler.ir.Access;
import dev.fuseflow.compiler.ir.Assignment;
import dev.fuseflow.compiler.ir.Expr;
import dev.fuseflow.compiler.ir.IndexVar;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.ir.Reduction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fusion group as one expression per live-out tensor: every intermediate produced inside the group is
 * inlined into its consumers (cross-expression fusion), with the producer's output variables renamed to
 * the consumer's and its reduction variables kept, so shared sub-computations stay recognisable and the
 * lowering computes them once. Variables are the group's logical index variables; a dataflow order
 * ranks them.
 *
 * @param roots     one assignment per tensor the group writes for later groups or as a program output,
 *                  its value inlined and normalized (explicit reductions)
 * @param variables every variable of the inlined roots, in order of first appearance
 */
public record FusedGroup(List<Assignment> roots, List<IndexVar> variables) {

    /** Inlines the group's members (assignment indices, in program order). */
    public static FusedGroup of(Program program, List<Integer> members) {
        Map<String, Assignment> producers = new HashMap<>();
        for (int index : members) {
            Assignment assignment = program.assignments().get(index);
            producers.put(assignment.target().tensor(), assignment);
        }
        Set<String> readLater = new HashSet<>();
        int last = members.get(members.size() - 1);
        for (int index = last + 1; index < program.assignments().size(); index++) {
            program.assignments().get(index).operands().forEach(a -> readLater.add(a.tensor()));
        }
        Set<String> readInside = new HashSet<>();
        for (int index : members) {
            program.assignments().get(index).operands().forEach(a -> readInside.add(a.tensor()));
        }
        List<Assignment> roots = new ArrayList<>();
        for (int index : members) {
            Assignment assignment = program.assignments().get(index);
            String target = assignment.target().tensor();
            if (readLater.contains(target) || !readInside.contains(target)) {
                Expr inlined = inline(assignment.normalized(), producers, index, program);
                roots.add(new Assignment(assignment.target(), inlined));
            }
        }
        Set<IndexVar> vars = new LinkedHashSet<>();
        for (Assignment root : roots) {
            vars.addAll(root.target().indices());
            collectVars(root.value(), vars);
        }
        return new FusedGroup(roots, List.copyOf(vars));
    }

    private static Expr inline(Expr expr, Map<String, Assignment> producers, int before, Program program) {
        if (expr instanceof Access access) {
            Assignment producer = producers.get(access.tensor());
            if (producer == null || program.assignments().indexOf(producer) >= before) {
                return access;
            }
            int producerIndex = program.assignments().indexOf(producer);
            Map<IndexVar, IndexVar> renaming = new HashMap<>();
            List<IndexVar> formal = producer.target().indices();
            for (int k = 0; k < formal.size(); k++) {
                renaming.put(formal.get(k), access.indices().get(k));
            }
            Expr body = producer.normalized();
            Set<IndexVar> taken = new HashSet<>(access.indices());
            Set<IndexVar> reductionVars = new LinkedHashSet<>();
            collectReductionVars(body, reductionVars);
            for (IndexVar var : reductionVars) {
                if (taken.contains(var) || renaming.containsValue(var) && !renaming.containsKey(var)) {
                    renaming.put(var, fresh(var, taken, body));
                }
            }
            Expr renamed = body.rename(renaming);
            return inline(renamed, producers, producerIndex, program);
        }
        List<Expr> children = new ArrayList<>();
        for (Expr child : expr.children()) {
            children.add(inline(child, producers, before, program));
        }
        return expr.withChildren(children);
    }

    /** A variable name not used by the consumer's access nor anywhere in the producer's body. */
    private static IndexVar fresh(IndexVar base, Set<IndexVar> taken, Expr body) {
        Set<IndexVar> used = new HashSet<>(taken);
        collectVars(body, used);
        for (int n = 1; ; n++) {
            IndexVar candidate = new IndexVar(base.name() + n);
            if (!used.contains(candidate)) {
                taken.add(candidate);
                return candidate;
            }
        }
    }

    private static void collectReductionVars(Expr expr, Set<IndexVar> out) {
        if (expr instanceof Reduction reduction) {
            out.add(reduction.var());
        }
        expr.children().forEach(c -> collectReductionVars(c, out));
    }

    static void collectVars(Expr expr, Set<IndexVar> out) {
        if (expr instanceof Access access) {
            out.addAll(access.indices());
        }
        if (expr instanceof Reduction reduction) {
            out.add(reduction.var());
        }
        expr.children().forEach(c -> collectVars(c, out));
    }
}
