package dev.fuseflow.simulator.memory;

/**
 * A memory shared by the graph's memory clients (compressed fiber lookups, arrays, fiber and value
 * writers). Each request is a bundle of {@code count} 4-byte entries sent by a client at its clock
 * {@code sendTime} (DAM stamps it {@code sendTime + 1}); the client blocks until every entry is
 * acknowledged, so {@link #serve} returns the clock the client has after its last ack.
 *
 * <p>Requests must arrive in non-decreasing {@code sendTime}, same-time requests by ascending
 * {@link #register rank}: the engine's conservative time synchronisation guarantees it, and models may
 * check it.
 */
public interface MemoryModel {

    /** The rank of a new client port: readers before writers, each in registration order. */
    int register(String client, boolean writer);

    /** Serves one bundle; returns the client's clock once all {@code count} acks have arrived. */
    long serve(int rank, boolean write, int count, long sendTime);

    /** Bytes moved from memory so far. */
    long bytesRead();

    /** Bytes moved to memory so far. */
    long bytesWritten();

    /** The {@code --memory} form of this model. */
    String describe();
}
