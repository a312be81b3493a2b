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
