package dev.fuseflow.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.fuseflow.compiler.run.ProgramRunner;
import dev.fuseflow.simulator.engine.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A simulate run tells the workbench's {@link Progress} where it is: its steps are the groups and then the
 * verification, and the detail carries the token steps the engine reports from its cancel-flag poll site.
 */
class ProgressReportingTest {

    private record Update(String task, int done, int total, String detail) {
        long tokens() {
            Matcher m = Pattern.compile(", ([0-9,]+) token steps$").matcher(detail);
            assertTrue(m.find(), detail);
            return Long.parseLong(m.group(1).replace(",", ""));
        }
    }

    @Test
    void simulateReportsGroupsTokenStepsAndVerification() {
        List<Update> updates = new ArrayList<>();
        Progress recorder = (task, done, total, detail) -> updates.add(new Update(task, done, total, detail));
        String json = new Workbench(() -> false, recorder).execute(List.of("simulate", "--model", "zoo:spmm",
                "--dataset", "synthetic:rows=200,cols=200,density=0.05,features=32,seed=1", "--json")).plainText();
        long tokens = JsonParser.parseString(json).getAsJsonObject().get("tokens").getAsLong();
        assertTrue(tokens > 2 * Simulation.PROGRESS_EVERY, "big enough for engine updates: " + tokens);

        assertEquals(new Update("simulate", 0, 2, "group 1 of 1, 0 token steps"), updates.get(0));
        assertEquals(new Update("simulate", 1, 2, ProgramRunner.VERIFYING + String.format(", %,d token steps", tokens)),
                updates.get(updates.size() - 2));
        assertEquals(new Update("simulate", 2, 2, String.format("checked against the CPU reference, %,d token steps",
                tokens)), updates.get(updates.size() - 1), "the last call has done == total");
        List<Update> engine = updates.subList(1, updates.size() - 2);
        assertTrue(engine.size() >= 2, "the engine reported from its poll site: " + updates);
        long previous = 0;
        for (Update update : engine) {
            assertEquals(0, update.done());
            assertTrue(update.detail().startsWith("group 1 of 1, "), update.detail());
            assertTrue(update.tokens() > previous && update.tokens() <= tokens, updates.toString());
            previous = update.tokens();
        }
        assertTrue(engine.size() <= tokens / Simulation.PROGRESS_EVERY + 1, "not more often than every "
                + Simulation.PROGRESS_EVERY + " token steps: " + engine.size());
    }

    private static List<Update> record(List<String> line) {
        List<Update> updates = new ArrayList<>();
        Progress recorder = (task, done, total, detail) -> updates.add(new Update(task, done, total, detail));
        new Workbench(() -> false, recorder).execute(line);
        return updates;
    }

    /** True-block values: the block engine reports nothing inside a group, so the runner reports each group. */
    @Test
    void aTrueBlockRunReportsEachGroupAndTheVerification() {
        List<Update> updates = record(List.of("simulate", "--model", "einsum:A: (compressed, compressed) [64, 64]; "
                + "B: (compressed, compressed) [64, 64]; C: (compressed, compressed) [64, 32]; "
                + "T: (compressed, compressed) [64, 64]; Y: (compressed, compressed) [64, 32]; "
                + "T(i,j) = A(i,k) * B(k,j); Y(i,l) = T(i,j) * C(j,l)", "--fusion", "unfused", "--dataset",
                "generated:density=0.2", "--values", "true-block", "--block", "16"));
        assertEquals(List.of(0, 1, 2, 3), updates.stream().map(Update::done).toList(), updates.toString());
        assertTrue(updates.stream().allMatch(u -> u.total() == 3 && u.task().equals("simulate")), updates.toString());
        assertEquals("group 1 of 2, 0 token steps", updates.get(0).detail());
        assertTrue(updates.get(1).detail().startsWith("group 2 of 2, ") && updates.get(1).tokens() > 0,
                updates.get(1).detail());
        assertTrue(updates.get(2).detail().startsWith(ProgramRunner.VERIFYING + ", "), updates.get(2).detail());
        assertTrue(updates.get(2).tokens() > updates.get(1).tokens());
        assertTrue(updates.get(3).detail().startsWith("checked against the CPU reference, "), updates.get(3).detail());
    }

    /** --decoders: the decoder's groups and verification, then those of the last decoder's tail, in one count. */
    @Test
    void aComposedRunReportsTheDecoderAndThenTheLastDecodersTail() {
        List<Update> updates = record(List.of("simulate", "--model", "zoo:gpt3-bigbird", "--dataset",
                "bigbird:block=16", "--scale", "0.0625", "--fusion", "full", "--decoders", "12"));
        int total = updates.get(0).total();
        assertTrue(updates.stream().allMatch(u -> u.total() == total), updates.toString());
        List<String> labels = updates.stream().map(u -> u.detail().replaceAll(", [0-9,]+ token steps$", ""))
                .distinct().toList();
        int tail = labels.indexOf(ComposedDecoders.TAIL + "group 1 of 1");
        assertTrue(tail > 0 && labels.get(tail - 1).equals(ProgramRunner.VERIFYING), labels.toString());
        assertEquals(ComposedDecoders.TAIL + ProgramRunner.VERIFYING, labels.get(tail + 1), labels.toString());
        assertEquals(total, labels.size() - 1, "a step per label, and the last label is the end: " + labels);
        int previousDone = 0;
        long previousTokens = 0;
        for (Update update : updates) {
            assertTrue(update.done() >= previousDone && update.tokens() >= previousTokens, updates.toString());
            previousDone = update.done();
            previousTokens = update.tokens();
        }
        assertEquals(total, updates.get(updates.size() - 1).done());
        assertTrue(updates.stream().filter(u -> u.detail().startsWith(ComposedDecoders.TAIL)).allMatch(u ->
                u.done() >= tail), "the tail's steps come after the decoder's");
    }

    @Test
    void stepsAdvanceWithEachNewLabel() {
        List<Update> updates = new ArrayList<>();
        SimulationProgress steps = new SimulationProgress((t, d, n, s) -> updates.add(new Update(t, d, n, s)), 2);
        steps.update("group 1 of 2", 0, -1);
        steps.update("group 1 of 2", 70_000, -1);
        steps.update("group 2 of 2", 90_000, -1);
        steps.update(ProgramRunner.VERIFYING, 120_000, -1);
        steps.finished(120_000, true);
        assertEquals(List.of(0, 0, 1, 2, 3), updates.stream().map(Update::done).toList());
        assertTrue(updates.stream().allMatch(u -> u.total() == 3 && u.task().equals(SimulationProgress.TASK)));
    }
}
