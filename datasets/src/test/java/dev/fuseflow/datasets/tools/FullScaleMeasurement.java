package dev.fuseflow.datasets.tools;

import dev.fuseflow.datasets.DataPart;
import dev.fuseflow.datasets.Dataset;
import dev.fuseflow.datasets.DatasetRegistry;
import dev.fuseflow.datasets.SparseMatrix;
import dev.fuseflow.datasets.cache.DatasetCache;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Not a test (surefire runs only {@code *Test} classes): generates one dataset at full scale and prints the
 * generation time, the peak heap and, for graphs, the realised degree statistics; with a second argument
 * {@code cache}, also the time to store it in a fresh cache and load it back. Run one JVM per dataset, e.g.
 * {@code java -Xmx4g -cp ... dev.fuseflow.datasets.tools.FullScaleMeasurement mag cache}.
 */
public final class FullScaleMeasurement {
    private FullScaleMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        String spec = args[0];
        boolean cache = args.length > 1 && args[1].equals("cache");
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        Dataset dataset = DatasetRegistry.resolve(spec, 1, 1, DatasetCache.disabled());
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long held = 0;
        for (DataPart part : dataset.parts().values()) {
            held += part.bytes();
        }
        System.out.printf("%-18s generate %7.2f s   peak heap %,7d MB   parts %,7d MB   max heap %,d MB%n", spec, seconds,
                peak >> 20, held >> 20, Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("  " + dataset.summary());
        if (dataset.dimensions().containsKey("nodes") && dataset.matrix().isPresent()) {
            SparseMatrix a = dataset.matrix().get();
            int[] degree = new int[a.rowCount()];
            int[] inDegree = new int[a.rowCount()];
            for (int e = 0; e < a.nnz(); e++) {
                degree[a.rows()[e]]++;
                inDegree[a.cols()[e]]++;
            }
            System.out.printf("  out-degree max %d, nodes without out-edges %d; in-degree max %d, nodes without "
                    + "in-edges %d; mean %.2f%n", max(degree), zeros(degree), max(inDegree), zeros(inDegree),
                    (double) a.nnz() / a.rowCount());
        }
        if (cache) {
            Path dir = Files.createTempDirectory("fuseflow-cache-measure");
            DatasetCache fresh = new DatasetCache(dir, Long.MAX_VALUE, System.err::println);
            long t0 = System.nanoTime();
            DatasetRegistry.resolve(spec, 1, 1, fresh);
            double store = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            DatasetRegistry.resolve(spec, 1, 1, fresh);
            double load = (System.nanoTime() - t1) / 1e9;
            long size;
            try (var files = Files.list(dir)) {
                size = files.mapToLong(p -> p.toFile().length()).sum();
            }
            System.out.printf("  cache: generate+store %.2f s, load+verify %.2f s, entry %,d MB%n", store, load, size >> 20);
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static int max(int[] values) {
        int max = 0;
        for (int v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static int zeros(int[] values) {
        int count = 0;
        for (int v : values) {
            count += v == 0 ? 1 : 0;
        }
        return count;
    }
}
