package dev.fuseflow.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.diagnostics.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose memory estimate exceeds the heap is refused before it allocates, with a --scale that fits; in a
 * sweep such a configuration is an error row and the others run.
 */
class MemoryGuardTest {

    private static final String LARGER = "synthetic:rows=400,cols=400,density=0.1,features=8,seed=1";

    @TempDir
    Path cache;

    private static final String SMALL = "synthetic:rows=40,cols=40,density=0.1,features=8,seed=1";

    private static ProgramOptions spmm() {
        ProgramOptions options = new ProgramOptions();
        options.model = "zoo:spmm";
        options.fusion = "unfused";
        options.order = "auto";
        options.values = "scalar";
        return options;
    }

    private static DataOptions data(String dataset, double scale) {
        DataOptions data = new DataOptions();
        data.dataset = dataset;
        data.scale = scale;
        data.seed = 1;
        return data;
    }

    @Test
    void estimateCountsTheReferenceEntriesAndTheWrittenOutputs() {
        // zoo:spmm on 40x40 with 8 features: A 40x40, X 40x8 (inputs), Y 40x8 (written)
        ResolvedModel.Bound bound = ResolvedModel.forSimulation(spmm(), data(SMALL, 1));
        var program = bound.resolved().program;
        MemoryEstimate estimate = MemoryEstimate.ofRun(program, 1000);
        // 1000 bytes of parts at 8 bytes an entry: 125 entries per input (X's box is 320); the output holds
        // as many as the largest input when it has a compressed level, else its whole box
        long output = program.tensor("Y").formats().contains(dev.fuseflow.simulator.tensor.LevelFormat.COMPRESSED)
                ? 125 : 40 * 8;
        long entries = 125 + 125 + output;
        assertEquals(entries * 48 + 40 * 8 * 2L * MemoryEstimate.WRITTEN_BYTES_PER_CELL, estimate.tensorBytes(),
                "48 bytes per reference entry, the written output twice");
        assertEquals(2000, estimate.datasetBytes(), "the parts and the input tensors made from them");
    }

    @Test
    void everyWrittenTensorIsHeldOnceAndOnlyTheLargestTwice() {
        // T (10x30) and Y (10x20) are written; the largest, T, also lives as its written copy during its group
        var program = dev.fuseflow.compiler.frontend.einsum.EinsumParser.parse("""
                # program two_outputs
                A: (dense, dense) [10, 30]
                B: (dense, dense) [30, 20]
                T: (dense, dense) [10, 30]
                Y: (dense, dense) [10, 20]
                T(i,k) = relu(A(i,k))
                Y(i,j) = T(i,k) * B(k,j)
                """, "test", "two_outputs");
        MemoryEstimate estimate = MemoryEstimate.ofRun(program, 1000);
        long written = (300 + 200 + 300) * (long) MemoryEstimate.WRITTEN_BYTES_PER_CELL;
        assertEquals(written, estimate.tensorBytes() - MemoryEstimate.referenceBytes(program, 1000));
    }

    @Test
    void aRunThatDoesNotFitIsRefusedWithAScaleThatWould() {
        // the run needs about 60 KiB: data and inputs 6 KiB, reference and written output 54 KiB
        UserError error = assertThrows(UserError.class,
                () -> ResolvedModel.forSimulation(spmm(), data(SMALL, 1), MemoryBudget.of(8 << 10)));
        String message = error.getMessage();
        assertTrue(message.contains("was not started") && message.contains("try --scale 0."), message);
        double suggested = Double.parseDouble(message.replaceAll(".*try --scale ([0-9.]+).*", "$1"));
        assertTrue(suggested < 0.4, "an eighth of the need fits below 0.4 of the scale: " + message);
        assertTrue(message.contains("FUSEFLOW_KERNEL_XMX"), message);
        assertTrue(!message.contains("\n"), "one sentence");
        ResolvedModel.forSimulation(spmm(), data(SMALL, 1), MemoryBudget.of(1L << 30)); // fits: no error
    }

