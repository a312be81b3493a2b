package dev.fuseflow.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.fuseflow.compiler.run.ProgramRunner;
import dev.fuseflow.simulator.engine.ProgressListener;
import dev.fuseflow.simulator.engine.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A simulate run tells the workbench's listener where it is: per group, token steps from the engine, then verification. */
class ProgressReportingTest {

    private record Update(String label, long done, long total) {
    }

    @Test
    void simulateReportsGroupsTokenStepsAndVerification() {
        List<Update> updates = new ArrayList<>();
        ProgressListener recorder = (label, done, total) -> updates.add(new Update(label, done, total));
        String json = new Workbench(() -> false, recorder).execute(List.of("simulate", "--model", "zoo:spmm",
                "--dataset", "synthetic:rows=200,cols=200,density=0.05,features=32,seed=1", "--json")).plainText();
        long tokens = JsonParser.parseString(json).getAsJsonObject().get("tokens").getAsLong();
        assertTrue(tokens > 2 * Simulation.PROGRESS_EVERY, "big enough for engine updates: " + tokens);

        assertEquals(new Update("group 1 of 1", 0, ProgressListener.UNKNOWN), updates.get(0));
        assertEquals(new Update(ProgramRunner.VERIFYING, tokens, ProgressListener.UNKNOWN), updates.get(updates.size() - 1));
        List<Update> engine = updates.subList(1, updates.size() - 1);
        assertTrue(engine.size() >= 2, "the engine reported from its poll site: " + updates);
        long previous = 0;
        for (Update update : engine) {
            assertEquals("group 1 of 1", update.label());
            assertTrue(update.done() > previous && update.done() <= tokens, updates.toString());
            previous = update.done();
        }
        assertTrue(engine.size() <= tokens / Simulation.PROGRESS_EVERY + 1, "not more often than every "
                + Simulation.PROGRESS_EVERY + " token steps: " + engine.size());
    }
}
