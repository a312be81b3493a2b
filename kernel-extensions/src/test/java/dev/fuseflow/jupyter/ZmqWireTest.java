package dev.fuseflow.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The kernel over the real Jupyter wire protocol: ZeroMQ sockets on localhost, messages signed with
 * HMAC-SHA256, a minimal client written here (no Python).
 */
class ZmqWireTest {

    private static final Gson GSON = new Gson();
    private static final String DELIMITER = "<IDS|MSG>";

    private static String key;
    private static JupyterConnection connection;
    private static ZContext context;
    private static ZMQ.Socket shell;
    private static ZMQ.Socket control;
    private static ZMQ.Socket iopub;
    private static final String SESSION = UUID.randomUUID().toString();

    /** jjava logs each socket loop's start and stop at INFO; quiet while this class runs. */
    private static final Logger ROOT_LOG = Logger.getLogger("");
    private static Level rootLevel;

    @BeforeAll
    static void connect() throws Exception {
        rootLevel = ROOT_LOG.getLevel();
        ROOT_LOG.setLevel(Level.WARNING);
        key = UUID.randomUUID().toString();
        int[] ports = freePorts(5);
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("transport", "tcp");
        file.put("ip", "127.0.0.1");
        file.put("shell_port", ports[0]);
        file.put("iopub_port", ports[1]);
        file.put("stdin_port", ports[2]);
        file.put("control_port", ports[3]);
        file.put("hb_port", ports[4]);
        file.put("signature_scheme", "hmac-sha256");
        file.put("key", key);
        connection = new JupyterConnection(KernelConnectionProperties.parse(GSON.toJson(file)));
        SharedKernel.get().becomeHandlerForConnection(connection);
        connection.connect();

        context = new ZContext();
        shell = socket(SocketType.DEALER, ports[0]);
        control = socket(SocketType.DEALER, ports[3]);
        iopub = socket(SocketType.SUB, ports[1]);
        iopub.subscribe(new byte[0]);
        Thread.sleep(300); // the subscription must reach the kernel before it publishes (slow joiner)
    }

    @AfterAll
    static void disconnect() {
        if (context != null) {
            context.close();
        }
        if (connection != null) {
            connection.close();
            connection.waitUntilClose();
        }
        ROOT_LOG.setLevel(rootLevel);
    }

    @Test
    void kernelInfoReplyHasStatusOk() throws Exception {
        String id = send(shell, "kernel_info_request", new JsonObject());
        Msg reply = receive(shell, 10_000);
        assertEquals("kernel_info_reply", reply.type());
        assertEquals(id, reply.parentId());
        assertEquals("ok", reply.content().get("status").getAsString());
        assertEquals("java", reply.content().getAsJsonObject("language_info").get("name").getAsString());
        assertEquals("5.3", reply.content().get("protocol_version").getAsString());
        drainIopub(id);
    }

    @Test
    void executeRequestRoundTrip() throws Exception {
        String id = execute("System.out.println(\"over the wire\");\n6 * 7");
        List<Msg> published = drainIopub(id);
        Msg reply = receive(shell, 30_000);
        assertEquals("execute_reply", reply.type());
        assertEquals(id, reply.parentId());
        assertEquals("ok", reply.content().get("status").getAsString());

        List<String> types = published.stream().map(Msg::type).toList();
        assertEquals("busy", published.get(0).content().get("execution_state").getAsString(), types.toString());
        assertTrue(types.contains("execute_input"), types.toString());
        Msg stream = published.stream().filter(m -> m.type().equals("stream")).findFirst().orElseThrow();
        assertEquals("stdout", stream.content().get("name").getAsString());
        assertTrue(stream.content().get("text").getAsString().contains("over the wire"));
        Msg result = published.stream().filter(m -> m.type().equals("execute_result")).findFirst().orElseThrow();
        assertEquals("42", result.content().getAsJsonObject("data").get("text/plain").getAsString());
        assertEquals("idle", published.get(published.size() - 1).content().get("execution_state").getAsString());
    }

    @Test
    void userErrorComesBackAsAnErrorReply() throws Exception {
        String id = execute("%fuseflow nosuchcmd");
        List<Msg> published = drainIopub(id);
        Msg reply = receive(shell, 30_000);
        assertEquals("error", reply.content().get("status").getAsString());
        Msg error = published.stream().filter(m -> m.type().equals("error")).findFirst().orElseThrow();
        assertEquals("UserError", error.content().get("ename").getAsString());
        assertTrue(error.content().get("evalue").getAsString().contains("nosuchcmd"));
        String traceback = error.content().getAsJsonArray("traceback").toString();
        assertTrue(traceback.contains("Usage: %fuseflow COMMAND"), "the usage follows the sentence: " + traceback);
    }