    @Test
    void suggestedScaleShrinksWithTheSquareRootAndKeepsTwoDigits() {
        assertEquals("0.45", MemoryBudget.suggestedScale(1, 400, 100));
        assertEquals("0.22", MemoryBudget.suggestedScale(0.5, 400, 100));
        assertEquals("0.0009", MemoryBudget.suggestedScale(1, 1_000_000_000_000L, 1_000_000));
    }

    @Test
    void aRegisteredDatasetTooLargeForTheHeapIsRefusedBeforeItIsGenerated() {
        long start = System.nanoTime();
        UserError error = assertThrows(UserError.class,
                () -> ResolvedModel.forSimulation(spmm(), data("mag", 1), MemoryBudget.of(64L << 20)));
        assertTrue(error.getMessage().contains("--scale"), error.getMessage());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2_000, "nothing was generated");
    }

    @Test
    void aSparseAdjacencyCostsTheReferenceItsEntriesNotItsBox() {
        // 60000 x 60000 held densely would be about 60 GB; its 3600 entries (64 KiB of parts) cost 48 bytes each
        ProgramOptions options = spmm();
        ResolvedModel.Bound bound = ResolvedModel.forSimulation(options,
                data("synthetic:rows=60000,cols=60000,density=0.000001,features=8,seed=1", 1));
        MemoryEstimate estimate = MemoryEstimate.ofRun(bound.resolved().program, 64 << 10);
        long written = 60000L * 8 * 2 * MemoryEstimate.WRITTEN_BYTES_PER_CELL;
        assertTrue(estimate.tensorBytes() > written && estimate.tensorBytes() < written + (64L << 20),
                "the reference adds megabytes, not gigabytes: " + estimate.tensorBytes());
    }

    @Test
    void simulateOnTheRealHeapRefusesARunWhoseOutputsCannotFit() {
        // C = A X with 3 M rows and 200 features is 600 M dense cells to write: far beyond any test heap
        UserError error = assertThrows(UserError.class, () -> new Workbench().execute(List.of("simulate", "--model",
                "zoo:spmm", "--dataset", "synthetic:rows=3000000,cols=1000,density=0.000001,features=200,seed=1")));
        assertTrue(error.getMessage().startsWith("this run needs about") && error.getMessage().contains("--scale"),
                error.getMessage());
    }

    private SweepResult sweep(Workbench workbench, String datasets) {
        List<String> words = new ArrayList<>(List.of("sweep", "--model", "zoo:spmm", "--dataset", datasets,
                "--par", "none,i:2", "--threads", "2", "--cache-dir", cache.toString()));
        return (SweepResult) workbench.execute(words);
    }

    private static Workbench withBudget(long bytes) {
        return new Workbench(() -> false, Progress.NONE, MemoryBudget.of(bytes));
    }

    @Test
    void aSweepConfigurationTooLargeForTheHeapIsAnErrorRowWithSimulatesSentence() {
        long small = ResolvedModel.forSimulation(spmm(), data(SMALL, 1)).estimate().total();
        long larger = ResolvedModel.forSimulation(spmm(), data(LARGER, 1)).estimate().total();
        assertTrue(4 * small < larger, small + " vs " + larger);
        Workbench tight = withBudget(2 * small);
        SweepResult result = sweep(tight, SMALL + "," + LARGER);
        List<SweepRow> rows = result.rows();
        assertEquals(4, rows.size());
        for (SweepRow row : rows.subList(0, 2)) {
            assertFalse(row.failed(), String.valueOf(row.get("error")));
            assertTrue((Long) row.get("cycles") > 0);
        }
        UserError simulate = assertThrows(UserError.class, () -> tight.execute(List.of("simulate", "--model",
                "zoo:spmm", "--dataset", LARGER)));
        assertTrue(simulate.getMessage().contains("was not started; try --scale 0."), simulate.getMessage());
        for (SweepRow row : rows.subList(2, 4)) {
            assertEquals(simulate.getMessage(), row.get("error"), "the sentence simulate gives");
            assertNull(row.get("cycles"));
        }

        SweepResult roomy = sweep(withBudget(4 * larger), SMALL + "," + LARGER);
        SweepRow ran = roomy.rows().get(2);
        assertFalse(ran.failed(), String.valueOf(ran.get("error")));
        assertEquals(Boolean.FALSE, ran.get("cached"), "a refusal is not cached: a larger heap runs it");
        assertEquals(Boolean.TRUE, roomy.rows().get(0).get("cached"));
    }

    @Test
    void aRegisteredDatasetTooLargeForTheHeapGivesErrorRowsAndIsNotGenerated() {
        long small = ResolvedModel.forSimulation(spmm(), data(SMALL, 1)).estimate().total();
        long start = System.nanoTime();
        SweepResult result = sweep(withBudget(2 * small), SMALL + ",mag");
        assertTrue((System.nanoTime() - start) / 1_000_000 < 10_000, "mag was not generated");
        List<SweepRow> rows = result.rows();
        assertFalse(rows.get(0).failed(), String.valueOf(rows.get(0).get("error")));
        SweepRow mag = rows.get(rows.size() - 1);
        assertEquals("mag", mag.get("dataset"));
        assertTrue(String.valueOf(mag.get("error")).contains("was not started; try --scale"), mag.cells().toString());
    }

    /** The real heap: the configuration of the simulate test above is an error row, not an OutOfMemoryError. */
    @Test
    void aSweepOnTheRealHeapRefusesTheConfigurationWhoseOutputsCannotFit() {
        SweepResult result = sweep(new Workbench(() -> false, Progress.NONE),
                SMALL + ",synthetic:rows=3000000,cols=1000,density=0.000001,features=200,seed=1");
        List<SweepRow> rows = result.rows();
        assertFalse(rows.get(0).failed(), String.valueOf(rows.get(0).get("error")));
        String error = String.valueOf(rows.get(3).get("error"));
        assertTrue(error.startsWith("this run needs about") && error.contains("--scale"), error);
    }

    @Test
    void theGateHoldsBackWhatFitsOnlyAloneAndRefusesWhatNeverFits() throws Exception {
        MemoryGate gate = new MemoryGate(MemoryBudget.of(100), 0.5);
        MemoryGate.Admission first = gate.admit(new MemoryEstimate(30, 30), () -> false);
        assertEquals(60, gate.admitted());
        CompletableFuture<MemoryGate.Admission> second = CompletableFuture.supplyAsync(
                () -> gate.admit(new MemoryEstimate(50, 20), () -> false));
        Thread.sleep(200);
        assertFalse(second.isDone(), "70 more does not fit beside 60 in 100");
        first.close();
        MemoryGate.Admission admitted = second.get(5, TimeUnit.SECONDS);
        assertEquals(70, gate.admitted());
        admitted.close();
        admitted.close();
        assertEquals(0, gate.admitted(), "closing twice gives back once");
        UserError never = assertThrows(UserError.class, () -> gate.admit(new MemoryEstimate(100, 300), () -> false));
        assertTrue(never.getMessage().contains("try --scale 0.22"), never.getMessage());
        MemoryGate.Admission small = gate.admit(new MemoryEstimate(10, 0), () -> false);
        assertThrows(CancelledException.class, () -> gate.admit(new MemoryEstimate(95, 0), () -> true),
                "a waiting configuration sees the cancel flag");
        small.close();
        assertEquals(0, gate.admitted());
    }

    @Test
    void humanSizes() {
        assertEquals("512 bytes", MemoryEstimate.human(512));
        assertEquals("1.5 KiB", MemoryEstimate.human(1536));
        assertEquals("3.0 GiB", MemoryEstimate.human(3L << 30));
        assertEquals(Long.MAX_VALUE, new MemoryEstimate(Long.MAX_VALUE, 5).total(), "saturates, never wraps");
    }
}
