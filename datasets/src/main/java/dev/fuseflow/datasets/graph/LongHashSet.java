package dev.fuseflow.datasets.graph;

/**
 * A set of non-negative longs in one open-addressing array (no boxing), for the edge keys of graphs with
 * millions of edges. {@code -1} marks an empty slot.
 */
final class LongHashSet {
    private long[] slots;
    private int size;

    LongHashSet(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, (int) Math.min(1 << 30, expected * 2L)) - 1) << 1;
        slots = new long[capacity];
        java.util.Arrays.fill(slots, -1L);
    }

    /** Adds {@code key} (≥ 0); returns false when it was already present. */
    boolean add(long key) {
        if (size * 2L >= slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int i = mix(key) & mask;
        while (slots[i] != -1L) {
            if (slots[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = key;
        size++;
        return true;
    }

    int size() {
        return size;
    }

    /** The keys, unordered. */
    long[] toArray() {
        long[] keys = new long[size];
        int k = 0;
        for (long slot : slots) {
            if (slot != -1L) {
                keys[k++] = slot;
            }
        }
        return keys;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        java.util.Arrays.fill(slots, -1L);
        size = 0;
        for (long key : old) {
            if (key != -1L) {
                add(key);
            }
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
