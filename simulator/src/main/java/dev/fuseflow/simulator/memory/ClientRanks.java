package dev.fuseflow.simulator.memory;

/**
 * Ranks of memory client ports in Comal's tie-break order: the HBM context polls every reader, then every
 * writer, each in registration (protobuf operator) order (comal-timing-model.md §6.2). Writers get ranks
 * above any reader so the order holds whatever the registration interleaving.
 */
final class ClientRanks {
    static final int WRITER_BASE = 1 << 24;
    private int readers;
    private int writers;

    int next(boolean writer) {
        return writer ? WRITER_BASE + writers++ : readers++;
    }
}
