package dev.fuseflow.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.simulator.engine.primitive.ArrayLoad;
import dev.fuseflow.simulator.engine.primitive.BinaryAlu;
import dev.fuseflow.simulator.engine.primitive.ValueWrite;
import dev.fuseflow.simulator.graph.BinaryOp;
import dev.fuseflow.simulator.memory.ComalHbm;
import dev.fuseflow.simulator.memory.MemorySpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run that stops making progress ends with a report of what every unfinished primitive waits for,
 * under every profile and memory model (here: an ALU whose second operand never arrives).
 */
class WatchdogTest {

    private static Simulation starved(boolean memory) {
        Channel refs = TokenStreams.channel("refs", "0 1 S0 D", false);
        Channel a = new Channel("a", 16);
        Channel never = new Channel("b.never", 16);
        Channel out = new Channel("out", 16);
        MemoryPort port = memory ? new MemoryPort(new ComalHbm(), "array", false) : null;
        ArrayLoad load = new ArrayLoad("load", new float[] {1, 2}, 1, refs, a, port);
        BinaryAlu alu = new BinaryAlu("add", BinaryOp.ADD, 1, 1, a, never, out);
        ValueWrite sink = new ValueWrite("sink", out);
        return new Simulation(List.of(load, alu, sink), List.of(a, never, out), port == null ? List.of() : List.of(port));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"comal", "bounded", "comal+hbm", "bounded+hbm"})
    void aStarvedGraphIsReportedNotHung(String profile) {
        EngineOptions options = EngineOptions.DEFAULT;
        if (profile.startsWith("bounded")) {
            options = options.withTiming(TimingProfile.BOUNDED, 4);
        }
        boolean memory = profile.endsWith("hbm");
        if (memory) {
            options = options.withMemory(MemorySpec.COMAL_HBM);
        }
        EngineOptions chosen = options;
        SimulationException error = assertThrows(SimulationException.class, () -> starved(memory).run(chosen, () -> false));
        String message = error.getMessage();
        assertTrue(message.contains("BinaryAlu add waits for input 'b.never'"), message);
        assertTrue(message.contains("ValueWrite sink waits for input 'out'"), message);
    }

    @Test
    void aStuckReportSaysWhenAPrimitiveWaitsForMemoryOrder() {
        Primitive p = new ValueWrite("w", new Channel("in", 4));
        p.waitingForMemory = true;
        assertTrue(p.waitingOn().contains("memory request"), p.waitingOn());
    }
}
