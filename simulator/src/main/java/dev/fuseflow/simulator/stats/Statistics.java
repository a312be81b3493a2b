package dev.fuseflow.simulator.stats;

import dev.fuseflow.simulator.engine.PrimitiveStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Totals of a simulation under the contract names of ARCHITECTURE.md §3.3. {@link #asMap()} lists them
 * in contract order; tables, plots, JSON and tests all read these names.
 */
public record Statistics(long cycles, long ops, long reduces, long crdReads, long segReads, long valReads,
        long crdWrites, long segWrites, long valWrites, long uncompressedCrdReads, long dramBytesRead,
        long dramBytesWritten, long tokens) {

    /** The contract names, in order. */
    public static final List<String> NAMES = List.of("cycles", "ops", "reduces", "flops", "crd_reads",
            "seg_reads", "val_reads", "crd_writes", "seg_writes", "val_writes", "memory_accesses",
            "dram_bytes_read", "dram_bytes_written", "paper_flops", "paper_memory_accesses", "tokens");

    /** Sums the counters of the given primitives; cycles is the largest final clock. */
    public static Statistics of(List<PrimitiveStats> primitives, long dramBytesRead, long dramBytesWritten,
            long tokens) {
        long cycles = 0;
        long ops = 0;
        long reduces = 0;
        long crdReads = 0;
        long segReads = 0;
        long valReads = 0;
        long crdWrites = 0;
        long segWrites = 0;
        long valWrites = 0;
        long uncompressed = 0;
        for (PrimitiveStats p : primitives) {
            cycles = Math.max(cycles, p.lastActiveCycle());
            ops += p.ops();
            reduces += p.reduces();
            crdReads += p.crdReads();
            segReads += p.segReads();
            valReads += p.valReads();
            crdWrites += p.crdWrites();
            segWrites += p.segWrites();
            valWrites += p.valWrites();
            uncompressed += p.uncompressedCrdReads();
        }
        return new Statistics(cycles, ops, reduces, crdReads, segReads, valReads, crdWrites, segWrites, valWrites,
                uncompressed, dramBytesRead, dramBytesWritten, tokens);
    }

    /** Statistics of groups run one after another: cycles and every counter add up. */
    public Statistics plus(Statistics other) {
        return new Statistics(cycles + other.cycles, ops + other.ops, reduces + other.reduces,
                crdReads + other.crdReads, segReads + other.segReads, valReads + other.valReads,
                crdWrites + other.crdWrites, segWrites + other.segWrites, valWrites + other.valWrites,
                uncompressedCrdReads + other.uncompressedCrdReads, dramBytesRead + other.dramBytesRead,
                dramBytesWritten + other.dramBytesWritten, tokens + other.tokens);
    }

    /** The same statistics with another token-step count (which depends on how the engine stepped). */
    public Statistics withTokens(long newTokens) {
        return new Statistics(cycles, ops, reduces, crdReads, segReads, valReads, crdWrites, segWrites, valWrites,
                uncompressedCrdReads, dramBytesRead, dramBytesWritten, newTokens);
    }

    public long flops() {
        return ops + reduces;
    }

    public long memoryAccesses() {
        return crdReads + segReads + valReads + crdWrites + segWrites + valWrites;
    }

    /** Comal's Op count + Reduce count, as the artifact sums them for its FLOPs. */
    public long paperFlops() {
        return ops + reduces;
    }

    /** Comal v1's read and write count lines, as the artifact sums them for its memory accesses. */
    public long paperMemoryAccesses() {
        return memoryAccesses() + uncompressedCrdReads;
    }

    /** The statistics by contract name, in contract order. */
    public Map<String, Long> asMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        map.put("cycles", cycles);
        map.put("ops", ops);
        map.put("reduces", reduces);
        map.put("flops", flops());
        map.put("crd_reads", crdReads);
        map.put("seg_reads", segReads);
        map.put("val_reads", valReads);
        map.put("crd_writes", crdWrites);
        map.put("seg_writes", segWrites);
        map.put("val_writes", valWrites);
        map.put("memory_accesses", memoryAccesses());
        map.put("dram_bytes_read", dramBytesRead);
        map.put("dram_bytes_written", dramBytesWritten);
        map.put("paper_flops", paperFlops());
        map.put("paper_memory_accesses", paperMemoryAccesses());
        map.put("tokens", tokens);
        return map;
    }
}
