package dev.fuseflow.simulator.engine;

/**
 * A FIFO of timestamped tokens between one producer and one consumer: two parallel {@code long} ring
 * buffers (tokens and stamps) that grow by doubling, so nothing is allocated per token.
 *
 * <p>Timing follows DAM's channel rules (comal-timing-model.md §2.2): a send is stamped
 * {@code max(requested, senderClock + 1)} by {@link Primitive#emitAt}; the receiver's clock moves to the
 * stamp when it peeks or takes. FIFO order is kept whatever the stamps.
 *
 * <p>{@link #softLimit()} bounds how far a producer runs ahead of its consumer; it is a scheduling aid
 * that does not change any stamp (a Kahn network's stamps do not depend on the stepping order). When every
 * primitive waits on a full channel the engine raises the smallest limit (Parks' rule).
 */
public final class Channel {
    private final String name;
    private long[] tokens;
    private long[] stamps;
    private int mask;
    private int head;
    private int size;
    private int softLimit;
    private long pushed;
    private final boolean discarding;
    Primitive producer;
    Primitive consumer;

    public Channel(String name, int softLimit) {
        this(name, softLimit, false);
    }

    /** A channel whose tokens nobody reads (an unconsumed output): sends are counted and dropped. */
    public static Channel discarding(String name) {
        return new Channel(name, 16, true);
    }

    private Channel(String name, int softLimit, boolean discarding) {
        this.discarding = discarding;
        this.name = name;
        int capacity = Integer.highestOneBit(Math.max(16, softLimit) - 1) << 1;
        this.tokens = new long[capacity];
        this.stamps = new long[capacity];
        this.mask = capacity - 1;
        this.softLimit = softLimit;
    }

    public String name() {
        return name;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /** True when the producer should pause until the consumer catches up. */
    public boolean isFull() {
        return size >= softLimit;
    }

    public int softLimit() {
        return softLimit;
    }

    void raiseSoftLimit() {
        softLimit = softLimit >= (1 << 29) ? softLimit : softLimit * 2;
    }

    public long peekToken() {
        return tokens[head];
    }

    public long peekStamp() {
        return stamps[head];
    }

    /** The token {@code offset} places behind the head; requires {@code offset < size()}. */
    public long peekToken(int offset) {
        return tokens[(head + offset) & mask];
    }

    public long peekStamp(int offset) {
        return stamps[(head + offset) & mask];
    }

    public void pop() {
        head = (head + 1) & mask;
        size--;
    }

    public void push(long token, long stamp) {
        if (discarding) {
            pushed++;
            return;
        }
        if (size == tokens.length) {
            grow();
        }
        int tail = (head + size) & mask;
        tokens[tail] = token;
        stamps[tail] = stamp;
        size++;
        pushed++;
    }

    /** Tokens ever sent on this channel. */
    public long pushed() {
        return pushed;
    }

    public Primitive producer() {
        return producer;
    }

    public Primitive consumer() {
        return consumer;
    }

    private void grow() {
        int capacity = tokens.length * 2;
        long[] newTokens = new long[capacity];
        long[] newStamps = new long[capacity];
        int firstPart = Math.min(size, tokens.length - head);
        System.arraycopy(tokens, head, newTokens, 0, firstPart);
        System.arraycopy(stamps, head, newStamps, 0, firstPart);
        System.arraycopy(tokens, 0, newTokens, firstPart, size - firstPart);
        System.arraycopy(stamps, 0, newStamps, firstPart, size - firstPart);
        tokens = newTokens;
        stamps = newStamps;
        mask = capacity - 1;
        head = 0;
    }

    @Override
    public String toString() {
        return name;
    }
}
