package dev.fuseflow.simulator.interop;

/**
 * The compiler's tensor view names: the tensor, a dash and the mode stored at each level, e.g.
 * {@code t11-0,1} or {@code t2-1,0} (fuseflow-compiler.md §1.4). These are also the data-file prefixes.
 */
final class ViewName {
    private ViewName() {
    }

    /** The mode order a view name spells, or {@code null} when the name is not of that form. */
    static int[] modeOrder(String view) {
        int dash = view.lastIndexOf('-');
        if (dash < 0 || !view.substring(dash + 1).matches("\\d+(,\\d+)*")) {
            return null;
        }
        String[] parts = view.substring(dash + 1).split(",");
        int[] order = new int[parts.length];
        boolean[] seen = new boolean[parts.length];
        for (int k = 0; k < parts.length; k++) {
            order[k] = Integer.parseInt(parts[k]);
            if (order[k] >= parts.length || seen[order[k]]) {
                return null;
            }
            seen[order[k]] = true;
        }
        return order;
    }
}
