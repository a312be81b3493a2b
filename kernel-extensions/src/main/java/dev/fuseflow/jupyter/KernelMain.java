package dev.fuseflow.jupyter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * The kernel process: {@code java -cp fuseflow.jar dev.fuseflow.jupyter.KernelMain CONNECTION_FILE}, as
 * written into kernel.json by {@link KernelInstaller}. Jupyter substitutes the connection file.
 */
public final class KernelMain {

    /** Held so the level set on it is not lost when the logger is garbage-collected. */
    private static final Logger ROOT_LOG = Logger.getLogger("");

    private KernelMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp fuseflow.jar " + KernelMain.class.getName() + " CONNECTION_FILE");
            System.exit(2);
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // jjava logs each socket loop's start and stop at INFO (loggers "Loop-<socket>") on stderr, which
        // Jupyter shows; keep the kernel's stderr for warnings and errors.
        ROOT_LOG.setLevel(Level.WARNING);

        KernelConnectionProperties connection = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        JupyterConnection jupyter = new JupyterConnection(connection);
        FuseFlowKernel kernel = new FuseFlowKernel();
        kernel.onStartup();
        kernel.becomeHandlerForConnection(jupyter);
        jupyter.connect();
        jupyter.waitUntilClose();
        System.exit(0);
    }
}
