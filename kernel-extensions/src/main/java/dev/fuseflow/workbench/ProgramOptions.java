package dev.fuseflow.workbench;

import dev.fuseflow.compiler.schedule.ScheduleText;
import dev.fuseflow.diagnostics.UserError;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that choose what to compile: model, fusion schedule, order, parallelization, blocking. */
public final class ProgramOptions {

    @Option(names = "--model", required = true, paramLabel = "M",
            description = "zoo:spmm, an .mlir file, an einsum file or einsum:'<program>'")
    public String model;

    @Option(names = "--fusion", paramLabel = "F", defaultValue = "unfused",
            description = "unfused, partial, full or groups=0-3,4-7 (default: ${DEFAULT-VALUE})")
    public String fusion;

    @Option(names = "--order", paramLabel = "O", defaultValue = "auto",
            description = "dataflow order by index letters (ikj), #k (k-th valid order), first (the original compiler's choice) or auto (the cost model's cheapest; default), per group as g0:ikj,g1:auto")
    public String order;

    @Option(names = "--mode-order", paramLabel = "T=1,0", description = "store tensor T in another mode order")
    public List<String> modeOrders = new ArrayList<>();

    @Option(names = "--par", paramLabel = "V:K", description = "parallelize below index variable V with K lanes")
    public String par;

    @Option(names = "--values", paramLabel = "MODE", defaultValue = "scalar",
            description = "scalar, block-timing or true-block (default: ${DEFAULT-VALUE})")
    public String values;

    @Option(names = "--block", paramLabel = "B", description = "block size for --values block-timing|true-block")
    public Integer block;

    @Option(names = "--schedule", paramLabel = "TEXT",
            description = "the whole schedule in one word list, e.g. 'fusion=partial order=g0:ikj,g1:auto par=i:4' "
                    + "(instead of --fusion, --order, --par and --block)")
    public String schedule;

    /**
     * Folds {@code --schedule} into the separate options, which the rest of the workbench reads; giving both
     * forms is a user error, since one would silently win.
     */
    void applySchedule() {
        if (schedule == null) {
            return;
        }
        ScheduleText text = ScheduleText.parse(schedule);
        if (!fusion.equals(ScheduleText.DEFAULT_FUSION) || !order.equals(ScheduleText.DEFAULT_ORDER) || par != null
                || (block != null && text.block() != null)) {
            throw UserError.of("give the schedule either as --schedule or as --fusion/--order/--par/--block, not both");
        }
        fusion = text.fusion();
        order = text.order();
        par = text.par().lanes().isEmpty() ? null : text.par().toString();
        if (text.block() != null) {
            block = text.block();
        }
        schedule = null;
    }
}