    @Test
    void progressIsOneDisplayWithATransientIdThenUpdatesOfIt() throws Exception {
        FuseFlowKernel kernel = SharedKernel.get();
        kernel.commandRunner(args -> {
            for (int step = 1; step <= 6; step++) {
                kernel.progressListener().update("simulate", step - 1, 6, "group 1 of 1, " + step + ",000,000 token steps");
                Thread.sleep(NotebookProgress.SHOW_AFTER_MILLIS / 2);
            }
            return dev.fuseflow.workbench.CommandOutput.text("done");
        });
        try {
            String id = execute("%fuseflow simulate --model zoo:spmm --dataset generated");
            List<Msg> published = drainIopub(id);
            assertEquals("ok", receive(shell, 30_000).content().get("status").getAsString());
            List<Msg> displays = published.stream().filter(m -> m.type().equals("display_data")).toList();
            assertEquals(1, displays.size(), published.stream().map(Msg::type).toList().toString());
            String displayId = displays.get(0).content().getAsJsonObject("transient").get("display_id").getAsString();
            List<Msg> updates = published.stream().filter(m -> m.type().equals("update_display_data")).toList();
            assertTrue(updates.size() >= 2, "updated in place: " + updates.size());
            for (Msg update : updates) {
                assertEquals(displayId, update.content().getAsJsonObject("transient").get("display_id").getAsString());
            }
            String last = updates.get(updates.size() - 1).content().getAsJsonObject("data").get("text/plain").getAsString();
            assertTrue(last.contains(": done"), last);
        } finally {
            kernel.commandRunner(kernel.workbenchRunner());
        }
    }

    @Test
    void interruptRequestOnTheControlChannelStopsACell() throws Exception {
        String id = execute("while (true) { }");
        Thread.sleep(700);
        long t0 = System.nanoTime();
        send(control, "interrupt_request", new JsonObject());
        Msg interruptReply = receive(control, 10_000);
        assertEquals("interrupt_reply", interruptReply.type());
        Msg reply = receive(shell, 5_000);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("execute_reply", reply.type());
        assertEquals(id, reply.parentId());
        assertEquals("error", reply.content().get("status").getAsString());
        assertTrue(millis < 2_000, "stopped after " + millis + " ms");
        drainIopub(id);
        String next = execute("1 + 1");
        drainIopub(next);
        assertEquals("ok", receive(shell, 30_000).content().get("status").getAsString());
    }

    // ------------------------------------------------------------ a minimal Jupyter client

    private record Msg(JsonObject header, JsonObject parent, JsonObject content) {
        String type() {
            return header.get("msg_type").getAsString();
        }

        String parentId() {
            return parent.has("msg_id") ? parent.get("msg_id").getAsString() : null;
        }
    }

    private static String execute(String code) {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        content.addProperty("silent", false);
        content.addProperty("store_history", true);
        content.add("user_expressions", new JsonObject());
        content.addProperty("allow_stdin", false);
        content.addProperty("stop_on_error", true);
        return send(shell, "execute_request", content);
    }

    private static String send(ZMQ.Socket socket, String type, JsonObject content) {
        String id = UUID.randomUUID().toString();
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", id);
        header.addProperty("session", SESSION);
        header.addProperty("username", "test");
        header.addProperty("date", Instant.now().toString());
        header.addProperty("msg_type", type);
        header.addProperty("version", "5.3");
        List<byte[]> parts = List.of(bytes(GSON.toJson(header)), bytes("{}"), bytes("{}"), bytes(GSON.toJson(content)));
        socket.sendMore(DELIMITER);
        socket.sendMore(sign(parts));
        for (int i = 0; i < parts.size(); i++) {
            if (i < parts.size() - 1) {
                socket.sendMore(parts.get(i));
            } else {
                socket.send(parts.get(i));
            }
        }
        return id;
    }

    private static Msg receive(ZMQ.Socket socket, int timeoutMillis) {
        socket.setReceiveTimeOut(timeoutMillis);
        List<byte[]> frames = new ArrayList<>();
        byte[] frame = socket.recv();
        if (frame == null) {
            fail("no message within " + timeoutMillis + " ms");
        }
        frames.add(frame);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv());
        }
        int at = 0;
        while (at < frames.size() && !new String(frames.get(at), StandardCharsets.UTF_8).equals(DELIMITER)) {
            at++;
        }
        assertTrue(at + 5 < frames.size() + 1, "a Jupyter message");
        String signature = new String(frames.get(at + 1), StandardCharsets.UTF_8);
        List<byte[]> parts = frames.subList(at + 2, at + 6);
        assertEquals(sign(parts), signature, "HMAC-SHA256 signature");
        return new Msg(json(parts.get(0)), json(parts.get(1)), json(parts.get(3)));
    }

    /** Reads iopub up to and including the idle status for request {@code id}. */
    private static List<Msg> drainIopub(String id) {
        List<Msg> mine = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            Msg msg = receive(iopub, 60_000);
            if (!id.equals(msg.parentId())) {
                continue;
            }
            mine.add(msg);
            if (msg.type().equals("status") && msg.content().get("execution_state").getAsString().equals("idle")) {
                return mine;
            }
        }
        fail("no idle status for " + id);
        return mine;
    }

    private static String sign(List<byte[]> parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(bytes(key), "HmacSHA256"));
            parts.forEach(mac::update);
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ZMQ.Socket socket(SocketType type, int port) {
        ZMQ.Socket socket = context.createSocket(type);
        socket.setLinger(0);
        socket.connect("tcp://127.0.0.1:" + port);
        return socket;
    }

    private static int[] freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static JsonObject json(byte[] bytes) {
        JsonObject object = GSON.fromJson(new String(bytes, StandardCharsets.UTF_8), JsonObject.class);
        assertNotNull(object);
        return object;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
