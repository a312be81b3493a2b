package dev.fuseflow.compiler.run;

import dev.fuseflow.compiler.CompiledGroup;
import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.compiler.reference.ReferenceEvaluator;
import dev.fuseflow.compiler.reference.ReferenceTensor;
import dev.fuseflow.compiler.reference.Verification;
import dev.fuseflow.simulator.engine.ProgressListener;
import dev.fuseflow.simulator.engine.SimulationResult;
import dev.fuseflow.simulator.engine.Simulator;
import dev.fuseflow.simulator.stats.Statistics;
import dev.fuseflow.simulator.tensor.BlockTensor;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Runs a blocked program ({@code Compiler.compileBlocked}) with true-block values: the inputs become b×b
 * block tensors, the groups run in order on tiles, and each output is checked against the CPU reference of
 * the unblocked program evaluated on the same data with every entry of a stored block stored (a block is
 * dense inside, so for example exp of one of its zeros is 1, as on the tiles).
 */
public final class BlockProgramRunner {
    private final Simulator simulator;

    /** @param simulator a simulator whose options select true-block values of the block size */
    public BlockProgramRunner(Simulator simulator) {
        this.simulator = simulator;
    }

    public RunResult run(CompiledProgram blocked, Program original, Map<String, FiberTensor> inputs, int blockSize,
            BooleanSupplier cancelled) {
        return run(blocked, original, inputs, blockSize, cancelled, ProgressListener.NONE);
    }

    /**
     * As {@link #run(CompiledProgram, Program, Map, int, BooleanSupplier)}, telling {@code progress} where it is
     * with the labels {@link ProgramRunner} uses: {@code "group G of N"} as group G starts, with the token steps
     * of the groups before it (the block engine reports nothing from inside a group), then
     * {@value ProgramRunner#VERIFYING}.
     */
    public RunResult run(CompiledProgram blocked, Program original, Map<String, FiberTensor> inputs, int blockSize,
            BooleanSupplier cancelled, ProgressListener progress) {
        long start = System.nanoTime();
        Map<String, BlockTensor> tensors = new HashMap<>();
        Map<String, FiberTensor> expandedInputs = new LinkedHashMap<>();
        for (String name : original.inputs()) {
            BlockTensor block = toBlocks(inputs.get(name), blocked.program().tensor(name), blockSize);
            tensors.put(name, block);
            expandedInputs.put(name, expand(block, original.tensor(name)));
        }
        List<GroupResult> groups = new ArrayList<>();
        Statistics total = null;
        Map<String, BlockTensor> produced = new LinkedHashMap<>();
        long tokensBefore = 0;
        for (CompiledGroup group : blocked.groups()) {
            progress.update("group " + (groups.size() + 1) + " of " + blocked.groups().size(), tokensBefore,
                    ProgressListener.UNKNOWN);
            SimulationResult result = simulator.simulateBlocks(group.graph(), tensors, cancelled);
            tokensBefore += result.statistics().tokens();
            groups.add(new GroupResult(group.index(), group.order().name(), result));
            total = total == null ? result.statistics() : total.plus(result.statistics());
            tensors.putAll(result.blockOutputs());
            produced.putAll(result.blockOutputs());
        }
        progress.update(ProgramRunner.VERIFYING, tokensBefore, ProgressListener.UNKNOWN);
        Map<String, ReferenceTensor> reference = new ReferenceEvaluator(cancelled).evaluate(original, expandedInputs,
                produced.keySet());
        List<Verification> verifications = new ArrayList<>();
        for (var entry : reference.entrySet()) {
            BlockTensor simulated = produced.get(entry.getKey());
            if (simulated != null) {
                verifications.add(Verification.compare(entry.getValue(),
                        expand(simulated, original.tensor(entry.getKey()))));
            }
        }
        return new RunResult(total, groups, verifications, (System.nanoTime() - start) / 1e6);
    }

    /** The tensor's entries gathered into the blocks of the blocked declaration. */
    static BlockTensor toBlocks(FiberTensor tensor, TensorDecl blockedDecl, int blockSize) {
        StoredEntries entries = StoredEntries.of(tensor);
        return BlockTensor.fromCoo(tensor.name(), tensor.shape(), blockedDecl.formats(), blockedDecl.modeOrderArray(),
                entries.coords(), entries.values(), blockSize);
    }

    /**
     * Every entry of every stored block, zeros included, as a scalar tensor in the original declaration;
     * the padding of edge blocks beyond the original shape is cropped.
     */
    static FiberTensor expand(BlockTensor block, TensorDecl decl) {
        int b = block.blockSize();
        int area = b * b;
        float[] tiles = block.tiles();
        List<int[]> coords = new ArrayList<>();
        int[] position = {0};
        block.pattern().forEachStored((c, ignored) -> {
            int p = position[0]++;
            for (int r = 0; r < b && c[0] * b + r < decl.shape().get(0); r++) {
                for (int col = 0; col < b && c[1] * b + col < decl.shape().get(1); col++) {
                    coords.add(new int[] {c[0] * b + r, c[1] * b + col, p * area + r * b + col});
                }
            }
        });
        int[][] entries = new int[coords.size()][];
        float[] values = new float[coords.size()];
        for (int e = 0; e < entries.length; e++) {
            int[] c = coords.get(e);
            entries[e] = new int[] {c[0], c[1]};
            values[e] = tiles[c[2]];
        }
        return FiberTensor.fromCoo(decl.name(), decl.shapeArray(), decl.formats(), decl.modeOrderArray(), entries,
                values);
    }
}
