package dev.fuseflow.compiler.frontend.mlir;

import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Function;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.SourceFile;
import dev.fuseflow.diagnostics.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The MLIR front end's entry point: reads a Linalg + SparseTensor file (the subset of
 * reference/fuseflow-compiler.md §5.1) into an {@link MlirModule}. Every problem with the file is a
 * {@link UserError} at {@code file:line:col}.
 *
 * <pre>
 * MlirModule module = MlirReader.read(Path.of("gcn.mlir"));
 * MlirProgram bound = module.program(new ShapeBinding(Map.of("arg1.0", 64), 1, 0));
 * Program program = bound.program();
 * </pre>
 */
public final class MlirReader {
    private MlirReader() {
    }

    /** Reads a file; messages name it as given. */
    public static MlirModule read(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw UserError.of("cannot read MLIR file " + path + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
        }
        return parse(text, path.toString());
    }

    /** Reads MLIR text; {@code file} names it in messages. */
    public static MlirModule parse(String text, String file) {
        SourceFile source = MlirParser.parse(file, text);
        if (source.functions().isEmpty()) {
            throw new SourceLocation(file, 1, 1).error("the file defines no func.func with a body");
        }
        List<String> warnings = new ArrayList<>();
        Function function = source.functions().get(0);
        if (source.functions().size() > 1) {
            warnings.add(file + " defines " + source.functions().size() + " functions ("
                    + String.join(", ", source.functions().stream().map(f -> "@" + f.name()).toList())
                    + "); FuseFlow reads the first, @" + function.name());
        }
        return new MlirModule(FunctionTranslator.translate(file, function), warnings);
    }
}
