package dev.fuseflow.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.jupyter.SharedKernel.Cell;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kind of wrong magic line — command, option, value, missing option, quoting, magic name — gives an
 * error output of one sentence followed by the usage that would have helped, and the kernel answers the next
 * cell. These run the real workbench; all fail before anything is simulated.
 */
class MagicErrorsTest {

    private static final String DATA = "--dataset synthetic:rows=8,cols=8,density=0.5,features=2,seed=1";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "%fuseflow simulte --model zoo:spmm                                  | simulte        | Usage: %fuseflow COMMAND",
        "%fuseflow simulate --model zoo:spmm " + DATA + " --bogus             | --bogus        | --timing",
        "%fuseflow simulate --model zoo:spmm " + DATA + " --timing warp       | warp           | --timing",
        "%fuseflow simulate --model zoo:spmm " + DATA + " --scale abc         | abc            | --scale",
        "%fuseflow simulate --model zoo:spmm " + DATA + " --scale 2           | 2              | --scale",
        "%fuseflow simulate --model zoo:nosuch " + DATA + "                   | nosuch         | --model",
        "%fuseflow simulate --model zoo:spmm --dataset nosuchdata            | nosuchdata     | --dataset",
        "%fuseflow simulate --model zoo:spmm                                 | --dataset      | --dataset",
        "%fuseflow simulate --model zoo:spmm " + DATA + " --fusion sideways   | sideways       | --fusion",
        "%fuseflow compile --model zoo:spmm --emit png                       | png            | --emit",
        "%fuseflow datasets nosuchdata                                       | nosuchdata     | NAME",
        "%fuseflow help nosuchcmd                                            | nosuchcmd      | Usage: %fuseflow COMMAND",
        "%fuseflow simulate --model 'unterminated                            | quote          | Usage: %fuseflow COMMAND",
        "%fuseflw simulate                                                   | %fuseflw       | Usage: %fuseflow COMMAND",
        "%%fuseflow compile --model zoo:spmm --emit nothing                  | nothing        | --emit",
    })
    void wrongMagicIsOneSentenceThenUsageAndTheKernelGoesOn(String line, String named, String inUsage) {
        Cell cell = SharedKernel.run(line.strip());
        UserError error = assertInstanceOf(UserError.class, cell.error(), () -> "a user error, not " + cell.error());
        String sentence = error.getMessage();
        assertFalse(sentence.isBlank());
        assertFalse(sentence.contains("\n"), () -> "one sentence on one line: " + sentence);
        assertTrue(sentence.contains(named), () -> "names '" + named + "': " + sentence);
        List<String> shown = cell.errorLines();
        assertTrue(shown.get(0).contains("UserError") && shown.get(0).contains(sentence), shown.get(0));
        String usage = String.join("\n", shown.subList(1, shown.size()));
        assertTrue(usage.contains("Usage") && usage.contains(inUsage), () -> "the usage follows:\n" + usage);

        Cell next = SharedKernel.run("40 + 2");
        assertNull(next.error());
        assertEquals("42", next.resultText(), "the kernel answers the next cell");
    }
}
