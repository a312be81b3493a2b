package dev.fuseflow.workbench;

import com.google.gson.GsonBuilder;
import dev.fuseflow.datasets.DatasetCard;
import dev.fuseflow.datasets.DatasetRegistry;
import dev.fuseflow.diagnostics.UserError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code datasets [NAME] [--json]}: the registered datasets' cards, as a table (one line per dataset) or, for
 * one NAME, the whole card; {@code --json} prints the cards as JSON. Nothing is generated.
 */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = {"List the registered datasets with their cards (sizes, where the numbers come from, how the "
                + "stand-in is generated, what --scale does, what is uncertain). Nothing is generated.",
                "Besides these names, --dataset accepts synthetic:rows=..,cols=..,density=..,features=..,seed=.. and "
                        + "the path of a .mtx, edge-list (.csv/.tsv/.txt/.edges/.el), .npy/.npz file or Comal tensor "
                        + "directory, optionally followed by :key=value,..."})
final class DatasetsCommand implements Callable<CommandOutput> {

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "show this dataset's whole card")
    String name;

    @Option(names = "--json", description = "print the cards as JSON (an array, or one object with NAME)")
    boolean json;

    @Override
    public CommandOutput call() {
        List<DatasetCard> cards;
        if (name == null) {
            cards = DatasetRegistry.cards();
        } else {
            cards = List.of(DatasetRegistry.entry(name).orElseThrow(() -> UserError.unknown("dataset", name,
                    DatasetRegistry.cards().stream().map(DatasetCard::name).toList())).card());
        }
        String jsonText = json(cards, name != null);
        Table table = table(cards);
        String text = json ? jsonText : name != null ? cards.get(0).text() : table.printAll()
                + "\n\n(uncertain) marks a published count in doubt. `datasets NAME` shows a whole card: source, "
                + "generator, --scale rule (graphs keep their average degree, autoencoders scale D, BigBird keeps its "
                + "density), what is uncertain.";
        return new CommandOutput() {
            @Override
            public String plainText() {
                return text;
            }

            @Override
            public Optional<String> json() {
                return Optional.of(jsonText);
            }

            @Override
            public Optional<Table> table() {
                return Optional.of(table);
            }
        };
    }

    static Table table(List<DatasetCard> cards) {
        StringColumn names = StringColumn.create("name");
        StringColumn kinds = StringColumn.create("kind");
        StringColumn sizes = StringColumn.create("sizes");
        StringColumn memory = StringColumn.create("memory (scale 1)");
        for (DatasetCard card : cards) {
            names.append(card.name());
            kinds.append(card.kind());
            sizes.append(card.sizeLine());
            memory.append(megabytes(card.fullScaleBytes()));
        }
        return Table.create("Datasets", names, kinds, sizes, memory);
    }

    private static String megabytes(long bytes) {
        if (bytes < 1_000_000) {
            return String.format("%,d kB", Math.max(1, Math.round(bytes / 1e3)));
        }
        return bytes < 10_000_000 ? String.format("%.1f MB", bytes / 1e6) : String.format("%,d MB", Math.round(bytes / 1e6));
    }

    static String json(List<DatasetCard> cards, boolean single) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (DatasetCard card : cards) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("name", card.name());
            object.put("kind", card.kind());
            object.put("title", card.title());
            List<Map<String, Object>> sizes = new ArrayList<>();
            for (DatasetCard.Fact fact : card.sizes()) {
                Map<String, Object> size = new LinkedHashMap<>();
                size.put("label", fact.label());
                size.put("value", fact.value());
                size.put("uncertain", fact.uncertain());
                sizes.add(size);
            }
            object.put("sizes", sizes);
            object.put("source", card.source());
            object.put("generator", card.generator());
            object.put("scale_rule", card.scaleRule());
            object.put("parameters", card.parameters());
            object.put("uncertain", card.uncertain());
            object.put("full_scale_bytes", card.fullScaleBytes());
            objects.add(object);
        }
        return new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create().toJson(single ? objects.get(0) : objects);
    }
}
