package dev.fuseflow.simulator.memory;

/**
 * A memory with one shared port of {@code bytesPerCycle} bandwidth and a fixed {@code latency}: a bundle of
 * {@code count} 4-byte entries moves {@code ceil(4·count / requestBytes) · requestBytes} bytes (whole
 * requests, as a DRAM burst moves whole lines); transfers are served first come, first served from the
 * cycle the bundle becomes visible ({@code send + 1}); the client holds its ack {@code latency} cycles
 * after its transfer ends (rounded up to a whole cycle). Bytes moved are counted as DRAM traffic.
 *
 * <p>Not from Comal: this is the bounded profile's memory, meant for bandwidth studies (how much traffic
 * a fusion schedule saves, and when a graph becomes memory bound).
 */
public final class BandwidthMemory implements MemoryModel {
    private final ClientRanks ranks = new ClientRanks();
    private final double bytesPerCycle;
    private final long latency;
    private final int requestBytes;
    private double free;
    private long lastVisible = -1;
    private long bytesRead;
    private long bytesWritten;

    public BandwidthMemory(double bytesPerCycle, long latency, int requestBytes) {
        if (!(bytesPerCycle > 0) || latency < 0 || requestBytes < 1) {
            throw new IllegalArgumentException("bandwidth memory needs bytes_per_cycle > 0, latency >= 0, request >= 1");
        }
        this.bytesPerCycle = bytesPerCycle;
        this.latency = latency;
        this.requestBytes = requestBytes;
    }

    @Override
    public int register(String client, boolean writer) {
        return ranks.next(writer);
    }

    @Override
    public long serve(int rank, boolean write, int count, long sendTime) {
        long visible = sendTime + 1;
        if (visible < lastVisible) {
            throw new IllegalStateException("memory request out of order: cycle " + visible + " after " + lastVisible);
        }
        lastVisible = visible;
        long bytes = 4L * count;
        long moved = (bytes + requestBytes - 1) / requestBytes * requestBytes;
        double start = Math.max(visible, free);
        free = start + moved / bytesPerCycle;
        if (write) {
            bytesWritten += moved;
        } else {
            bytesRead += moved;
        }
        return (long) Math.ceil(free) + latency;
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public long bytesWritten() {
        return bytesWritten;
    }

    @Override
    public String describe() {
        return "bandwidth:bytes_per_cycle=" + MemorySpec.number(bytesPerCycle) + ",latency=" + latency + ",request="
                + requestBytes;
    }
}
