package dev.fuseflow.simulator.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.graph.RepeatOp;
import dev.fuseflow.simulator.graph.UnaryAluOp;
import dev.fuseflow.simulator.graph.UnaryOp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad graph files give one sentence naming the file and what is wrong; Comal's quirks map as documented. */
class ComalGraphReaderErrorsTest {
    @TempDir
    Path dir;

    private static final String ROOT = "operators { name: \"root\" id: 1 root { label: \"root b-0\" output_ref { id { id: 1 } } } }\n";
    private static final String SCAN = "operators { name: \"fiberlookup\" id: 2 fiber_lookup { input_ref { id { id: 1 } }"
            + " output_ref { id { id: 2 } } output_crd { id { id: 3 } } index: \"d0\" tensor: \"b-0\""
            + " format: \"compressed\" } }\n";
    private static final String WRITE = "operators { name: \"fiberwrite\" id: 3 fiber_write { input_crd { id { id: 3 } }"
            + " index: \"d0\" } }\n";

    private Path graph(String operators) throws IOException {
        Path file = dir.resolve("g.proto.txt");
        Files.writeString(file, "name: \"comal graph\"\nchannel_size: 1024\ngraph {\n" + operators + "}\n");
        return file;
    }

    private UserError rejected(String operators) throws IOException {
        Path file = graph(operators);
        UserError error = assertThrows(UserError.class, () -> ComalGraphReader.read(file));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(!error.getMessage().contains("\n"), "one line: " + error.getMessage());
        return error;
    }

    @Test
    void aSmallGraphImports() throws IOException {
        ImportedComalGraph g = ComalGraphReader.read(graph(ROOT + SCAN + WRITE));
        assertEquals(3, g.graph().ops().size());
        // Coordinates with no value writer: the writer belongs to "out", but there is no tensor to assemble.
        assertEquals("out", ((dev.fuseflow.simulator.graph.FiberWriteOp) g.graph().ops().get(2)).tensor());
        assertTrue(g.outputs().isEmpty());
        assertEquals(1, g.inputs().size());
    }

    @Test
    void textSyntaxErrorsNameTheLine() throws IOException {
        UserError error = rejected(ROOT + "operators { id: 2 fiber_lookup { input_rf { id { id: 1 } } } }\n");
        assertTrue(error.getMessage().contains(":5:"), error.getMessage());
        assertTrue(error.getMessage().contains("input_rf"), error.getMessage());
    }

