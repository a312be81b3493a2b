package dev.fuseflow.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.process.ProcessResult;
import dev.fuseflow.report.ProvenanceBlock;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, after {@code package}: {@code java -jar fuseflow.jar report notebooks/00-quickstart.ipynb -o FILE}
 * executes the notebook with Debian's nbconvert, then headless Chromium (Debian {@code chromium}) opens the
 * report and takes a screenshot, which must show a rendered page (many colours, much ink) with the provenance
 * block's blue edge in it. Skips with a message when Jupyter or Chromium is missing (fails instead under
 * {@code ./fuseflow test}).
 */
class ReportIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** The provenance block's left border colour, #3b6ea8. */
    private static final int BLOCK_EDGE = 0x3b6ea8;

    @Test
    void quickstartReportRendersInChromiumAndIsNeverOverwritten(@TempDir Path dir) throws Exception {
        JupyterTooling.requireOrSkip(Files.isExecutable(JupyterTooling.JUPYTER), JupyterTooling.JUPYTER_MISSING);
        JupyterTooling.requireOrSkip(Files.isExecutable(CHROMIUM), CHROMIUM + " (Debian package chromium)");
        Path root = JupyterTooling.repoRoot();
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.putAll(JupyterTooling.privateJupyter(dir));
        env.put("FUSEFLOW_KERNEL_XMX", "1g");
        env.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        Path report = dir.resolve("quickstart report.html");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JupyterTooling.shadedJar().toString(), "report", "notebooks/00-quickstart.ipynb", "-o",
                report.toString());

        long start = System.nanoTime();
        ProcessResult made = JupyterTooling.run(command, env, root, Duration.ofMinutes(8));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, made.exitCode(), made.output());
        assertTrue(made.output().contains("report written to " + report), made.output());
        System.out.println("ReportIT: report of 00-quickstart written in " + millis + " ms");
        String html = Files.readString(report);
        assertTrue(html.contains("id=\"" + ProvenanceBlock.ID + "\"") && html.contains("zoo:spmm")
                && html.contains("timing=comal"), "the provenance block names the run");
        assertTrue(html.contains("data:image/png;base64,"), "plots are embedded PNGs");
        assertFalse(html.matches("(?s).*<script[^>]*\\bsrc=.*"), "no scripts from outside the page");
        assertTrue(Files.notExists(root.resolve("notebooks/00-quickstart.html")), "nothing written beside the notebook");

        Path screenshot = dir.resolve("report.png");
        ProcessResult shot = JupyterTooling.run(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--user-data-dir=" + dir.resolve("chromium"),
                "--window-size=1200,1600", "--screenshot=" + screenshot, report.toUri().toString()), env, dir,
                Duration.ofMinutes(2));
        assertEquals(0, shot.exitCode(), shot.output());
        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertEquals(1200, image.getWidth());
        int background = image.getRGB(image.getWidth() - 1, image.getHeight() - 1) & 0xffffff;
        Set<Integer> colours = new HashSet<>();
        long ink = 0;
        boolean blockEdge = false;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                ink += rgb == background ? 0 : 1;
                blockEdge |= rgb == BLOCK_EDGE;
            }
        }
        long sampled = (long) (image.getWidth() / 2) * (image.getHeight() / 2);
        assertTrue(colours.size() > 50, "not blank: " + colours.size() + " colours");
        assertTrue(ink > sampled / 50, "not blank: " + ink + " of " + sampled + " sampled pixels differ from the page");
        assertTrue(blockEdge, "the provenance block is on screen");

        byte[] before = Files.readAllBytes(report);
        ProcessResult again = JupyterTooling.run(command, env, root, Duration.ofMinutes(2));
        assertEquals(2, again.exitCode(), again.output());
        assertTrue(again.output().contains("already exists"), again.output());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(report)), "the existing report is untouched");
    }
}
