package dev.fuseflow.compiler.export;

import com.google.gson.stream.JsonWriter;
import dev.fuseflow.compiler.CompiledGroup;
import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.Compiler;
import dev.fuseflow.compiler.passes.OpParameters;
import dev.fuseflow.simulator.graph.OutputSpec;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.SamOp;
import dev.fuseflow.simulator.graph.Stream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code --emit json}: a compiled program as one JSON document, schema {@code fuseflow-sam-graphs} version
 * {@value #VERSION}, documented field by field in {@code compiler/docs/graph-json.md}. Output is
 * deterministic (ops in graph order, streams by id, keys in a fixed order) and pretty-printed with two
 * spaces, so it diffs well; a change to the meaning of a field bumps the version.
 */
public final class JsonExporter {
    /** The schema version; bump it when a field changes meaning or disappears. */
    public static final int VERSION = 1;

    private JsonExporter() {
    }

    public static String toJson(CompiledProgram compiled) {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.setIndent("  ");
            json.beginObject();
            json.name("format").value("fuseflow-sam-graphs");
            json.name("version").value(VERSION);
            json.name("program").value(compiled.program().name());
            json.name("fusion").value(compiled.fusion());
            json.name("schedule").value(compiled.schedule().toString());
            json.name("groups").beginArray();
            for (CompiledGroup group : compiled.groups()) {
                writeGroup(json, group);
            }
            json.endArray();
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString() + "\n";
    }

    private static void writeGroup(JsonWriter json, CompiledGroup group) throws IOException {
        json.beginObject();
        json.name("index").value(group.index());
        json.name("assignments").beginArray();
        for (int assignment : group.assignments()) {
            json.value(assignment);
        }
        json.endArray();
        json.name("order").value(group.order().name());
        json.name("valid_orders").beginObject();
        json.name("count").value(group.validOrders().size());
        json.name("at_limit").value(group.validOrders().size() >= Compiler.ORDER_LIMIT);
        json.name("names").beginArray();
        for (String name : group.validOrders()) {
            json.value(name);
        }
        json.endArray();
        json.endObject();
        json.name("graph");
        writeGraph(json, group.graph());
        json.endObject();
    }

    /** One SAM graph: its ops with parameters and ports, its streams, its output tensors. */
    static void writeGraph(JsonWriter json, SamGraph graph) throws IOException {
        json.beginObject();
        json.name("name").value(graph.name());
        json.name("ops").beginArray();
        TreeSet<Integer> used = new TreeSet<>();
        for (int id = 0; id < graph.ops().size(); id++) {
            SamOp op = graph.ops().get(id);
            json.beginObject();
            json.name("id").value(id);
            json.name("kind").value(op.kind());
            json.name("label").value(op.label());
            json.name("parameters").beginObject();
            for (Map.Entry<String, Object> parameter : OpParameters.of(op).orElse(Map.of()).entrySet()) {
                json.name(parameter.getKey());
                writeValue(json, parameter.getValue());
            }
            json.endObject();
            json.name("inputs");
            writePorts(json, op.inputPorts(), op.inputs());
            json.name("outputs");
            writePorts(json, op.outputPorts(), op.outputs());
            json.endObject();
            used.addAll(op.outputs());
        }
        json.endArray();
        json.name("streams").beginArray();
        for (int id : used) {
            Stream stream = graph.stream(id);
            json.beginObject();
            json.name("id").value(id);
            json.name("kind").value(stream.kind().name().toLowerCase(Locale.ROOT));
            json.name("name").value(stream.name());
            json.name("producer").value(graph.producerOf(id));
            int consumer = graph.consumerOf(id);
            json.name("consumer");
            if (consumer < 0) {
                json.nullValue();
            } else {
                json.value(consumer);
            }
            json.endObject();
        }
        json.endArray();
        json.name("outputs").beginArray();
        for (OutputSpec output : graph.outputs()) {
            json.beginObject();
            json.name("tensor").value(output.tensor());
            json.name("shape");
            writeInts(json, output.shape());
            json.name("mode_order");
            writeInts(json, output.modeOrder());
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }

    private static void writePorts(JsonWriter json, List<String> ports, List<Integer> streams) throws IOException {
        json.beginArray();
        for (int i = 0; i < streams.size(); i++) {
            json.beginObject();
            json.name("port").value(ports.get(i));
            json.name("stream").value(streams.get(i));
            json.endObject();
        }
        json.endArray();
    }

    private static void writeInts(JsonWriter json, List<Integer> values) throws IOException {
        json.beginArray();
        for (int value : values) {
            json.value(value);
        }
        json.endArray();
    }

    private static void writeValue(JsonWriter json, Object value) throws IOException {
        if (value instanceof Boolean flag) {
            json.value(flag);
        } else if (value instanceof Float number && !Float.isFinite(number)) {
            // JSON has no NaN or infinity; the string keeps the value readable and exact.
            json.value(number.toString());
        } else if (value instanceof Number number) {
            json.value(number);
        } else if (value instanceof Enum<?> word) {
            json.value(word.name().toLowerCase(Locale.ROOT));
        } else {
            json.value(String.valueOf(value));
        }
    }
}
