package dev.fuseflow.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.compiler.zoo.Zoo;
import dev.fuseflow.workbench.Workbench;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.junit.jupiter.api.Test;

/** Tab completion and shift-tab inspection of magic lines, from the workbench's picocli model and registries. */
class MagicAssistTest {

    private final MagicAssist assist = new MagicAssist(new Workbench());

    /** The completions with the cursor at the end of {@code line}. */
    private List<String> complete(String line) {
        return assist.complete(line, line.length(), 0).map(MagicAssist.Completion::matches).orElse(List.of());
    }

    @Test
    void commandsThenOptionsOfThatCommand() {
        assertEquals(List.of("simulate"), complete("%fuseflow sim"));
        assertTrue(complete("%fuseflow ").containsAll(Workbench.COMMANDS));
        assertTrue(complete("%fuseflow ").contains("help"));
        assertEquals(List.of("compile"), complete("%fuseflow help compi"));
        List<String> options = complete("%fuseflow simulate --");
        assertTrue(options.containsAll(List.of("--model", "--dataset", "--scale", "--seed", "--fusion", "--timing",
                "--memory", "--help")), options.toString());
        assertTrue(complete("%fuseflow compile --").contains("--emit"));
        assertTrue(!complete("%fuseflow simulate --").contains("--emit"), "only the command's own options");
        assertEquals(List.of("--timing"), complete("%%fuseflow simulate --model zoo:spmm --tim"));
    }

    @Test
    void modelNamesAfterModel() {
        List<String> models = complete("%fuseflow simulate --model ");
        assertTrue(models.containsAll(Zoo.names()), models.toString());
        assertTrue(models.contains("einsum:"));
        assertEquals(List.of("zoo:spmm"), complete("%fuseflow simulate --model zoo:sp"));
        assertEquals(List.of("zoo:spmm"), complete("%fuseflow compile --model=zoo:sp"));
    }

    @Test
    void datasetNamesAfterDatasetAndAsTheDatasetsArgument() {
        List<String> datasets = complete("%fuseflow simulate --model zoo:spmm --dataset ");
        assertTrue(datasets.containsAll(List.of("cora", "karate", "bigbird:block=16", "generated")), datasets.toString());
        assertTrue(datasets.stream().anyMatch(d -> d.startsWith("synthetic:rows=")), datasets.toString());
        assertEquals(List.of("cora", "cora_ml"), complete("%fuseflow simulate --dataset cor"));
        assertEquals(List.of("karate"), complete("%fuseflow datasets kar"));
    }

    @Test
    void presetsAndProfiles() {
        assertEquals(List.of("unfused", "partial", "full", "files", "groups="),
                complete("%fuseflow simulate --model zoo:spmm --fusion "));
        assertEquals(List.of("comal", "bounded"), complete("%fuseflow simulate --timing "));
        assertEquals(List.of("bounded"), complete("%fuseflow simulate --timing=b"));
        assertEquals(List.of("comal-hbm"), complete("%fuseflow simulate --memory comal"));
        assertEquals(List.of("block-timing"), complete("%fuseflow simulate --values bl"));
        assertEquals(List.of("dot"), complete("%fuseflow compile --emit d"));
        assertEquals(List.of("png"), complete("%fuseflow graph --model zoo:spmm --format p"));
    }

    @Test
    void aListOptionCompletesItsLastElement() {
        String line = "%fuseflow sweep --model zoo:spmm --fusion unfused,fu";
        MagicAssist.Completion completion = assist.complete(line, line.length(), 0).orElseThrow();
        assertEquals(List.of("full"), completion.matches());
        assertEquals(line.length() - 2, completion.start(), "only the element after the comma is replaced");
        assertEquals(List.of("comal", "bounded"), complete("%fuseflow sweep --timing comal,"));
        assertEquals(List.of(), complete("%fuseflow simulate --dataset synthetic:rows=9,co"),
                "a single dataset's own commas are not list separators");
    }

    @Test
    void replacementSpanIsTheWordUnderTheCursorInCellOffsets() {
        String cell = "int a = 1;\n%fuseflow simulate --timing bo";
        int lineStart = cell.indexOf('%');
        MagicAssist.Completion completion = assist.complete(cell.substring(lineStart), cell.length() - lineStart,
                lineStart).orElseThrow();
        assertEquals(List.of("bounded"), completion.matches());
        assertEquals(cell.length() - 2, completion.start());
        assertEquals(cell.length(), completion.end());
        MagicAssist.Completion equals = assist.complete("%fuseflow simulate --timing=co", 30, 0).orElseThrow();
        assertEquals("%fuseflow simulate --timing=".length(), equals.start(), "only the value is replaced");
    }

    @Test
    void inspectionOfAnOptionPrintsItsDescriptionAndDefault() {
        String line = "%fuseflow simulate --model zoo:spmm --timing comal";
        String onOption = assist.inspect(line, line.indexOf("--timing") + 3);
        assertTrue(onOption.startsWith("--timing P"), onOption);
        assertTrue(onOption.contains("timing profile: comal or bounded (default: comal)"), onOption);
        assertTrue(onOption.contains("values: comal, bounded"), onOption);
        String onValue = assist.inspect(line, line.length());
        assertEquals(onOption, onValue, "the value's option is described");
        String onCommand = assist.inspect(line, line.indexOf("simulate") + 2);
        assertTrue(onCommand.startsWith("Usage: fuseflow simulate"), onCommand);
        assertTrue(assist.inspect("%fuseflow ", 10).startsWith("Commands:"));
        String seed = assist.inspect("%fuseflow simulate --seed 3", 22);
        assertTrue(seed.contains("seed for generated data and weights (default: 1)"), seed);
    }

    @Test
    void theKernelAnswersCompleteAndInspectRequestsWithThem() {
        FuseFlowKernel kernel = SharedKernel.get();
        String cell = "%fuseflow simulate --model zoo:sp";
        ReplacementOptions options = kernel.complete(cell, cell.length());
        assertEquals(List.of("zoo:spmm"), options.getReplacements());
        assertEquals(cell.length() - "zoo:sp".length(), options.getSourceStart());
        DisplayData shown = kernel.inspect("%fuseflow simulate --dataset cora", 22, false);
        assertTrue(SharedKernel.data(shown, "text/plain").startsWith("--dataset D"), SharedKernel.data(shown, "text/plain"));
        DisplayData java = kernel.inspect("String.valueOf", 12, false);
        assertTrue(SharedKernel.data(java, "text/plain").contains("valueOf"), "Java symbols through JShell");
    }
}
