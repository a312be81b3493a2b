package dev.fuseflow.workbench;

import dev.fuseflow.simulator.engine.EngineOptions;
import java.util.Map;

/**
 * One configuration of a sweep grid: its coordinates (the {@link SweepRow#COORDINATES} columns) and either
 * what running it needs (the bound model under its schedule and parallelization, the order word, the engine
 * options, and the key text of its cached result) or the sentence saying why it cannot run.
 *
 * @param keyText everything that determines the result, one {@code name=value} per line; the cache's key
 */
record SweepPoint(Map<String, Object> coordinates, ResolvedModel.Bound bound, String orderSpec, EngineOptions options,
        Integer decoders, String keyText, String error) {

    static SweepPoint runnable(Map<String, Object> coordinates, ResolvedModel.Bound bound, String orderSpec,
            EngineOptions options, Integer decoders, String datasetIdentity) {
        ResolvedModel resolved = bound.resolved();
        String keyText = "fuseflow sweep result\n"
                + "build=" + BuildIdentity.identity() + "\n"
                + "model=" + coordinates.get("model") + "\n"
                + "dataset=" + datasetIdentity + "\n"
                + "schedule=" + resolved.schedule + "\n"
                + "order=" + orderSpec + "\n"
                + "par=" + resolved.parallelization + "\n"
                + "engine=" + options + "\n"
                + "decoders=" + decoders + "\n"
                + "program=\n" + resolved.program;
        return new SweepPoint(coordinates, bound, orderSpec, options, decoders, keyText, null);
    }

    static SweepPoint failed(Map<String, Object> coordinates, String error) {
        return new SweepPoint(coordinates, null, null, null, null, null, error);
    }

    boolean runnable() {
        return error == null;
    }
}
