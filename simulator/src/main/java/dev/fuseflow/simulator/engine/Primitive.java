package dev.fuseflow.simulator.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A SAM primitive as a resumable state machine with its own local clock, as a DAM context is a coroutine
 * (comal-timing-model.md §2). {@link #run(int)} advances it until an input it needs is empty, an output
 * is full, the step budget is spent or it finishes; its state survives between calls, so one scheduler
 * thread steps every primitive and no token is ever an object.
 *
 * <p>Clock rules shared by all primitives: a take or a blocking peek sets {@code t = max(t, stamp)};
 * {@link #emit} stamps {@code t + 1}; {@link #emitAt} stamps {@code max(at, t + 1)}. Subclasses check that
 * every token a step needs is present before they take any, so a step is never half done.
 */
public abstract class Primitive {
    private final String name;
    private final List<Channel> inputs = new ArrayList<>();
    private final List<Channel> outputs = new ArrayList<>();
    /**
     * The outputs again as an array: {@link #outputsFull} runs once per token step, and an array read
     * avoids the list's extra indirection and checks there.
     */
    private Channel[] outputPorts = new Channel[0];

    /** The local clock. */
    protected long t;
    private boolean finished;

    // Statistics (names as in ARCHITECTURE.md §3.3), plain fields so counting costs one add.
    protected long ops;
    protected long reduces;
    protected long crdReads;
    protected long segReads;
    protected long valReads;
    protected long crdWrites;
    protected long segWrites;
    protected long valWrites;
    /** Coordinates a dense scanner generated (no memory traffic; Comal v1 prints them as reads). */
    protected long uncompressedCrdReads;
    // Tokens taken and emitted are not counted here: every take pops one of this primitive's inputs and
    // every emit pushes onto one of its outputs, so stats() reads them off the channels, which count anyway.
    private long firstActive = -1;

    // Conservative time synchronisation (see Simulation): kept here so the scheduler reads them cheaply.
    /** The best (lowest) rank of this primitive's memory ports; MAX_VALUE for primitives without memory. */
    int memoryRank = Integer.MAX_VALUE;
    /** The last turn ended with a memory request refused until others catch up. */
    boolean waitingForMemory;
    /** The primitive whose clock held back the last refused request (for the watchdog's report). */
    Primitive blocker;
    /** The last turn ended waiting for input, and {@link #inputSignature} was this value then. */
    boolean waitingForInput;
    long waitingSignature;

    protected Primitive(String name) {
        this.name = name;
    }

    /** Advances by at most {@code budget} steps; returns the number of steps made (0 when blocked). */
    public abstract int run(int budget);

    /** The short kind name shown in statistics ("FiberLookup", "Spacc1", ...). */
    public abstract String kind();

    public final String name() {
        return name;
    }

    public final boolean finished() {
        return finished;
    }

    /** The local clock; after {@link #finished()} this is the primitive's final cycle count. */
    public final long clock() {
        return t;
    }

    public final List<Channel> inputs() {
        return inputs;
    }

    public final List<Channel> outputs() {
        return outputs;
    }

    protected final Channel input(Channel channel) {
        channel.consumer = this;
        inputs.add(channel);
        return channel;
    }

    protected final Channel output(Channel channel) {
        channel.producer = this;
        outputs.add(channel);
        outputPorts = outputs.toArray(new Channel[0]);
        return channel;
    }

    /** Registers a memory port of this primitive; null (no memory model) passes through. */
    protected final MemoryPort memoryPort(MemoryPort port) {
        if (port != null) {
            memoryRank = Math.min(memoryRank, port.rank);
        }
        return port;
    }

    /**
     * Sends a bundle of {@code count} entries on {@code port} at the current clock and blocks for every ack
     * (comal-timing-model.md §4.3: the clock becomes the last ack's stamp). Returns false, changing nothing,
     * when a request with an earlier stamp might still come from another primitive: the caller keeps the
     * request pending and yields, and makes the same call on its next turn.
     */
    protected final boolean access(MemoryPort port, int count) {
        if (!port.mayIssue(this, t)) {
            waitingForMemory = true;
            return false;
        }
        waitingForMemory = false;
        long ack = port.model.serve(port.rank, port.writer, count, t);
        if (ack > t) {
            t = ack;
        }
        return true;
    }

    /**
     * True when this primitive's next action could be a memory request rather than an emission (memory
     * clients override it). The synchroniser may assume a primitive blocked on a full FIFO acts only after
     * the consumer frees a slot, unless this says it could send a request first.
     */
    protected boolean mayRequestBeforeEmitting() {
        return false;
    }

    /** The sum of tokens ever pushed on the inputs: changes whenever any input receives a token. */
    final long inputSignature() {
        long sum = 0;
        for (int i = 0, n = inputs.size(); i < n; i++) {
            sum += inputs.get(i).pushed();
        }
        return sum;
    }

    protected final void finish() {
        finished = true;
    }

    protected final long take(Channel channel) {
        long stamp = channel.peekStamp();
        if (stamp > t) {
            t = stamp;
        }
        if (firstActive < 0) {
            firstActive = t;
        }
        long token = channel.peekToken();
        channel.pop();
        return token;
    }

    /**
     * A taken token that is not passed on: on a true-block value stream its tile is given back. Primitives
     * call it wherever they consume a payload without emitting it (a joiner skipping a coordinate).
     */
    protected final void dropped(Channel from, long token) {
        TilePool pool = from.tiles();
        if (pool != null && Token.isVal(token)) {
            pool.release(Token.payload(token));
        }
    }

    /**
     * A token about to be emitted once more than it was taken (a broadcast, a repeat): on a true-block value
     * stream its tile gains the extra reference.
     */
    protected final void duplicated(Channel from, long token) {
        TilePool pool = from.tiles();
        if (pool != null && Token.isVal(token)) {
            pool.retain(Token.payload(token));
        }
    }

    /** A blocking peek: the clock advances to the head's stamp, the token stays. */
    protected final long peek(Channel channel) {
        long stamp = channel.peekStamp();
        if (stamp > t) {
            t = stamp;
        }
        return channel.peekToken();
    }

    /** A blocking peek {@code offset} tokens behind the head. */
    protected final long peek(Channel channel, int offset) {
        long stamp = channel.peekStamp(offset);
        if (stamp > t) {
            t = stamp;
        }
        return channel.peekToken(offset);
    }

    protected final void emit(Channel channel, long token) {
        if (channel.bounded()) {
            admit(channel);
        }
        channel.push(token, t + 1);
    }

    protected final void emitAt(Channel channel, long token, long at) {
        if (channel.bounded()) {
            admit(channel);
        }
        channel.push(token, Math.max(at, t + 1));
    }

    /** DAM's blocked send: a full FIFO's producer waits for the response that frees a slot. */
    private void admit(Channel channel) {
        long response = channel.admission();
        if (response > t) {
            t = response;
        }
    }

    /** True when any output has reached its soft limit; the step should wait. */
    protected final boolean outputsFull() {
        for (Channel output : outputPorts) {
            if (output.isFull()) {
                return true;
            }
        }
        return false;
    }

    /** A stream that violates the SAM grammar: names this primitive, the port and the token's index. */
    protected final SimulationException grammarError(Channel port, long token, String expected) {
        long index = port.pushed() - port.size();
        return new SimulationException(kind() + " '" + name + "' got " + Token.format(token, false) + " at token "
                + index + " of port '" + port.name() + "' where " + expected + " was due");
    }

    /** The statistics of this primitive. */
    public final PrimitiveStats stats() {
        long tokensIn = 0;
        for (Channel in : inputs) {
            tokensIn += in.pushed() - in.size(); // every pop is a take
        }
        long tokensOut = 0;
        for (Channel out : outputs) {
            tokensOut += out.pushed(); // every push is an emit
        }
        return new PrimitiveStats(name, kind(), tokensIn, tokensOut, ops, reduces, crdReads, segReads, valReads,
                crdWrites, segWrites, valWrites, uncompressedCrdReads, Math.max(firstActive, 0), t);
    }

    /** A short explanation of what this primitive waits for, for the watchdog's report. */
    public String waitingOn() {
        if (waitingForMemory) {
            return "waits for its memory request at cycle " + t + " to be served in timestamp order"
                    + (blocker == null ? "" : " (" + blocker + " at cycle " + blocker.clock() + " may still send an earlier one)");
        }
        for (Channel in : inputs) {
            if (in.isEmpty()) {
                return "waits for input '" + in.name() + "'";
            }
        }
        for (Channel out : outputs) {
            if (out.isFull()) {
                return "waits for room on output '" + out.name() + "'";
            }
        }
        return "is runnable";
    }

    @Override
    public String toString() {
        return kind() + " " + name;
    }
}
