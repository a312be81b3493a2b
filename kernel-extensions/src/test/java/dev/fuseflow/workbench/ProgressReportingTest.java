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
