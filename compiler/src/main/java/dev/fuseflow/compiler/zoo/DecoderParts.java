package dev.fuseflow.compiler.zoo;

import java.util.List;

/**
 * Where the parts of a decoder lie in a program that describes one decoder plus the start of the next:
 * half-open ranges of assignment indices for the decoder's first part (LayerNorm + QKV projection), its
 * attention, its tail (out-projection … FFN + residual) and the next decoder's first part. The ranges are
 * contiguous and in this order, so every assignment belongs to exactly one part.
 */
public record DecoderParts(Range first, Range attention, Range tail, Range next) {

    /** Assignments {@code from} (inclusive) to {@code to} (exclusive). */
    public record Range(int from, int to) {
        public Range {
            if (from < 0 || to <= from) {
                throw new IllegalArgumentException("a decoder part needs 0 <= from < to, not " + from + ".." + to);
            }
        }

        public boolean contains(int assignment) {
            return assignment >= from && assignment < to;
        }

        public boolean containsAll(List<Integer> assignments) {
            return assignments.stream().allMatch(this::contains);
        }

        /** The assignment indices, in order. */
        public List<Integer> members() {
            return java.util.stream.IntStream.range(from, to).boxed().toList();
        }
    }

    public DecoderParts {
        if (attention.from() != first.to() || tail.from() != attention.to() || next.from() != tail.to()) {
            throw new IllegalArgumentException("decoder parts must be contiguous: " + first + attention + tail + next);
        }
    }

    /** The number of assignments the program has. */
    public int assignments() {
        return next.to();
    }
}
