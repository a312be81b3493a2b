package dev.fuseflow.simulator.graph;

import java.util.ArrayList;
import java.util.List;

/** Port names shared by the N-ary joiners (Intersect, Union). */
final class JoinPorts {
    private JoinPorts() {
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
