package dev.fuseflow.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.compiler.fusion.FusedGroup;
import dev.fuseflow.compiler.fusion.Lowering;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.compiler.schedule.DataflowOrder;
import dev.fuseflow.compiler.schedule.Parallelization;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Randomized programs on random sparse data (seeded): the printed program parses back to itself, and for
 * unfused and fully fused schedules, under a random valid order and with and without lanes, the simulated
 * outputs equal the reference evaluator's.
 */
class RandomProgramTest {
    private static final int PROGRAMS = 150;

    /**
     * Seeds whose programs hit a known open lowering gap (see compiler/DEVIATIONS.md, "Open gaps"). The
     * test fails when another seed fails, and when one of these starts passing (then drop it here).
     */
    private static final Map<Long, String> KNOWN_OPEN = Map.of(
            85L, "broadcast operand of a sum inside a wider union: the oracle's nested-sum pattern differs");

    /**
     * The same programs on data of density 0.12, where many fibers are empty (an empty row in the middle of
     * a matrix, a row whose products all miss): the cases where SAM's merged stop tokens are ambiguous.
     */
    private static final Map<Long, String> KNOWN_OPEN_SPARSE = Map.ofEntries(
            Map.entry(85L, KNOWN_OPEN.get(85L)),
            Map.entry(4L, "sum reduction whose fiber is empty, joined with other values: no value for the empty fiber"),
            Map.entry(83L, "reduction and broadcast operand in one union, in a parallel region: the lanes split the rows before any is dropped"),
            Map.entry(21L, "broadcast operand in a sum over a dense row with no stored entries: the oracle counts stored entries"),
            Map.entry(75L, "broadcast operand in a sum over a dense row with no stored entries: the oracle counts stored entries"),
            Map.entry(116L, "broadcast operand in a sum over a dense row with no stored entries: the oracle counts stored entries"));

    @Test
    void compiledAndSimulatedEqualsReference() {
        check(0.4, KNOWN_OPEN);
    }

    @Test
    void compiledAndSimulatedEqualsReferenceOnSparseData() {
        check(0.12, KNOWN_OPEN_SPARSE);
    }

    private static void check(double density, Map<Long, String> knownOpen) {
        int runs = 0;
        int withoutOrder = 0;
        List<String> failures = new ArrayList<>();
        java.util.Set<Long> failingSeeds = new java.util.TreeSet<>();
        for (long seed = 1; seed <= PROGRAMS; seed++) {
            String text = RandomPrograms.generate(seed);
            Program program = Harness.parse(text);
            assertEquals(program.toString(), Harness.parse(program.toString()).toString(), "round trip of\n" + text);
            Map<String, FiberTensor> data = Harness.data(program, density, seed);
            SplittableRandom random = new SplittableRandom(seed);
            int n = program.assignments().size();
            for (String fusion : n == 1 ? List.of("unfused") : List.of("unfused", "full")) {
                List<List<Integer>> groups = fusion.equals("full") ? List.of(IntStream.range(0, n).boxed().toList())
                        : IntStream.range(0, n).mapToObj(List::of).toList();
                List<String> orders = new ArrayList<>();
                boolean orderless = false;
                for (List<Integer> group : groups) {
                    List<DataflowOrder> valid = Lowering.validOrders(program, FusedGroup.of(program, group), 200);
                    if (valid.isEmpty()) {
                        orderless = true;
                        break;
                    }
                    orders.add("g" + orders.size() + ":#" + (1 + random.nextInt(valid.size())));
                }
                if (orderless) {
                    withoutOrder++;
                    continue;
                }
                String order = String.join(",", orders);
                String par = random.nextBoolean() ? "i:" + (2 + random.nextInt(2)) : "";
                try {
                    long deadline = System.nanoTime() + 20_000_000_000L;
                    RunResult result = Harness.run(program, fusion, order, Parallelization.parse(par), data,
                            dev.fuseflow.simulator.engine.EngineOptions.DEFAULT, () -> System.nanoTime() > deadline);
                    runs++;
                    if (!result.verified()) {
                        failingSeeds.add(seed);
                        failures.add("seed " + seed + " " + fusion + " " + order + " par " + par + ": "
                                + result.verifications() + "\n" + program);
                    }
                } catch (RuntimeException e) {
                    failingSeeds.add(seed);
                    failures.add("seed " + seed + " " + fusion + " " + order + " par " + par + ": " + e + "\n" + program);
                }
            }
        }
        if (Boolean.getBoolean("random.dump")) {
            failures.forEach(f -> System.out.println("FAILURE " + f));
        }
        System.out.println("random programs at density " + density + ": " + PROGRAMS + " programs, " + runs + " runs verified or failed, "
                + withoutOrder + " schedules without a valid order, " + failures.size() + " failures");
        List<String> unexpected = failures.stream()
                .filter(f -> !knownOpen.containsKey(Long.parseLong(f.split(" ")[1]))).toList();
        assertTrue(unexpected.isEmpty(), unexpected.size() + " unexpected failures, first:\n"
                + String.join("\n", unexpected.subList(0, Math.min(3, unexpected.size()))));
        java.util.Set<Long> fixed = new java.util.TreeSet<>(knownOpen.keySet());
        fixed.removeAll(failingSeeds);
        assertTrue(fixed.isEmpty(), "known-open seeds now pass, remove them from KNOWN_OPEN: " + fixed);
        assertTrue(runs >= PROGRAMS, "too few runs: " + runs);
    }
}
