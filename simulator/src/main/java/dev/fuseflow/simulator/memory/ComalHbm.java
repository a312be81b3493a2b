package dev.fuseflow.simulator.memory;

/**
 * Comal's "HBM" (comal-timing-model.md §6), in the analytic form of §6.7: 8 channels, each accepting one
 * request every 2 cycles (II 2) and answering after start-up 14 + latency 2 = 16 cycles (the start-up is
 * charged on every request, as found). A bundle sent at client clock {@code s} is taken by the HBM
 * context in cycle {@code h = s+1}; request {@code i} of all requests taken in that cycle goes to channel
 * {@code (off + i(i+1)/2) mod 8}, arrives at {@code h+1}, starts at {@code max(h+1, free[c])}, responds at
 * {@code start + 16}, and its ack reaches the client one cycle later. After the cycle
 * {@code off += T(k-1) + k}. So an isolated request sent at {@code t} is acknowledged at {@code t+19}.
 *
 * <p>Addresses play no part in timing in Comal, so none are modelled; bytes are counted as 4 per entry
 * (Comal counts none).
 */
public final class ComalHbm implements MemoryModel {
    static final int CHANNELS = 8;
    static final int LATENCY = 2;
    static final int II = 2;
    static final int START_UP = 14;

    private final ClientRanks ranks = new ClientRanks();
    private final long[] free = new long[CHANNELS];
    private long cycle = -1;
    private int cycleRequests;
    private int cycleOffset;
    private int lastRank = -1;
    private long bytesRead;
    private long bytesWritten;

    @Override
    public int register(String client, boolean writer) {
        return ranks.next(writer);
    }

    @Override
    public long serve(int rank, boolean write, int count, long sendTime) {
        long h = sendTime + 1;
        if (h < cycle || h == cycle && rank < lastRank) {
            throw new IllegalStateException("memory request out of order: client rank " + rank + " at cycle " + h
                    + " after rank " + lastRank + " at cycle " + cycle);
        }
        if (h != cycle) {
            if (cycleRequests > 0) {
                cycleOffset = (int) ((cycleOffset + triangle(cycleRequests - 1) + cycleRequests) % CHANNELS);
            }
            cycle = h;
            cycleRequests = 0;
        }
        lastRank = rank;
        long ack = sendTime;
        for (int n = 0; n < count; n++) {
            int channel = (int) ((cycleOffset + triangle(cycleRequests + n)) % CHANNELS);
            long start = Math.max(h + 1, free[channel]);
            free[channel] = start + II;
            long response = start + START_UP + LATENCY;
            ack = Math.max(ack, response + 1);
        }
        cycleRequests += count;
        if (write) {
            bytesWritten += 4L * count;
        } else {
            bytesRead += 4L * count;
        }
        return ack;
    }

    private static long triangle(long i) {
        return i * (i + 1) / 2;
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
        return "comal-hbm";
    }
}
