package dev.fuseflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./fuseflow} launcher's own logic, run against a fake repository with fake {@code java},
 * {@code mvn} and {@code dpkg-query} on the PATH: when it rebuilds, where build output goes, and how it
 * rejects bad launcher options. No Maven, JVM or Jupyter is started.
 */
class LauncherTest {

    @TempDir Path temp;
    private Path repo;
    private Path bin;
    private Path log;
    private Path jar;

    /** What one launcher run printed and returned. */
    private record Result(int code, String out, String err) {
    }

    @BeforeEach
    void fakeRepository() throws IOException {
        repo = temp.resolve("repo");
        bin = temp.resolve("bin");
        log = temp.resolve("calls.log");
        Files.createDirectories(bin);
        Files.createDirectories(repo.resolve("notebooks"));
        Files.copy(RepoRoot.find().resolve("fuseflow"), repo.resolve("fuseflow"));
        write(repo.resolve("pom.xml"), "<project/>");
        write(repo.resolve("mod/pom.xml"), "<project/>");
        write(repo.resolve("mod/src/main/java/A.java"), "class A {}");
        write(repo.resolve("mod/src/test/java/ATest.java"), "class ATest {}");
        jar = repo.resolve("kernel-extensions/target/fuseflow.jar");
        script("mvn", """
                echo "mvn $*" >> "$CALLS"
                echo "[INFO] pretend build output on stdout"
                mkdir -p kernel-extensions/target && echo jar > kernel-extensions/target/fuseflow.jar
                """);
        script("java", """
                if [ "$1" = -version ]; then echo "openjdk version \\"${FAKE_JAVA_VERSION:-17.0.9}\\" 2023-10-17" >&2; exit 0; fi
                echo "java $*" >> "$CALLS"
                echo '{"ran": true}'
                """);
        script("dpkg-query", """
                echo "dpkg-query: no packages found matching ${!#}" >&2; exit 1
                """);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private void script(String name, String body) throws IOException {
        Path file = bin.resolve(name);
        write(file, "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Result launch(Map<String, String> extraEnv, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", repo.resolve("fuseflow").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile());
        Map<String, String> env = builder.environment();
        env.remove("FUSEFLOW_JAR");
        env.remove("FUSEFLOW_NO_INSTALL");
        env.remove("FUSEFLOW_JAVA_OPTS");
        env.put("PATH", bin + ":/usr/bin:/bin");
        env.put("CALLS", log.toString());
        env.putAll(extraEnv);
        Path out = temp.resolve("out.txt");
        Path err = temp.resolve("err.txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "launcher finished");
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Result launch(String... args) throws Exception {
        return launch(Map.of(), args);
    }

    private List<String> calls() throws IOException {
        List<String> calls = Files.exists(log) ? Files.readAllLines(log) : List.of();
        Files.deleteIfExists(log);
        return calls;
    }

    private long mavenRuns() throws IOException {
        return calls().stream().filter(line -> line.startsWith("mvn ")).count();
    }

    private void touchAfterJar(Path file) throws IOException {
        FileTime later = FileTime.from(Files.getLastModifiedTime(jar).toInstant().plus(Duration.ofSeconds(10)));
        Files.setLastModifiedTime(file, later);
    }

    @Test
    void buildsAMissingJarWithOutputOnStderrThenRunsIt() throws Exception {
        Result result = launch("simulate", "--json");
        assertEquals(0, result.code(), result.err());
        assertEquals("{\"ran\": true}\n", result.out(), "stdout holds only the command's output");
        assertTrue(result.err().contains("pretend build output"), result.err());
        List<String> calls = calls();
        assertEquals(List.of("mvn -B -q -DskipTests package",
                "java -XX:MaxRAMPercentage=75 -Djava.awt.headless=true -jar " + jar + " simulate --json"), calls);
    }

    @Test
    void rebuildsOnlyWhenMainSourcesOrPomsChange() throws Exception {
        launch("compile");
        assertEquals(1, mavenRuns());
        launch("compile");
        assertEquals(0, mavenRuns(), "a fresh jar is not rebuilt");

        touchAfterJar(repo.resolve("mod/src/test/java/ATest.java"));
        write(repo.resolve("mod/target/classes/A.class"), "x");
        touchAfterJar(repo.resolve("mod/target/classes/A.class"));
        write(repo.resolve("notebooks/demo.ipynb"), "{}");
        touchAfterJar(repo.resolve("notebooks/demo.ipynb"));
        launch("compile");
        assertEquals(0, mavenRuns(), "test sources, build outputs and notebooks do not count");

        touchAfterJar(repo.resolve("mod/src/main/java/A.java"));
        launch("compile");
        assertEquals(1, mavenRuns(), "a changed main source rebuilds");

        touchAfterJar(repo.resolve("mod/pom.xml"));
        launch("compile");
        assertEquals(1, mavenRuns(), "a changed module pom rebuilds");

        touchAfterJar(repo.resolve("pom.xml"));
        launch("compile");
        assertEquals(1, mavenRuns(), "a changed parent pom rebuilds");
    }

    @Test
    void givenJarIsUsedAsIsAndNeverBuilt() throws Exception {
        write(temp.resolve("other.jar"), "jar");   // the default jar is missing: it would be built
        Result result = launch(Map.of("FUSEFLOW_JAR", temp.resolve("other.jar").toString()), "datasets");
        assertEquals(0, result.code(), result.err());
        assertEquals(List.of("java -XX:MaxRAMPercentage=75 -Djava.awt.headless=true -jar " + temp.resolve("other.jar") + " datasets"), calls());
    }

    @Test
    void oldJavaIsRefusedClearly() throws Exception {
        Result result = launch(Map.of("FAKE_JAVA_VERSION", "1.8.0_392"), "simulate");
        assertEquals(1, result.code());
        assertTrue(result.err().contains("needs JDK 17 or newer"), result.err());
        assertEquals(List.of(), calls());
    }

    @Test
    void badLauncherOptionsAreOneLineAndExitTwo() throws Exception {
        for (String[] args : List.of(new String[] {"notebook", "--bogus"}, new String[] {"notebook", "--port", "abc"},
                new String[] {"notebook", "--port"}, new String[] {"test", "--bogus"})) {
            Result result = launch(args);
            assertEquals(2, result.code(), String.join(" ", args) + ": " + result.err());
            assertEquals(1, result.err().lines().count(), result.err());
            assertTrue(result.err().startsWith("fuseflow: "), result.err());
            assertEquals("", result.out());
        }
    }

    @Test
    void launcherOnlyCommandsAnswerTheirOwnHelp() throws Exception {
        for (String command : List.of("notebook", "test")) {
            Result result = launch("help", command);
            assertEquals(0, result.code(), result.err());
            assertTrue(result.out().startsWith("Usage: ./fuseflow " + command), result.out());
        }
        assertEquals(List.of(), calls(), "nothing built or run");
    }

    @Test
    void reportNeedsNbconvertButItsHelpNeedsNothing() throws Exception {
        Result missing = launch(Map.of("FUSEFLOW_NO_INSTALL", "1"), "report", "notebooks/x.ipynb");
        assertEquals(1, missing.code(), missing.err());
        assertTrue(missing.err().contains("apt-get install -y --no-install-recommends jupyter-nbconvert jupyter-client"
                + " graphviz"), missing.err());
        assertEquals(List.of(), calls(), "nothing built or run");

        write(temp.resolve("other.jar"), "jar");
        Result help = launch(Map.of("FUSEFLOW_NO_INSTALL", "1", "FUSEFLOW_JAR", temp.resolve("other.jar").toString(),
                "FUSEFLOW_JAVA_OPTS", "-Xmx3g"), "report", "--help");
        assertEquals(0, help.code(), help.err());
        assertEquals(List.of("java -Xmx3g -Djava.awt.headless=true -jar " + temp.resolve("other.jar") + " report --help"),
                calls(), "FUSEFLOW_JAVA_OPTS replaces the heap default; stderr is no terminal here, so no progress flag");
    }

    @Test
    void missingPackagesNameTheExactAptGetLine() throws Exception {
        Result result = launch(Map.of("FUSEFLOW_NO_INSTALL", "1"), "notebook", "--no-browser");
        assertEquals(1, result.code(), result.err());
        assertTrue(result.err().contains("apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y"
                + " --no-install-recommends jupyter-notebook jupyter-nbconvert jupyter-client graphviz"), result.err());
        assertEquals(List.of(), calls(), "nothing built or run");
    }
}
