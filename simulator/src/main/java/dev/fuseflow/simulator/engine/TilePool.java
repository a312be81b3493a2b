package dev.fuseflow.simulator.engine;

import dev.fuseflow.simulator.graph.BinaryOp;
import dev.fuseflow.simulator.graph.UnaryOp;
import java.util.Arrays;

/**
 * The b×b float tiles of true-block mode, kept in one growable {@code float[]} and named by slot number, so
 * a value token carries its tile's slot as its payload and no tile is ever an object (comal-timing-model.md
 * §13.2). Tiles are row-major.
 *
 * <p>Ownership: a slot is reference-counted. Whoever takes a value token owns one reference: it passes it on
 * by emitting the token, or gives it back with {@link #release}. A primitive that emits one token several
 * times (broadcast, repeat) {@link #retain}s it first. Slots below {@link #pinnedSlots()} hold the input
 * tensors' tiles and the zero tile ({@link #ZERO}); they are never freed or written. Freed slots are reused
 * before the arrays grow (by doubling), so the steady state allocates nothing.
 */
public final class TilePool {
    /** The pinned all-zero tile (an absent operand, {@code N} loaded by an array). */
    public static final int ZERO = 0;

    private final int blockSize;
    private final int tileSize;
    private float[] data;
    private int[] references;
    private int slots;
    private int pinned;
    private int[] free = new int[64];
    private int freeCount;

    public TilePool(int blockSize) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("the block size must be positive, not " + blockSize);
        }
        this.blockSize = blockSize;
        this.tileSize = blockSize * blockSize;
        this.data = new float[tileSize * 64];
        this.references = new int[64];
        this.slots = 1; // ZERO
        this.pinned = 1;
    }

    public int blockSize() {
        return blockSize;
    }

    public int tileSize() {
        return tileSize;
    }

    /** The backing array; tile {@code s} occupies {@code [s * tileSize, (s + 1) * tileSize)}. */
    public float[] data() {
        return data;
    }

    /** Slots that are never freed: the zero tile and every pinned input tile. */
    public int pinnedSlots() {
        return pinned;
    }

    /** Slots currently owned by some token or primitive (a finished run that leaks none has 0). */
    public int liveSlots() {
        return slots - pinned - freeCount;
    }

    /**
     * Copies {@code count} tiles (row-major, back to back) into pinned slots and returns the first slot. Only
     * before any tile has been {@link #allocate allocated}.
     */
    public int pin(float[] tiles, int count) {
        if (slots != pinned) {
            throw new IllegalStateException("input tiles must be pinned before the run allocates tiles");
        }
        int first = slots;
        ensureSlots(slots + count);
        System.arraycopy(tiles, 0, data, first * tileSize, count * tileSize);
        slots += count;
        pinned = slots;
        return first;
    }

    /**
     * The value token an accumulator adds for {@code token}: the token itself when it is a value, else
     * ({@code N}, a coordinate every operand lacks below a union) a zero of the mode, scalar 0 or the
     * {@link #ZERO} tile.
     */
    public static long zeroIfEmpty(long token, TilePool tiles) {
        if (Token.isVal(token)) {
            return token;
        }
        return tiles == null ? Token.value(0f) : Token.val(ZERO);
    }

    /** A fresh slot with one reference; its contents are undefined. */
    public int allocate() {
        int slot;
        if (freeCount > 0) {
            slot = free[--freeCount];
        } else {
            ensureSlots(slots + 1);
            slot = slots++;
        }
        references[slot] = 1;
        return slot;
    }

    public void retain(int slot) {
        if (slot >= pinned) {
            references[slot]++;
        }
    }

    public void release(int slot) {
        if (slot >= pinned && --references[slot] == 0) {
            if (freeCount == free.length) {
                free = Arrays.copyOf(free, freeCount * 2);
            }
            free[freeCount++] = slot;
        }
    }

    /**
     * A slot the caller may write, holding the tile of {@code slot}: the slot itself when the caller holds
     * its only reference, else a copy (the caller's reference to the original is given back).
     */
    public int own(int slot) {
        if (slot >= pinned && references[slot] == 1) {
            return slot;
        }
        int copy = allocate();
        System.arraycopy(data, slot * tileSize, data, copy * tileSize, tileSize);
        release(slot);
        return copy;
    }

    /**
     * One step of a reduction over tiles: the first tile of a fiber becomes the (writable) accumulator, later ones
     * are added (or maxed) into it and given back. Returns the accumulator's slot.
     */
    public int fold(int accumulator, boolean first, int tile, boolean max) {
        if (first) {
            return own(tile);
        }
        if (max) {
            maxInto(accumulator, tile);
        } else {
            addInto(accumulator, tile);
        }
        release(tile);
        return accumulator;
    }

    /** {@code into += from}, element by element. */
    public void addInto(int into, int from) {
        int a = into * tileSize;
        int b = from * tileSize;
        for (int e = 0; e < tileSize; e++) {
            data[a + e] += data[b + e];
        }
    }

    /** {@code into = max(into, from)}, element by element. */
    public void maxInto(int into, int from) {
        int a = into * tileSize;
        int b = from * tileSize;
        for (int e = 0; e < tileSize; e++) {
            data[a + e] = Math.max(data[a + e], data[b + e]);
        }
    }

    /**
     * A new slot holding {@code op(a, b)}: the tile product for {@link BinaryOp#MUL}, else the operation
     * element by element (ELEMMUL is the element-wise product). The operands' references are kept.
     */
    public int binary(BinaryOp op, int a, int b) {
        int out = allocate();
        int o = out * tileSize;
        int x = a * tileSize;
        int y = b * tileSize;
        if (op == BinaryOp.MUL) {
            int n = blockSize;
            Arrays.fill(data, o, o + tileSize, 0f);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    float left = data[x + i * n + k];
                    int row = y + k * n;
                    int target = o + i * n;
                    for (int j = 0; j < n; j++) {
                        data[target + j] += left * data[row + j];
                    }
                }
            }
        } else {
            for (int e = 0; e < tileSize; e++) {
                data[o + e] = op.apply(data[x + e], data[y + e]);
            }
        }
        return out;
    }

    /** Applies {@code op} to every element of a slot the caller {@link #own owns}. */
    public void unaryInPlace(UnaryOp op, float scalar, int slot) {
        int a = slot * tileSize;
        for (int e = 0; e < tileSize; e++) {
            data[a + e] = op.apply(data[a + e], scalar);
        }
    }

    /** Copies a tile out, row-major. */
    public void copyOut(int slot, float[] target, int offset) {
        System.arraycopy(data, slot * tileSize, target, offset, tileSize);
    }

    private void ensureSlots(int needed) {
        if (needed > references.length) {
            int capacity = Math.max(needed, references.length * 2);
            references = Arrays.copyOf(references, capacity);
            data = Arrays.copyOf(data, Math.multiplyExact(capacity, tileSize));
        }
    }
}
