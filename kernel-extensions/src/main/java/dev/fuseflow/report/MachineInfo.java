package dev.fuseflow.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The machine a report was produced on, as a reader comparing timings needs it: CPU model, cores, memory,
 * operating system, JDK. Read from {@code /proc/cpuinfo} and {@code /etc/os-release} where they exist, else
 * from the JVM.
 */
public record MachineInfo(String cpu, int cores, long memoryBytes, String os, String jdk) {

    /** This machine and JVM. */
    public static MachineInfo current() {
        return new MachineInfo(cpuModel().orElse(System.getProperty("os.arch")),
                Runtime.getRuntime().availableProcessors(), totalMemory(), operatingSystem(),
                System.getProperty("java.vm.name") + " " + Runtime.version());
    }

    private static Optional<String> cpuModel() {
        for (String line : lines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name") && line.contains(":")) {
                return Optional.of(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return Optional.empty();
    }

    private static long totalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }

    private static String operatingSystem() {
        String kernel = System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")";
        for (String line : lines(Path.of("/etc/os-release"))) {
            if (line.startsWith("PRETTY_NAME=")) {
                return line.substring("PRETTY_NAME=".length()).replace("\"", "").strip() + ", " + kernel;
            }
        }
        return kernel;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.isReadable(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}
