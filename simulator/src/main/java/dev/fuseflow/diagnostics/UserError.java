package dev.fuseflow.diagnostics;

import java.util.List;
import java.util.Optional;

/**
 * A mistake in what a user supplied (an option, a model source, a dataset, a schedule), as opposed to an
 * internal failure. It carries one clear sentence naming what was wrong, the source location when the
 * mistake is in a file, and the alternatives that would have been accepted. The shell maps it to exit
 * code 2 and the kernel to an error cell; both print {@link #getMessage()} and nothing else.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String location;
    private final List<String> accepted;

    private UserError(String location, String sentence, List<String> accepted) {
        super(render(location, sentence, accepted));
        this.location = location;
        this.accepted = List.copyOf(accepted);
    }

    /** A mistake with no source location, e.g. {@code unknown model 'zoo:foo'}. */
    public static UserError of(String sentence) {
        return new UserError(null, sentence, List.of());
    }

    /** A mistake naming what would have been accepted instead. */
    public static UserError of(String sentence, List<String> accepted) {
        return new UserError(null, sentence, accepted);
    }

    /**
     * An unknown name: {@code unknown KIND 'given'}, followed by {@code did you mean 'x'?} when one accepted name
     * is the same up to case, hyphens and underscores or within two edits (so {@code cora-ml} points to
     * {@code cora_ml}), and the accepted names.
     */
    public static UserError unknown(String kind, String given, List<String> accepted) {
        String closest = null;
        int best = 3;
        for (String name : accepted) {
            int distance = normalised(name).equals(normalised(given)) ? 0 : editDistance(name, given);
            if (distance < best) {
                best = distance;
                closest = name;
            }
        }
        return new UserError(null, "unknown " + kind + " '" + given + "'"
                + (closest == null ? "" : "; did you mean '" + closest + "'?"), accepted);
    }

    private static String normalised(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** A mistake at {@code file:line:col} in a source the user wrote. */
    public static UserError at(String file, int line, int column, String sentence) {
        return new UserError(file + ":" + line + ":" + column, sentence, List.of());
    }

    public Optional<String> location() {
        return Optional.ofNullable(location);
    }

    public List<String> accepted() {
        return accepted;
    }

    private static String render(String location, String sentence, List<String> accepted) {
        StringBuilder text = new StringBuilder();
        if (location != null) {
            text.append(location).append(": ");
        }
        text.append(sentence);
        if (!accepted.isEmpty()) {
            text.append(" (accepted: ").append(String.join(", ", accepted)).append(')');
        }
        return text.toString();
    }
}
