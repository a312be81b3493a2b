package dev.fuseflow.workbench;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --order} for a program cut from a larger one: one word (or {@code auto}) applies to every group as
 * before, while per-group words {@code gK:order} move with their group, so group gK of the schedule becomes
 * group gI of the cut program when it is the I-th group kept.
 */
final class GroupOrders {
    private GroupOrders() {
    }

    /**
     * The order words for the program made of the schedule's groups {@code kept} (in that order); words for
     * groups not kept are dropped, and none left means {@code auto}.
     */
    static String restricted(String orderSpec, List<Integer> kept) {
        if (orderSpec == null || !orderSpec.contains(":")) {
            return orderSpec;
        }
        List<String> moved = new ArrayList<>();
        for (String part : orderSpec.split(",")) {
            int colon = part.indexOf(':');
            String group = part.substring(0, colon).trim();
            int index = group.matches("g\\d+") ? kept.indexOf(Integer.parseInt(group.substring(1))) : -1;
            if (index >= 0) {
                moved.add("g" + index + ":" + part.substring(colon + 1).trim());
            }
        }
        return moved.isEmpty() ? "auto" : String.join(",", moved);
    }
}
