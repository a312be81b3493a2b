package dev.fuseflow.workbench;

import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.compiler.reference.ReferenceEvaluator;
import dev.fuseflow.compiler.run.ProgramRunner;
import java.util.Set;

/**
 * What a simulate run will hold on the heap, estimated before the big allocations happen. The model follows
 * what the run keeps alive at its peak:
 *
 * <ul>
 *   <li>the dataset's parts ({@code DataPart.bytes()}, or a registered dataset's planned bytes) and the input
 *       tensors bound from them, about as large again;</li>
 *   <li>the CPU reference, which holds the stored entries of every tensor of the program: a key, a double
 *       value and a double error scale per entry plus its indexes ({@code ReferenceEvaluator.estimatedBytes},
 *       the inputs' entries estimated from the parts' bytes), unless it is too large to be built at all,
 *       when the run skips the check ({@code ProgramRunner.referenceTooLarge});</li>
 *   <li>the tensors the simulator writes, at worst every cell as a coordinate and a value
 *       ({@value #WRITTEN_BYTES_PER_CELL} bytes): every one materialised for the later groups and the
 *       check, and the largest one twice, because a group's written copy lives until its group ends
 *       ({@code ProgramRunner}).</li>
 * </ul>
 * Token FIFOs are left out: they are bounded by the graph's buffering, not by the data.
 *
 * @param datasetBytes the dataset's parts plus the input tensors made from them
 * @param tensorBytes  the reference's dense tensors plus the written outputs
 */
record MemoryEstimate(long datasetBytes, long tensorBytes) {

    static final int WRITTEN_BYTES_PER_CELL = 4 + 4;

    /** The dataset alone, before it is generated (the program is not known yet). */
    static MemoryEstimate ofDataset(long partBytes) {
        return new MemoryEstimate(2 * partBytes, 0);
    }

    /** A whole run of {@code program} on data whose parts take {@code partBytes}. */
    static MemoryEstimate ofRun(Program program, long partBytes) {
        Set<String> inputs = Set.copyOf(program.inputs());
        long tensors = referenceBytes(program, partBytes);
        long largestWritten = 0;
        for (TensorDecl tensor : program.tensors().values()) {
            if (!inputs.contains(tensor.name())) {
                long written = saturatingMultiply(cells(tensor), WRITTEN_BYTES_PER_CELL);
                tensors = saturatingAdd(tensors, written);
                largestWritten = Math.max(largestWritten, written);
            }
        }
        tensors = saturatingAdd(tensors, largestWritten);
        return new MemoryEstimate(saturatingMultiply(partBytes, 2), tensors);
    }

    /**
     * The reference's bytes, or 0 when the run will skip it as too large. Before the inputs exist, each is
     * taken to hold as many entries as the parts' bytes would give at a coordinate and a value per entry.
     */
    static long referenceBytes(Program program, long partBytes) {
        java.util.function.ToLongFunction<String> entries = name -> Math.max(1, partBytes / WRITTEN_BYTES_PER_CELL);
        if (ProgramRunner.referenceTooLarge(program, entries) != null) {
            return 0;
        }
        try {
            return ReferenceEvaluator.estimatedBytes(program, entries);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    long total() {
        return saturatingAdd(datasetBytes, tensorBytes);
    }

    /** Cells of a tensor's dense shape (a scalar has one). */
    static long cells(TensorDecl tensor) {
        long cells = 1;
        for (int size : tensor.shapeArray()) {
            cells = saturatingMultiply(cells, size);
        }
        return cells;
    }

    /** A size for people: {@code 512 KiB}, {@code 3.2 GiB}. */
    static String human(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " bytes" : String.format(java.util.Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s",
                value, units[unit]);
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long saturatingMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long product = a * b;
        return high != 0 || product < 0 ? Long.MAX_VALUE : product;
    }
}
