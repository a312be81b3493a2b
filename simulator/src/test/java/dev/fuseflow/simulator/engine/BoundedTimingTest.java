package dev.fuseflow.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.simulator.engine.primitive.BinaryAlu;
import dev.fuseflow.simulator.engine.primitive.Broadcast;
import dev.fuseflow.simulator.engine.primitive.Reduce;
import dev.fuseflow.simulator.engine.primitive.Repeat;
import dev.fuseflow.simulator.engine.primitive.RepeatSignalGenerator;
import dev.fuseflow.simulator.engine.primitive.ValueWrite;
import dev.fuseflow.simulator.graph.BinaryOp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code bounded} profile: DAM back-pressure (comal-timing-model.md §2.2) and real deadlocks. */
class BoundedTimingTest {

    private static EngineOptions bounded(int depth) {
        return EngineOptions.DEFAULT.withTiming(TimingProfile.BOUNDED, depth);
    }

    /** A broadcast (never throttles by itself) feeding an ALU with II 4 through one FIFO. */
    private static long[] broadcastIntoSlowAlu(EngineOptions options) {
        Channel v = TokenStreams.values("1.0 2.0 3.0 4.0 S0 D");
        Channel y = TokenStreams.values("1.0 2.0 3.0 4.0 S0 D");
        Channel x = new Channel("x", options.softLimit());
        Channel out = new Channel("out", options.softLimit());
        Broadcast broadcast = new Broadcast("b", v, new Channel[] {x});
        BinaryAlu alu = new BinaryAlu("mul", BinaryOp.MUL, 1, 4, x, y, out);
        ValueWrite sink = new ValueWrite("w", out);
        Simulation simulation = new Simulation(List.of(broadcast, alu, sink), List.of(x, out));
        simulation.run(options, () -> false);
        return new long[] {broadcast.clock(), simulation.cycles()};
    }

    @Test
    void aFullFifoDelaysItsProducerToTheResponseOfTheFreedSlot() {
        // Unbounded: the broadcast takes everything at cycle 0. Depth 2: push k waits for the response to
        // element k-2, stamped (ALU clock at its dequeue) + 1: 2, 6, 10, 14.
        assertEquals(0, broadcastIntoSlowAlu(EngineOptions.DEFAULT)[0]);
        long[] boundedRun = broadcastIntoSlowAlu(bounded(2));
        assertEquals(14, boundedRun[0]);
        // the ALU is the bottleneck either way, so the total does not change
        assertEquals(broadcastIntoSlowAlu(EngineOptions.DEFAULT)[1], boundedRun[1]);
        for (EngineOptions.StepOrder order : EngineOptions.StepOrder.values()) {
            for (int budget : new int[] {1, 3, 100}) {
                long[] other = broadcastIntoSlowAlu(bounded(2).withOrder(order, budget).withBudget(budget, 1));
                assertEquals(boundedRun[0], other[0], order + " " + budget);
                assertEquals(boundedRun[1], other[1], order + " " + budget);
            }
        }
    }

    /**
     * x(i) / sum_i x(i) over one row: the values fan out to a sum and, directly, to the divider, which
     * needs the repeated sum first. The direct branch must buffer the whole row: a FIFO shorter than the
     * row deadlocks (a finding, not an engine failure).
     */
    private static Simulation normalise(int rowLength) {
        StringBuilder crd = new StringBuilder();
        StringBuilder val = new StringBuilder();
        for (int i = 0; i < rowLength; i++) {
            crd.append(i).append(' ');
            val.append(i + 1).append(".0 ");
        }
        Channel c = TokenStreams.channel("x.crd", crd + "S0 D", false);
        Channel v = TokenStreams.values(val + "S0 D");
        Channel va = new Channel("x.val->sum", 4096);
        Channel vb = new Channel("x.val->div", 4096);
        Channel signals = new Channel("signals", 4096);
        Channel sum = new Channel("sum", 4096);
        Channel repeated = new Channel("sum.repeated", 4096);
        Channel quotient = new Channel("quotient", 4096);
        List<Primitive> primitives = List.of(
                new Broadcast("fanout", v, new Channel[] {va, vb}),
                new RepeatSignalGenerator("signals", c, signals),
                new Reduce("sum", false, 1, va, sum),
                new Repeat("repeat", sum, signals, repeated),
                new BinaryAlu("div", BinaryOp.DIV, 1, 1, vb, repeated, quotient),
                new ValueWrite("out", quotient));
        return new Simulation(primitives, List.of(va, vb, signals, sum, repeated, quotient));
    }

    @Test
    void softmaxLikeFanOutRunsWhenTheFifoHoldsTheRow() {
        Simulation simulation = normalise(6);
        simulation.run(bounded(8), () -> false);
        ValueWrite out = (ValueWrite) simulation.primitives().get(5);
        float[] values = out.values();
        assertEquals(6, values.length);
        assertEquals(1f / 21f, values[0], 1e-6);
        assertEquals(6f / 21f, values[5], 1e-6);
    }

    @Test
    void softmaxLikeFanOutWithAShortFifoIsADeadlockNamingTheCycle() {
        SimulationException error = assertThrows(SimulationException.class,
                () -> normalise(6).run(bounded(4), () -> false));
        String message = error.getMessage();
        assertTrue(message.startsWith("deadlock under bounded FIFOs: "), message);
        for (String part : List.of("Broadcast fanout waits for room on 'x.val->div' (FIFO depth 4",
                "BinaryAlu div waits for input 'sum.repeated' from Repeat repeat",
                "Repeat repeat waits for input 'sum' from Reduce sum",
                "Reduce sum waits for input 'x.val->sum' from Broadcast fanout")) {
            assertTrue(message.contains(part), part + " in: " + message);
        }
    }

    @Test
    void theSameFanOutNeverDeadlocksUnderComal() {
        Simulation simulation = normalise(50);
        simulation.run(EngineOptions.DEFAULT.withBudget(4, 2), () -> false);
        assertEquals(50, ((ValueWrite) simulation.primitives().get(5)).values().length);
    }
}
