package dev.fuseflow.compiler.frontend.mlir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.diagnostics.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed MLIR gives one sentence at the right {@code file:line:col}. The cases live in {@code invalid.mlir}
 * beside this class, split by {@code // -----}; each carries {@code // expected-error@+N:COL {{words}}} (N may be
 * negative) naming the line relative to the annotation, the column and words of the message. Each section is read
 * alone, padded so its line numbers are those of the whole file.
 */
class MlirDiagnosticsTest {
    private static final Pattern EXPECTED = Pattern.compile("// expected-error@([+-]\\d+):(\\d+) \\{\\{(.*)}}");

    record Case(String name, String text, int line, int column, String words) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() throws IOException {
        String whole;
        try (InputStream in = MlirDiagnosticsTest.class.getResourceAsStream("invalid.mlir")) {
            whole = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String[] lines = whole.split("\n", -1);
        List<Case> cases = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= lines.length; i++) {
            if (i == lines.length || lines[i].strip().equals("// -----")) {
                StringBuilder text = new StringBuilder();
                Case found = null;
                for (int k = 0; k < lines.length && k < i; k++) {
                    text.append(k >= start ? lines[k] : "").append('\n');
                    Matcher m = k >= start ? EXPECTED.matcher(lines[k].strip()) : null;
                    if (m != null && m.matches()) {
                        found = new Case("line " + (k + 1) + ": " + m.group(3), null, k + 1 + Integer.parseInt(m.group(1)),
                                Integer.parseInt(m.group(2)), m.group(3));
                    }
                }
                if (found != null) {
                    cases.add(new Case(found.name(), text.toString(), found.line(), found.column(), found.words()));
                }
                start = i + 1;
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformedInputIsOneLocatedSentence(Case c) {
        UserError error = assertThrows(UserError.class, () -> {
            MlirModule module = MlirReader.parse(c.text(), "invalid.mlir");
            module.program(new ShapeBinding(Map.of(), 1, 8));
        });
        String message = error.getMessage();
        assertFalse(message.contains("\n"), message);
        assertTrue(message.contains(c.words()), message);
        assertEquals("invalid.mlir:" + c.line() + ":" + c.column() + ": ", message.substring(0,
                Math.min(message.length(), message.indexOf(": ") + 2)), message);
    }
}
