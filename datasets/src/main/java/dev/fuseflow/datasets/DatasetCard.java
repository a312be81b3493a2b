package dev.fuseflow.datasets;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a registered dataset is: its sizes at full scale (each marked when the number is uncertain), where
 * the numbers come from, how the stand-in is generated, what {@code --scale} does, and what is uncertain.
 *
 * @param kind         {@code graph}, {@code autoencoder} or {@code attention-mask}
 * @param parameters   the {@code name:key=value} keys it accepts, with their defaults
 * @param fullScaleBytes memory its parts take at scale 1 (from the sizes, before any generation)
 */
public record DatasetCard(String name, String kind, String title, List<Fact> sizes, String source,
        String generator, String scaleRule, List<String> parameters, List<String> uncertain, long fullScaleBytes) {

    /** One size, e.g. {@code nodes = 2,708}; {@code uncertain} when the published number is in doubt. */
    public record Fact(String label, String value, boolean uncertain) {
        public static Fact of(String label, long value) {
            return new Fact(label, String.format("%,d", value), false);
        }

        public static Fact doubtful(String label, long value) {
            return new Fact(label, String.format("%,d", value), true);
        }

        /** {@code 2,708 nodes}, with {@code (uncertain)} appended where it applies. */
        public String text() {
            return value + " " + label + (uncertain ? " (uncertain)" : "");
        }
    }

    public DatasetCard {
        sizes = List.copyOf(sizes);
        parameters = List.copyOf(parameters);
        uncertain = List.copyOf(uncertain);
    }

    /** The sizes on one line, e.g. {@code 2,708 nodes, 10,556 edges, 1,433 features, 7 classes}. */
    public String sizeLine() {
        return sizes.stream().map(Fact::text).collect(Collectors.joining(", "));
    }

    /** The card as aligned {@code label: value} lines. */
    public String text() {
        StringBuilder text = new StringBuilder();
        line(text, "name", name);
        line(text, "title", title);
        line(text, "kind", kind);
        line(text, "sizes", sizeLine());
        line(text, "source", source);
        line(text, "generator", generator);
        line(text, "--scale", scaleRule);
        line(text, "parameters", parameters.isEmpty() ? "none" : String.join(", ", parameters));
        line(text, "uncertain", uncertain.isEmpty() ? "nothing known" : String.join("; ", uncertain));
        line(text, "memory", String.format("%,.1f MB at scale 1", fullScaleBytes / 1e6));
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format("%-11s %s%n", label + ":", value));
    }
}
