package dev.fuseflow.jupyter;

import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.workbench.OptionValues;
import dev.fuseflow.workbench.Workbench;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Tab completion and shift-tab inspection on a {@code %fuseflow} / {@code %%fuseflow} line, read from the
 * workbench's own picocli model, so new commands and options complete without changes here.
 *
 * <ul>
 *   <li>completion: the magic names, then a command (or {@code help}), then the command's options, and after
 *       an option that takes a value, the words that value can start with ({@link OptionValues}: zoo models,
 *       dataset names, fusion presets, profiles); {@code --option=} completes the same values;</li>
 *   <li>inspection: on an option (or its value), that option's description and default; on the command, its
 *       usage; elsewhere, every command's usage.</li>
 * </ul>
 */
final class MagicAssist {

    /** A completion: the candidates and the span of the line (cell offsets) they replace. */
    record Completion(List<String> matches, int start, int end) {
    }

    /** The line split around the cursor: the words before the word under it, and that word's prefix. */
    private record Split(List<String> before, String prefix, int prefixStart) {
    }

    private final Workbench workbench;

    MagicAssist(Workbench workbench) {
        this.workbench = workbench;
    }

    /**
     * Completions for the magic line {@code line} with the cursor at {@code cursor} (an offset in the line);
     * {@code lineStart} is the line's offset in the cell. Empty when nothing fits.
     */
    Optional<Completion> complete(String line, int cursor, int lineStart) {
        Split split = split(line, cursor);
        if (split == null) {
            return Optional.empty();
        }
        List<String> words = split.before();
        String prefix = split.prefix();
        int replaceFrom = split.prefixStart();
        List<String> candidates = new ArrayList<>();
        if (words.isEmpty()) {
            candidates.addAll(List.of("%" + FuseFlowKernel.MAGIC, "%%" + FuseFlowKernel.MAGIC));
        } else if (words.size() == 1) {
            candidates.addAll(Workbench.COMMANDS);
            candidates.add("help");
        } else if (words.size() == 2 && words.get(1).equals("help")) {
            candidates.addAll(Workbench.COMMANDS);
        } else {
            String command = words.get(1);
            CommandSpec spec = workbench.commandSpec(command).orElse(null);
            if (spec == null) {
                return Optional.empty();
            }
            int eq = prefix.indexOf('=');
            OptionSpec previous = words.size() > 2 ? spec.findOption(words.get(words.size() - 1)) : null;
            OptionSpec valueOf = null;
            if (prefix.startsWith("--") && eq > 0) {
                valueOf = spec.findOption(prefix.substring(0, eq));
                if (valueOf == null) {
                    return Optional.empty();
                }
                replaceFrom += eq + 1;
                prefix = prefix.substring(eq + 1);
            } else if (previous != null && takesValue(previous) && !prefix.startsWith("-")) {
                valueOf = previous;
            }
            if (valueOf != null) {
                candidates.addAll(values(valueOf));
                int comma = prefix.lastIndexOf(',');
                if (comma >= 0 && valueOf.paramLabel().contains("[,")) {
                    // a list option (a sweep's F[,F2]): complete the element after the last comma
                    replaceFrom += comma + 1;
                    prefix = prefix.substring(comma + 1);
                }
            } else if (prefix.startsWith("-") || spec.positionalParameters().isEmpty()) {
                spec.options().forEach(option -> candidates.add(option.longestName()));
            } else {
                candidates.addAll(OptionValues.positional(command));
                if (prefix.isEmpty()) {
                    spec.options().forEach(option -> candidates.add(option.longestName()));
                }
            }
        }
        String typed = prefix;
        List<String> matches = candidates.stream().filter(c -> c.startsWith(typed)).distinct().toList();
        return matches.isEmpty() ? Optional.empty()
                : Optional.of(new Completion(matches, lineStart + replaceFrom, lineStart + cursor));
    }

    /** What shift-tab shows for the magic line {@code line} with the cursor at {@code cursor}. */
    String inspect(String line, int cursor) {
        List<String> words = words(line);
        String command = words.size() > 1 ? words.get(1) : "";
        if (command.equals("help") && words.size() > 2) {
            command = words.get(2);
        }
        CommandSpec spec = workbench.commandSpec(command).orElse(null);
        if (spec == null) {
            return workbench.usage();
        }
        Split split = split(line, cursor);
        if (split != null) {
            String word = wordAt(line, cursor);
            OptionSpec option = spec.findOption(word.contains("=") ? word.substring(0, word.indexOf('=')) : word);
            if (option == null && !split.before().isEmpty()) {
                OptionSpec previous = spec.findOption(split.before().get(split.before().size() - 1));
                option = previous != null && takesValue(previous) ? previous : null;
            }
            if (option != null) {
                return describe(command, option);
            }
        }
        return workbench.usage(command);
    }

    /** One option: its names and value label, its description, its default and the values it completes to. */
    static String describe(String command, OptionSpec option) {
        StringBuilder text = new StringBuilder();
        text.append(String.join(", ", option.names()));
        if (takesValue(option)) {
            text.append(' ').append(option.paramLabel());
        }
        text.append("   (").append(command).append(")\n");
        for (String line : option.description()) {
            text.append("    ").append(line.replace("${DEFAULT-VALUE}", String.valueOf(option.defaultValue())))
                    .append('\n');
        }
        if (option.defaultValue() != null && !String.join(" ", option.description()).contains("${DEFAULT-VALUE}")) {
            text.append("    default: ").append(option.defaultValue()).append('\n');
        }
        List<String> values = OptionValues.of(option.longestName());
        if (!values.isEmpty()) {
            text.append("    values: ").append(String.join(", ", values)).append('\n');
        }
        return text.toString();
    }

    private static List<String> values(OptionSpec option) {
        List<String> values = new ArrayList<>(OptionValues.of(option.longestName()));
        if (values.isEmpty() && option.completionCandidates() != null) {
            option.completionCandidates().forEach(values::add);
        }
        return values;
    }

    private static boolean takesValue(OptionSpec option) {
        return option.arity().max() > 0 && option.type() != boolean.class && option.type() != Boolean.class;
    }

    /** Null when the words before the cursor cannot be split (an open quote). */
    private static Split split(String line, int cursor) {
        String before = line.substring(0, Math.min(cursor, line.length()));
        int wordStart = before.length();
        while (wordStart > 0 && !Character.isWhitespace(before.charAt(wordStart - 1))) {
            wordStart--;
        }
        String head = before.substring(0, wordStart);
        String prefix = before.substring(wordStart);
        if (head.isBlank()) {
            return new Split(List.of(), prefix, wordStart);
        }
        List<String> words;
        try {
            words = MagicSyntax.tokenize(head.strip().replaceFirst("^%+", ""));
        } catch (UserError e) {
            return null;
        }
        return new Split(words, prefix, wordStart);
    }

    private static List<String> words(String line) {
        try {
            return MagicSyntax.tokenize(line.strip().replaceFirst("^%+", ""));
        } catch (UserError e) {
            return List.of(line.strip().replaceFirst("^%+", "").split("\\s+"));
        }
    }

    /** The whitespace-delimited word around {@code cursor}. */
    private static String wordAt(String line, int cursor) {
        int at = Math.min(cursor, line.length());
        int start = at;
        while (start > 0 && !Character.isWhitespace(line.charAt(start - 1))) {
            start--;
        }
        int end = at;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
            end++;
        }
        return line.substring(start, end);
    }
}
