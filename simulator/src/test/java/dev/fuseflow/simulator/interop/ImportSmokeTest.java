package dev.fuseflow.simulator.interop;

import org.junit.jupiter.api.Test;

class ImportSmokeTest {
    @Test
    void importsAll() {
        int ok = 0;
        for (var p : ReferenceGraphs.textGraphs()) {
            try {
                var g = ComalGraphReader.read(p);
                ok++;
                System.out.println(ReferenceGraphs.stem(p) + " " + g.graph().opCounts() + " in=" + g.inputs() + " out=" + g.outputs());
            } catch (RuntimeException e) {
                System.out.println(ReferenceGraphs.stem(p) + " FAIL " + e);
            }
        }
        System.out.println("imported " + ok);
    }
}
