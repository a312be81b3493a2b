package dev.fuseflow.jupyter;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * The one kernel of this test JVM (jjava keeps the live kernel in a static field, so a JVM can have only one)
 * and a helper that runs a cell the way the Jupyter connection would, recording what it produced.
 */
final class SharedKernel {

    /** Short, so tests of abandoned commands finish quickly. */
    static final long TEST_STOP_GRACE_MILLIS = 1_000;

    private static final Object INIT = new Object();
    private static final Object RUN = new Object();
    private static volatile FuseFlowKernel kernel;

    private SharedKernel() {
    }

    static FuseFlowKernel get() {
        FuseFlowKernel k = kernel;
        if (k != null) {
            return k;
        }
        synchronized (INIT) {
            if (kernel == null) {
                FuseFlowKernel created = new FuseFlowKernel(TEST_STOP_GRACE_MILLIS);
                created.onStartup();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> created.onShutdown(false)));
                kernel = created;
            }
            return kernel;
        }
    }

    /** What one cell produced; {@code updates} are updates of displays shown with an id (progress). */
    record Cell(String stdout, String stderr, List<DisplayData> displays, List<DisplayData> updates, DisplayData result,
            Exception error) {

        String resultText() {
            return result == null ? null : (String) result.getData(MIMEType.TEXT_PLAIN);
        }

        List<String> errorLines() {
            return error == null ? List.of() : get().formatError(error);
        }
    }

    /** Runs a cell with System.out/err captured, as the kernel does during an execute request. */
    static Cell run(String code) {
        FuseFlowKernel k = get();
        synchronized (RUN) {
            return run(k, code);
        }
    }

    private static Cell run(FuseFlowKernel k, String code) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        List<DisplayData> displays = new ArrayList<>();
        List<DisplayData> updates = new ArrayList<>();
        DisplayData result = null;
        Exception error = null;
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        try {
            result = k.evalCell(code, displays::add, updates::add);
        } catch (Exception e) {
            error = e;
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(out);
            System.setErr(err);
        }
        return new Cell(outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8),
                displays, updates, result, error);
    }

    static String data(DisplayData bundle, String mime) {
        return (String) bundle.getData(MIMEType.parse(mime));
    }
}
