package dev.fuseflow.workbench;

import dev.fuseflow.compiler.CompiledGroup;
import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.ir.Assignment;
import dev.fuseflow.compiler.export.ComalExport;
import dev.fuseflow.compiler.export.DotExporter;
import dev.fuseflow.compiler.export.JsonExporter;
import dev.fuseflow.compiler.export.SummaryPrinter;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.engine.ValueMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Runs {@code compile}: resolves the model, lowers it and emits the graphs in the form asked for. */
final class CompilationRunner {
    /** Dimensions used when no dataset is named: small enough to print, large enough to be typical. */
    static final String DEFAULT_DATASET = "synthetic:rows=100,cols=100,density=0.05,features=16,seed=1";

    /** The {@code --emit} forms, in the order the help and errors list them. */
    static final List<String> FORMS = List.of("summary", "schedule", "dot", "json", "comal-proto", "comal-proto-text");

    private CompilationRunner() {
    }

    static CommandOutput run(CompileCommand command, BooleanSupplier cancelled) {
        if (!FORMS.contains(command.emit)) {
            throw UserError.of("--emit " + command.emit + " is not available", FORMS);
        }
        if (command.emit.equals("comal-proto") && command.output == null) {
            throw UserError.of("--emit comal-proto writes a binary protobuf, which is not printable; add -o FILE, "
                    + "or use --emit comal-proto-text to print the text form");
        }
        ResolvedModel resolved = ResolvedModel.forCompile(command.program, command.dataset, DEFAULT_DATASET);
        ValueMode mode = SimulationRunner.valueMode(command.program.values, command.program.block);
        CompiledProgram compiled = mode == ValueMode.TRUE_BLOCK
                ? resolved.compileBlocked(command.program.order, command.program.block)
                : resolved.compile(command.program.order);
        if (command.emit.startsWith("comal-proto")) {
            // both block modes run Comal's block entry points on b×b tiles, which the stream shape announces
            ComalExport.StreamShape shape = mode == ValueMode.SCALAR ? ComalExport.StreamShape.SCALAR
                    : new ComalExport.StreamShape(command.program.block, true);
            return comal(compiled, command.emit.equals("comal-proto"), command.output, shape);
        }
        String text = switch (command.emit) {
            case "dot" -> DotExporter.toDot(compiled);
            case "json" -> JsonExporter.toJson(compiled);
            case "schedule" -> scheduleText(resolved, compiled);
            default -> SimulationRunner.warningLines(resolved.warnings) + SummaryPrinter.print(compiled);
        };
        if (command.output != null) {
            OutputFiles.writeNew(command.output, text);
            return CommandOutput.text("wrote " + command.output);
        }
        return CommandOutput.text(text);
    }

    /**
     * The numbered assignments, the model's presets and the schedule as resolved, in the one-line form that
     * {@code --schedule} reads back (with {@code auto} replaced by the orders chosen).
     */
    static String scheduleText(ResolvedModel resolved, CompiledProgram compiled) {
        StringBuilder text = new StringBuilder();
        List<Assignment> assignments = resolved.program.assignments();
        text.append("program ").append(resolved.program.name()).append(": ").append(assignments.size())
                .append(assignments.size() == 1 ? " assignment\n" : " assignments\n");
        for (int i = 0; i < assignments.size(); i++) {
            text.append("  ").append(i).append(": ").append(assignments.get(i)).append('\n');
        }
        text.append("presets\n");
        int width = resolved.presets.keySet().stream().mapToInt(String::length).max().orElse(0);
        resolved.presets.forEach((name, schedule) -> text.append("  ").append(name)
                .append(" ".repeat(width - name.length() + 2)).append(schedule).append('\n'));
        text.append("schedule ").append(compiled.resolved(resolved.parallelization)).append('\n');
        for (CompiledGroup group : compiled.groups()) {
            int position = group.validOrders().indexOf(group.order().name()) + 1;
            text.append("  g").append(group.index()).append(" assignments ").append(group.assignments())
                    .append(": order ").append(group.order().name())
                    .append(position > 0 ? " (#" + position + " of " + group.validOrders().size() + " valid orders)"
                            : " (beyond the " + group.validOrders().size() + " enumerated orders)")
                    .append('\n');
        }
        return text.toString();
    }

    /**
     * One Comal graph per fusion group, as the original runs one graph per file: a single group goes to
     * FILE, several to {@link #groupFile} names, all checked before any is written. Printed text forms of
     * several groups are separated by a comment line naming the group (text-format comments).
     */
    private static CommandOutput comal(CompiledProgram compiled, boolean binary, String output,
            ComalExport.StreamShape shape) {
        List<CompiledGroup> groups = compiled.groups();
        if (output == null) {
            StringBuilder text = new StringBuilder();
            for (CompiledGroup group : groups) {
                if (groups.size() > 1) {
                    text.append("# group g").append(group.index()).append(": assignments ")
                            .append(group.assignments()).append(", order ").append(group.order().name()).append('\n');
                }
                text.append(ComalExport.text(group.graph(), shape));
            }
            return CommandOutput.text(text.toString());
        }
        List<String> files = new ArrayList<>();
        for (CompiledGroup group : groups) {
            files.add(groups.size() == 1 ? output : groupFile(output, group.index()));
        }
        files.forEach(OutputFiles::requireNew);
        for (int g = 0; g < groups.size(); g++) {
            var graph = groups.get(g).graph();
            OutputFiles.writeNew(files.get(g),
                    binary ? ComalExport.binary(graph, shape)
                            : ComalExport.text(graph, shape).getBytes(StandardCharsets.UTF_8));
        }
        return CommandOutput.text("wrote " + String.join(", ", files));
    }

    /** {@code out.bin} → {@code out.g1.bin} for group 1 (the group before the extension, so tools still see it). */
    static String groupFile(String file, int group) {
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        int dot = file.lastIndexOf('.');
        if (dot <= slash + 1) {
            return file + ".g" + group;
        }
        return file.substring(0, dot) + ".g" + group + file.substring(dot);
    }
}
