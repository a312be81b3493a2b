package dev.fuseflow.compiler.fusion;

import dev.fuseflow.compiler.ir.Access;
import dev.fuseflow.compiler.ir.Reduction;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Who takes part in the iteration of one variable, and how they combine: the accesses that index it,
 * reductions whose result level it is (their accumulated values then serve as references), intersected
 * under products and quotients, united under sums and differences (fuseflow-compiler.md §1.11).
 */
sealed interface JoinNode {

    /** A canonical text: equal trees join the same streams. */
    String key();

    /** An access scanned at the variable. */
    record Leaf(Access access) implements JoinNode {
        public String key() {
            return access.toString();
        }
    }

    /** A reduction closed above this variable: its accumulator's (crd, value) streams join here. */
    record Closed(Reduction reduction) implements JoinNode {
        public String key() {
            return "[" + reduction + "]";
        }
    }

    /** Stored where every child is. */
    record Intersection(List<JoinNode> children) implements JoinNode {
        public String key() {
            return children.stream().map(JoinNode::key).sorted().collect(Collectors.joining(" & ", "(", ")"));
        }
    }

    /** Stored where any child is. */
    record Union(List<JoinNode> children) implements JoinNode {
        public String key() {
            return children.stream().map(JoinNode::key).sorted().collect(Collectors.joining(" | ", "(", ")"));
        }
    }
}
