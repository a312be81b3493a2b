package dev.fuseflow.simulator.engine;

/**
 * A FIFO of timestamped tokens between one producer and one consumer: one {@code long} ring buffer of
 * (token, stamp) pairs that grows by doubling, so nothing is allocated per token. Each pair sits in two
 * adjacent entries, so a push or take touches one cache line and one array instead of two.
 *
 * <p>Timing follows DAM's channel rules (comal-timing-model.md §2.2): a send is stamped
 * {@code max(requested, senderClock + 1)} by {@link Primitive#emitAt}; the receiver's clock moves to the
 * stamp when it peeks or takes. FIFO order is kept whatever the stamps.
 *
 * <p>{@link #softLimit()} bounds how far a producer runs ahead of its consumer; it is a scheduling aid
 * that does not change any stamp (a Kahn network's stamps do not depend on the stepping order). When every
 * primitive waits on a full channel the engine raises the smallest limit (Parks' rule).
 *
 * <p>Under the {@code bounded} profile ({@link #bound}) the limit is a real FIFO depth with DAM's
 * back-pressure (§2.2): popping element {@code j} sends a response stamped with the consumer's clock + 1,
 * and pushing element {@code k >= depth} first sets the producer's clock to at least the response of
 * element {@code k - depth}. A primitive only starts a step when its outputs have room, so that response
 * is always known when it is needed.
 */
public final class Channel {
    private final String name;
    /** Token of element e at {@code ring[2e mod length]}, its stamp right after it. */
    private long[] ring;
    /** {@code ring.length - 1}: wraps an index into the ring (a pair starts at an even index). */
    private int mask;
    /** The index of the head pair's token. */
    private int head;
    private int size;
    private int softLimit;
    private long pushed;
    private final boolean discarding;
    /** Bounded only: response stamps of the last {@code depth} popped elements, by index mod depth. */
    private long[] responses;
    Primitive producer;
    Primitive consumer;
    /** True-block value streams: the pool whose slots this channel's value tokens name (else null). */
    private TilePool tiles;

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
        this.ring = new long[2 * capacity];
        this.mask = 2 * capacity - 1;
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

    /** True when {@code n} more tokens fit: under back-pressure exactly, otherwise by the soft limit. */
    public boolean hasRoom(int n) {
        return responses != null ? size + n <= softLimit : size < softLimit;
    }

    /** Makes this a FIFO of the given depth with back-pressure (the {@code bounded} profile). */
    public void bound(int depth) {
        if (discarding) {
            return;
        }
        softLimit = depth;
        responses = new long[depth];
    }

    /** True under the {@code bounded} profile. */
    public boolean bounded() {
        return responses != null;
    }

    /**
     * The earliest clock at which the next push may happen: the response to the element {@code depth}
     * places earlier (0 while fewer than {@code depth} were sent). A push onto a full FIFO is an engine
     * error: the producer started a step without checking for room.
     */
    long admission() {
        if (pushed < softLimit) {
            return 0;
        }
        if (size >= softLimit) {
            throw new SimulationException((producer == null ? "a primitive" : producer.toString())
                    + " emitted more tokens in one step than the FIFO '" + name + "' of depth " + softLimit
                    + " holds; use a larger --fifo");
        }
        return responses[(int) (pushed % softLimit)];
    }

    void raiseSoftLimit() {
        if (responses != null) {
            return;
        }
        softLimit = softLimit >= (1 << 29) ? softLimit : softLimit * 2;
    }

    public long peekToken() {
        return ring[head];
    }

    public long peekStamp() {
        return ring[head + 1];
    }

    /** The token {@code offset} places behind the head; requires {@code offset < size()}. */
    public long peekToken(int offset) {
        return ring[(head + 2 * offset) & mask];
    }

    public long peekStamp(int offset) {
        return ring[((head + 2 * offset) & mask) + 1];
    }

    public void pop() {
        if (responses != null) {
            // DAM's response: max(element stamp, receiver clock) + 1; take() already moved the clock.
            responses[(int) ((pushed - size) % softLimit)] = consumer.t + 1;
        }
        head = (head + 2) & mask;
        size--;
    }

    public void push(long token, long stamp) {
        if (discarding) {
            if (tiles != null && Token.isVal(token)) {
                tiles.release(Token.payload(token)); // nobody will read the tile
            }
            pushed++;
            return;
        }
        if (2 * size == ring.length) {
            grow();
        }
        int tail = (head + 2 * size) & mask;
        ring[tail] = token;
        ring[tail + 1] = stamp;
        size++;
        pushed++;
    }

    /**
     * Marks this channel as carrying true-block values: its value tokens name tiles of {@code pool}, so a
     * token dropped or discarded here gives its tile back.
     */
    public void carryTiles(TilePool pool) {
        this.tiles = pool;
    }

    /** The pool of the tiles this channel's value tokens name, or null when they are not tiles. */
    public TilePool tiles() {
        return tiles;
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
        long[] newRing = new long[ring.length * 2];
        int used = 2 * size; // the buffer is full: every entry holds half of a pair
        int firstPart = Math.min(used, ring.length - head);
        System.arraycopy(ring, head, newRing, 0, firstPart);
        System.arraycopy(ring, 0, newRing, firstPart, used - firstPart);
        ring = newRing;
        mask = newRing.length - 1;
        head = 0;
    }

    @Override
    public String toString() {
        return name;
    }
}