    @Test
    void binaryGarbageIsNamed() throws IOException {
        Path file = dir.resolve("op.bin");
        Files.write(file, new byte[] {0x0a, 0x7f, 0x01});
        UserError error = assertThrows(UserError.class, () -> ComalGraphReader.read(file));
        assertTrue(error.getMessage().contains("op.bin is not a binary ComalGraph"), error.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        UserError error = assertThrows(UserError.class, () -> ComalGraphReader.read(dir.resolve("nope.bin")));
        assertTrue(error.getMessage().contains("does not exist"), error.getMessage());
    }

    @Test
    void unsupportedOpsNameTheOpAndWhatIsAccepted() throws IOException {
        UserError error = rejected(ROOT + "operators { name: \"mask\" id: 7 coord_mask { label: \"m\" } }\n");
        assertTrue(error.getMessage().contains("operation 7 (coord_mask) is not supported"), error.getMessage());
        assertTrue(error.getMessage().contains("accepted: root"), error.getMessage());
        assertTrue(rejected(ROOT + "operators { name: \"f\" id: 8 func { } }\n").getMessage().contains("(func)"));
        assertTrue(rejected(ROOT + "operators { name: \"g\" id: 9 gen_ref { } }\n").getMessage().contains("(gen_ref)"));
        assertTrue(rejected(ROOT + "operators { name: \"c\" id: 10 concat { } }\n").getMessage().contains("(concat)"));
        assertTrue(rejected(ROOT + "operators { name: \"x\" id: 11 }\n").getMessage().contains("no op field set"));
    }

    @Test
    void wiringMistakesAreNamed() throws IOException {
        assertTrue(rejected(SCAN).getMessage().contains("reads ref stream 1, which no operation writes"));
        String twice = ROOT + SCAN + SCAN.replace("id: 2 ", "id: 4 ").replace("id: 2 }", "id: 5 }")
                .replace("id: 3 }", "id: 6 }");
        assertTrue(rejected(twice).getMessage().contains("needs a broadcast"));
        String noId = ROOT.replace("output_ref { id { id: 1 } }", "output_ref { name: \"x\" }");
        assertTrue(rejected(noId).getMessage().contains("without its id message"));
    }

    @Test
    void comalTodosAreRejected() throws IOException {
        assertTrue(rejected(ROOT + "operators { id: 4 spacc { order: 3 } }\n").getMessage().contains("order 3"));
        String mixed = ROOT + "operators { id: 4 repeat { in_ref { id { id: 1 } } out_val { id { id: 9 } }"
                + " rep_ref { id { id: 8 } } } }\n";
        assertTrue(rejected(mixed).getMessage().contains("Comal repeats only in_ref to out_ref"));
        String threeInputs = "operators { id: 4 alu { vals { inputs { id { id: 1 } } inputs { id { id: 2 } }"
                + " inputs { id { id: 3 } } output { id { id: 4 } } } stages { op: ADD } } }\n";
        assertTrue(rejected(threeInputs).getMessage().contains("3 value inputs"));
    }

    @Test
    void aRepeatSignalOnlyComalCouldNeverReadIsRejected() throws IOException {
        String used = ROOT + SCAN + WRITE.replace("id: 3 }", "id: 9 }")
                + "operators { id: 5 repeatsig { input_crd { id { id: 3 } } output_rep_sig { id { id: 4 } } } }\n";
        assertTrue(rejected(used).getMessage().contains("no operation in the Comal schema can read"));
        // With its output discarded, it only drains its crd input.
        String discarded = ROOT + SCAN + "operators { id: 5 repeatsig { input_crd { id { id: 3 } } } }\n";
        assertEquals(2, ComalGraphReader.read(graph(discarded)).graph().ops().size());
    }

    @Test
    void oneInputMaxIsReluWithItsScalarAndValueRepeatsMap() throws IOException {
        String ops = ROOT + SCAN
                + "operators { id: 3 arrayval array { tensor: \"b-0\" input_ref { id { id: 2 } } output_val { id { id: 4 } } } }\n"
                + "operators { id: 4 max alu { vals { inputs { id { id: 4 } } output { id { id: 5 } } }"
                + " stages { inputs: 0 op: MAX } scalar: 0.5 } }\n"
                + "operators { id: 5 repeat { in_val { id { id: 5 } } out_val { id { id: 6 } } rep_val { id { id: 7 } } } }\n"
                + "operators { id: 6 root { label: \"root c\" output_ref { id { id: 7 } } } }\n";
        // rep_val 7 lives in the val namespace, ref 7 in the ref namespace: two different channels.
        UserError error = rejected(ops.replace("name: \"", "name: \"").replace("arrayval array", "array")
                .replace("max alu", "alu"));
        assertTrue(error.getMessage().contains("reads val stream 7"), error.getMessage());
        ImportedComalGraph g = ComalGraphReader.read(graph(ops.replace("arrayval array", "array")
                .replace("max alu", "alu").replace("rep_val { id { id: 7 } }", "rep_ref { id { id: 7 } }")));
        UnaryAluOp relu = (UnaryAluOp) g.graph().ops().get(3);
        assertEquals(UnaryOp.MAX_SCALAR, relu.op());
        assertEquals(0.5f, relu.scalar());
        assertTrue(g.graph().ops().get(4) instanceof RepeatOp);
    }
}
