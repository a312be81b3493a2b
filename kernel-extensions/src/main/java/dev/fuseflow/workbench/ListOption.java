package dev.fuseflow.workbench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Splits the comma lists of sweep options into items. Some items contain commas themselves
 * ({@code synthetic:rows=40,cols=40}, {@code bandwidth:bytes_per_cycle=32,latency=20}, {@code groups=0-1,2},
 * {@code g0:ikj,g1:ij}, {@code a.mlir,b.mlir}, {@code einsum:'Y(i,j) = ...'}), so a piece that cannot begin an item of its own continues the
 * item before it. Each option says which pieces continue.
 */
final class ListOption {
    private ListOption() {
    }

    /**
     * The items of several option values (an option may also be repeated); empty pieces are dropped.
     *
     * @param continues given the item so far and the next piece, whether the piece belongs to that item
     */
    static List<String> split(List<String> values, BiPredicate<String, String> continues) {
        List<String> items = new ArrayList<>();
        for (String value : values) {
            String current = null;
            for (String piece : value.split(",", -1)) {
                String word = piece.trim();
                if (word.isEmpty()) {
                    continue;
                }
                if (current != null && continues.test(current, word)) {
                    current = current + "," + word;
                } else {
                    if (current != null) {
                        items.add(current);
                    }
                    current = word;
                }
            }
            if (current != null) {
                items.add(current);
            }
        }
        return items;
    }

    /** Plain lists: every piece is an item. */
    static List<String> plain(List<String> values) {
        return split(values, (item, piece) -> false);
    }

    /** {@code name:key=value,key=value}: a bare {@code key=value} piece continues a spec that has parameters. */
    static List<String> specs(List<String> values) {
        return split(values, (item, piece) -> item.contains(":") && piece.matches("[^:=]+=.*"));
    }

    /** Fusions: a bare range ({@code 2} or {@code 3-5}) continues a {@code groups=} item. */
    static List<String> fusions(List<String> values) {
        return split(values, (item, piece) -> item.startsWith("groups=") && piece.matches("\\d+(-\\d+)?"));
    }

    /** Orders: {@code g1:...} and later groups continue a per-group item that began with {@code g0:}. */
    static List<String> orders(List<String> values) {
        return split(values, (item, piece) -> item.matches("g0:.*") && piece.matches("g[1-9]\\d*:.*"));
    }

    /**
     * Models: consecutive {@code .mlir} files are one chained model; zoo models are items of their own; an
     * {@code einsum:} program takes the rest of its value (its text has commas), so it comes last or alone.
     */
    static List<String> models(List<String> values) {
        return split(values, (item, piece) -> item.startsWith("einsum:")
                || item.endsWith(".mlir") && piece.endsWith(".mlir"));
    }
}
