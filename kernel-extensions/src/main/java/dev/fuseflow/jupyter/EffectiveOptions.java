package dev.fuseflow.jupyter;

import dev.fuseflow.workbench.Workbench;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The value of every option of a command line as the command sees it, defaults included, read from the same
 * picocli model the command parses with. A report records these, so {@code --timing} shows as {@code comal}
 * even where the notebook did not write it.
 */
final class EffectiveOptions {

    private EffectiveOptions() {
    }

    /**
     * Options by long name ({@code --fusion} → {@code unfused}); flags only when set; empty when the words do
     * not form a valid command line (the run failed before it started, and its words say enough).
     */
    static Map<String, String> of(Workbench workbench, List<String> words) {
        Map<String, String> values = new LinkedHashMap<>();
        CommandSpec spec = workbench.parsed(words).orElse(null);
        if (spec == null) {
            return values;
        }
        for (OptionSpec option : spec.options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            Object value = option.getValue();
            if (value == null || value instanceof Boolean flag && !flag
                    || value instanceof Collection<?> list && list.isEmpty()) {
                continue;
            }
            values.put(option.longestName(), value instanceof Collection<?> list
                    ? list.stream().map(String::valueOf).collect(Collectors.joining(" ")) : String.valueOf(value));
        }
        return values;
    }
}
