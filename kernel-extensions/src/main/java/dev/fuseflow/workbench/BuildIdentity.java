package dev.fuseflow.workbench;

import dev.fuseflow.compiler.Compiler;
import dev.fuseflow.datasets.DatasetRegistry;
import dev.fuseflow.simulator.engine.Simulator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The project version plus a fingerprint of the code that computes results, part of every cached result's key.
 * The version alone is not enough: during development it stays {@code 0.1.0-SNAPSHOT} while the simulator's
 * timing rules change, and a cache must never hand back numbers an older simulator produced. The fingerprint is
 * the size and modification time of each jar the compiler, simulator, datasets and workbench come from, or of
 * the newest class file when they come from build folders.
 */
final class BuildIdentity {
    /** The version Maven writes into the jar's manifest, or the development version when run from classes. */
    static final String VERSION = version();

    private static volatile String identity;

    private BuildIdentity() {
    }

    /** {@code VERSION + fingerprint}, computed once per JVM. */
    static String identity() {
        String known = identity;
        if (known == null) {
            known = VERSION + " " + fingerprint();
            identity = known;
        }
        return known;
    }

    private static String version() {
        String version = BuildIdentity.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }

    private static String fingerprint() {
        Set<Path> sources = new LinkedHashSet<>();
        for (Class<?> type : new Class<?>[] {Compiler.class, Simulator.class, DatasetRegistry.class, BuildIdentity.class}) {
            try {
                var source = type.getProtectionDomain().getCodeSource();
                if (source != null) {
                    sources.add(Path.of(source.getLocation().toURI()));
                }
            } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
                sources.add(Path.of(type.getName())); // no location: the class name still separates builds a little
            }
        }
        StringBuilder text = new StringBuilder();
        for (Path source : sources) {
            text.append(source.getFileName()).append('@').append(stamp(source)).append(' ');
        }
        return text.toString().strip();
    }

    private static String stamp(Path source) {
        try {
            if (Files.isRegularFile(source)) {
                return Files.size(source) + ":" + Files.getLastModifiedTime(source).toMillis();
            }
            if (Files.isDirectory(source)) {
                long newest = 0;
                long count = 0;
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                        newest = Math.max(newest, Files.getLastModifiedTime(file).toMillis());
                        count++;
                    }
                }
                return count + ":" + newest;
            }
        } catch (IOException e) {
            return "unreadable";
        }
        return "absent";
    }
}
