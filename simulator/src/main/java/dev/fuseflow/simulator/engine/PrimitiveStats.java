package dev.fuseflow.simulator.engine;

/**
 * What one primitive did: tokens in and out, its operation and memory counters, and its first and last
 * active cycle (the last is its final clock).
 */
public record PrimitiveStats(String name, String kind, long tokensIn, long tokensOut, long ops, long reduces,
        long crdReads, long segReads, long valReads, long crdWrites, long segWrites, long valWrites,
        long uncompressedCrdReads, long firstActiveCycle, long lastActiveCycle) {

    public long memoryAccesses() {
        return crdReads + segReads + valReads + crdWrites + segWrites + valWrites;
    }
}
