package dev.fuseflow.simulator.graph;

import java.util.ArrayList;
import java.util.List;

/** Port names and stream lists shared by the N-ary joiners (Intersect, Union). */
final class JoinPorts {
    private JoinPorts() {
    }

    /** The streams a joiner reads: every crd input, then every ref input. */
    static List<Integer> inputStreams(List<Integer> inCrds, List<Integer> inRefs) {
        List<Integer> all = new ArrayList<>(inCrds);
        all.addAll(inRefs);
        return all;
    }

    /** The streams a joiner writes: the crd output, then every ref output. */
    static List<Integer> outputStreams(int outCrd, List<Integer> outRefs) {
        List<Integer> all = new ArrayList<>();
        all.add(outCrd);
        all.addAll(outRefs);
        return all;
    }

    static List<String> inputs(int k) {
        List<String> ports = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            ports.add("in_crd" + i);
        }
        for (int i = 0; i < k; i++) {
            ports.add("in_ref" + i);
        }
        return ports;
    }

    static List<String> outputs(int k) {
        List<String> ports = new ArrayList<>();
        ports.add("out_crd");
        for (int i = 0; i < k; i++) {
            ports.add("out_ref" + i);
        }
        return ports;
    }
}
