package dev.fuseflow.compiler.frontend.einsum;

import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The format names a declaration may use instead of listing levels ({@code A: csr [8, 8]}): the usual
 * matrix formats, and {@code dense}/{@code compressed} for every level of a tensor of any rank.
 */
enum NamedFormat {
    CSR("csr", true, false),
    CSC("csc", true, true),
    DCSR("dcsr", false, false),
    DCSC("dcsc", false, true),
    DENSE("dense", true, false),
    COMPRESSED("compressed", false, false);

    static final List<String> NAMES = Arrays.stream(values()).map(NamedFormat::word).toList();

    private final String word;
    /** Whether the outer level is dense (csr, csc) rather than compressed (dcsr, dcsc). */
    private final boolean denseOuter;
    private final boolean columnMajor;

    NamedFormat(String word, boolean denseOuter, boolean columnMajor) {
        this.word = word;
        this.denseOuter = denseOuter;
        this.columnMajor = columnMajor;
    }

    static Optional<NamedFormat> of(String word) {
        return Arrays.stream(values()).filter(f -> f.word.equals(word)).findFirst();
    }

    String word() {
        return word;
    }

    /** The matrix formats need rank 2; dense and compressed fit any rank. */
    boolean accepts(int rank) {
        return this == DENSE || this == COMPRESSED || rank == 2;
    }

    List<LevelFormat> formats(int rank) {
        return switch (this) {
            case DENSE -> Collections.nCopies(rank, LevelFormat.DENSE);
            case COMPRESSED -> Collections.nCopies(rank, LevelFormat.COMPRESSED);
            default -> List.of(denseOuter ? LevelFormat.DENSE : LevelFormat.COMPRESSED, LevelFormat.COMPRESSED);
        };
    }

    /** The mode order the name implies, or null for the natural order. */
    List<Integer> modeOrder(int rank) {
        return columnMajor ? List.of(1, 0) : null;
    }
}
