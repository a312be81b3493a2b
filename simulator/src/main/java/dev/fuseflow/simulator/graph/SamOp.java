package dev.fuseflow.simulator.graph;

import java.util.List;

/**
 * One primitive of a SAM graph with its parameters and the ids of the streams on its ports. Ops are
 * immutable records; a graph is a list of ops plus its streams. Port order is the order of
 * {@link #inputs()} and {@link #outputs()}.
 */
public sealed interface SamOp permits RootOp, OrderedJoinOp, FiberLookupOp, RepeatOp, IntersectOp, LocateOp, ArrayOp,
        BinaryAluOp, UnaryAluOp, ReduceOp, SpaccOp, Spacc2Op, BroadcastOp, FiberWriteOp, ValueWriteOp, UnionOp,
        CrdDropOp, FiberDropOp, DrivenReduceOp, CrdHoldOp, CrdMaskOp, StopDropperOp, ForkOp, JoinOp {

    /** The primitive kind, as in the paper and the SAM reference ("FiberLookup", "Spacc1", ...). */
    String kind();

    /** A short readable label: kind plus tensor and index variable where they apply. */
    String label();

    List<Integer> inputs();

    List<Integer> outputs();

    /** Names of the input ports, aligned with {@link #inputs()}. */
    List<String> inputPorts();

    /** Names of the output ports, aligned with {@link #outputs()}. */
    List<String> outputPorts();

    /** The same op reading the given streams instead, aligned with {@link #inputs()}. */
    SamOp withInputs(List<Integer> inputs);
}
