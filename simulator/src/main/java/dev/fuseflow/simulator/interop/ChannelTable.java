package dev.fuseflow.simulator.interop;

import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.graph.SamGraph;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns Comal channel ids into SAM graph streams while a graph is imported, the way Comal's driver pairs
 * senders and receivers (comal-timing-model.md §3): one map per namespace, one producer and one consumer
 * per id, id 0 (or an absent output) a discarding sender. Violations become one-sentence user errors
 * naming the file, the stream and the two operations, because Comal itself would panic or hang on them.
 */
final class ChannelTable {
    private record Key(StreamNamespace namespace, long id) {
        String describe() {
            return namespace.word() + " stream " + id;
        }
    }

    private final String file;
    private final SamGraph.Builder builder;
    private final Map<Key, Integer> streams = new HashMap<>();
    private final Map<Key, Long> producers = new LinkedHashMap<>();
    private final Map<Key, Long> consumers = new LinkedHashMap<>();

    ChannelTable(String file, SamGraph.Builder builder) {
        this.file = file;
        this.builder = builder;
    }

    /** The stream an operation writes to; a discarding output gets a fresh stream nothing reads. */
    int produced(StreamField field, long opId, String opKind) {
        checkId(field, opId, opKind);
        if (field.discards()) {
            return builder.stream(field.namespace().kind(),
                    "discarded " + field.namespace().word() + " of op " + opId + "." + field.field());
        }
        Key key = new Key(field.namespace(), field.id());
        Long earlier = producers.putIfAbsent(key, opId);
        if (earlier != null) {
            throw UserError.of(file + ": " + key.describe() + " is written by operations " + earlier + " and " + opId
                    + ", but a Comal channel id has exactly one producer.");
        }
        return stream(key);
    }

    /** The stream an operation reads; the input must be set and must not be the discard id 0. */
    int consumed(StreamField field, long opId, String opKind) {
        checkId(field, opId, opKind);
        if (!field.present() || field.id() == 0) {
            throw UserError.of(file + ": operation " + opId + " (" + opKind + ") has no input in field "
                    + field.field() + (field.present() ? " (id 0 only discards outputs)" : "") + ".");
        }
        Key key = new Key(field.namespace(), field.id());
        Long earlier = consumers.putIfAbsent(key, opId);
        if (earlier != null) {
            throw UserError.of(file + ": " + key.describe() + " is read by operations " + earlier + " and " + opId
                    + ", but a Comal channel has one consumer; fan-out needs a broadcast operation.");
        }
        return stream(key);
    }

    /** Checks that every stream read is also written, once all operations have been seen. */
    void checkComplete() {
        for (var entry : consumers.entrySet()) {
            if (!producers.containsKey(entry.getKey())) {
                throw UserError.of(file + ": operation " + entry.getValue() + " reads " + entry.getKey().describe()
                        + ", which no operation writes.");
            }
        }
    }

    private void checkId(StreamField field, long opId, String opKind) {
        if (field.present() && !field.hasId()) {
            throw UserError.of(file + ": operation " + opId + " (" + opKind + ") field " + field.field()
                    + " is a stream without its id message, which Comal cannot read.");
        }
    }

    private int stream(Key key) {
        return streams.computeIfAbsent(key,
                k -> builder.stream(k.namespace().kind(), k.namespace().word() + " " + k.id()));
    }
}
